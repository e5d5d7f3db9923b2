import type { Plugin } from 'unified';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Article } from '@galley/document';
import { assembleArticle } from './assemble.js';
import { renderHtml, renderMarkdown } from './render.js';
import type { PublishedFiles } from './store.js';

/** Options for the publish stage. */
export interface Options {
  /** Also render Markdown and HTML (default `true`); the JSON document is always built. */
  render?: boolean;
}

/** Plain function: the three published files of an article. */
export async function publish(article: Article): Promise<PublishedFiles> {
  return renderFiles(article);
}

/** Synchronous core of {@link publish}. */
export function renderFiles(article: Article): PublishedFiles {
  return publishedFiles({ article, markdown: renderMarkdown(article), html: renderHtml(article) });
}

/** The files of an article already rendered (what the publish plugin leaves on the file). */
export function publishedFiles(rendered: { article: Article; markdown: string; html: string }): PublishedFiles {
  return {
    'article.json': `${JSON.stringify(rendered.article, null, 2)}\n`,
    'article.md': rendered.markdown,
    'article.html': rendered.html,
  };
}

/**
 * Unified plugin: assembles the document from the stages' data and renders it, storing
 * `file.data.publish`. Writing files is the caller's business (see `DirectoryStore`).
 */
const galleyPublish: Plugin<[Options?], Root> = function (options) {
  const render = options?.render ?? true;
  return (_tree: Root, file: VFile) => {
    const article = assembleArticle(file);
    file.data.publish = {
      article,
      markdown: render ? renderMarkdown(article) : '',
      html: render ? renderHtml(article) : '',
    };
  };
};
export default galleyPublish;

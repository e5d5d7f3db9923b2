import type { Plugin } from 'unified';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Article, StageContract } from '@galley/document';
import { assembleArticle } from './assemble.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { PublishedFiles } from './store.js';

/** Options for the publish stage. */
export interface Options {
  /**
   * Also render Markdown and HTML; the JSON document is always built.
   * @defaultValue true
   */
  render?: boolean;
}

/** The defaults of {@link Options}. */
export const defaultOptions: Required<Options> = { render: true };

/** Reads what the reader and the other stages left (each optional); writes the document and its renderings. */
export const contract: StageContract = {
  reads: ['source', 'clean', 'segment', 'entities', 'stages'],
  writes: ['publish'],
};

/** Plain function: the three published files of an article. */
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
  const render = options?.render ?? defaultOptions.render;
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

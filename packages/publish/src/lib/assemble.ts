import type { VFile } from 'vfile';
import { ARTICLE_SCHEMA, type Article, articleId, workingText } from '@galley/document';

/**
 * Build the `galley.article/1` document from what the stages left on the file. Stages that did
 * not run leave their fields empty, so a partial run still yields a valid document.
 */
export function assembleArticle(file: VFile): Article {
  const source = file.data.source;
  if (!source) throw new Error('publish: the file has no source data; read it through @galley/pipeline');
  const clean = file.data.clean;
  const { text, blocks } = workingText(file);
  const title = clean?.title ?? '';
  const entities = file.data.entities;
  const article: Article = {
    schema: ARTICLE_SCHEMA,
    id: articleId(title || firstWords(text), source.sha256),
    source: {
      format: source.format,
      ...(source.path ? { path: source.path } : {}),
      // Fetched from a URL, that URL; else the one the page declares as its own (canonical).
      ...(source.url || clean?.canonical ? { url: source.url ?? clean?.canonical } : {}),
      sha256: source.sha256,
    },
    title,
    ...(clean?.byline ? { byline: clean.byline } : {}),
    ...(clean?.site ? { site: clean.site } : {}),
    ...(clean?.description ? { description: clean.description } : {}),
    ...(clean?.authors?.length ? { authors: clean.authors } : {}),
    ...(clean?.published ? { published: clean.published } : {}),
    ...(clean?.modified ? { modified: clean.modified } : {}),
    ...(clean?.image ? { image: clean.image } : {}),
    ...(clean?.provenance ? { provenance: clean.provenance } : {}),
    language: clean?.language ?? 'en',
    text,
    blocks,
    sentences: file.data.segment?.sentences ?? [],
    entities: entities?.entities ?? [],
    entityIndex: entities?.entityIndex ?? [],
    quotes: entities?.quotes ?? [],
    figures: clean?.figures ?? [],
    removed: clean?.removed ?? [],
    stages: { ...(file.data.stages ?? {}) },
    processedAt: new Date().toISOString(),
    ...(Object.keys(source.meta).length ? { meta: source.meta } : {}),
  };
  return article;
}

function firstWords(text: string): string {
  return text.slice(0, 80);
}

export { createApp, type ViewerOptions, type ViewerApp } from './lib/app.js';
export { startViewer, type StartOptions, type RunningViewer } from './lib/server.js';
export {
  ArticleStore,
  type ArticleSummary,
  type ArticleStoreOptions,
  type EntityGroup,
  type ListQuery,
  type ListPage,
} from './lib/article-store.js';
export { renderArticle, renderExcerpt, type RenderedArticle } from './lib/annotate.js';
export { escapeHtml, jsonForScript } from './lib/escape.js';
export { normaliseName, entityKey, entityHref } from './lib/names.js';
export { pagePolicy, downloadPolicy } from './lib/security.js';

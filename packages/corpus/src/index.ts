export { openCorpus, type OpenCorpusOptions } from './lib/open.js';
export { SqliteCorpus, type SqliteCorpusOptions } from './lib/sqlite.js';
export type { PostgresCorpus, PostgresCorpusOptions } from './lib/postgres.js';
export { rebuildCorpus, type RebuildOptions, type RebuildProgress, type RebuildResult } from './lib/rebuild.js';
export {
  CORPUS_LABELS,
  EXCERPT_LENGTH,
  KEY_SLOTS,
  articleDate,
  articleRecord,
  articleSite,
  excerptOf,
  isCorpusLabel,
  type ArticleEntity,
  type ArticleQuote,
  type ArticleRecord,
  type CorpusLabel,
  type Geo,
} from './lib/rows.js';
export { normaliseName, entityKey } from './lib/names.js';
export { foldText, parseSearch, snippet, MAX_SEARCH_TERMS, type SearchTerms, type SnippetPart } from './lib/search.js';
export * from './lib/types.js';

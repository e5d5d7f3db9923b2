export { processArticle, runPipeline, parseStages, type ProcessOptions, type ProcessResult } from './lib/pipeline.js';
export { stageNames, type StageName } from '@galley/document';
export { read, readText, readMarkdown, readHtml, detectFormat, parseFrontMatter, type ReadResult } from './lib/read.js';
export { checkArticleSize, decodeSource, MAX_ARTICLE_BYTES, type DecodeHints } from './lib/decode.js';
// The error refused input throws; it lives with every other error code in @galley/document.
export { InputError } from '@galley/document';

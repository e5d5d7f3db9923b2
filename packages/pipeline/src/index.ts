export { processArticle, runPipeline, parseStages, stageNames, type StageName, type ProcessOptions, type ProcessResult } from './lib/pipeline.js';
export { read, readText, readMarkdown, readHtml, detectFormat, parseFrontMatter, InputError, type ReadResult } from './lib/read.js';
export { decodeSource, MAX_ARTICLE_BYTES } from './lib/decode.js';

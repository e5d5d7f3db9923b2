export { processArticle, runPipeline, parseStages, type ProcessOptions, type ProcessResult } from './lib/pipeline.js';
export { stageNames, type StageName } from '@galley/document';
export {
  read,
  readText,
  readMarkdown,
  readHtml,
  detectFormat,
  parseFrontMatter,
  InputError,
  type ReadResult,
} from './lib/read.js';
export { checkArticleSize, decodeSource, MAX_ARTICLE_BYTES } from './lib/decode.js';

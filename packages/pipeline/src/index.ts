export {
  processArticle,
  runPipeline,
  parseStages,
  type ProcessOptions,
  type ProcessResult,
  type StageOptions,
} from './lib/pipeline.js';
export { stageNames, type StageName } from '@galley/document';
export { read, readText, readMarkdown, readHtml, detectFormat, parseFrontMatter, type ReadResult } from './lib/read.js';
export { checkArticleSize, decodeSource, MAX_ARTICLE_BYTES, type DecodeHints } from './lib/decode.js';
// The error refused input throws; it lives with every other error code in @galley/document.
export { InputError } from '@galley/document';
export {
  PipelineRunner,
  StageError,
  DEFAULT_TIME_LIMIT_MS,
  DEFAULT_MEMORY_LIMIT_MB,
  FAULT_MODULE_ENV,
  type PipelineInput,
  type PipelineOutput,
  type PipelineRunnerOptions,
  type RunOptions,
  type RunTimings,
  type StageFault,
} from './lib/runner.js';

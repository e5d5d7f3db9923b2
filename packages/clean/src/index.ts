export { default, cleanTree, contract, defaultOptions, type Options, type CleanNote } from './lib/clean.js';
export { repairText, fixMojibake, normaliseQuotes, type RepairOptions } from './lib/repair.js';
export { parseCredit, isCreditLine, splitCaptionCredit } from './lib/credit.js';
export { classifyBlock, type BlockVerdict, type BlockContext } from './lib/rules.js';
export { extractArticle, textOf, type ExtractedArticle, type ExtractedBlock } from './lib/extract.js';
export { parseHtml } from './lib/parse-html.js';
export {
  readPageMeta,
  cleanByline,
  dateInText,
  dateInUrl,
  stripSiteName,
  type PageMeta,
  type MetaField,
} from './lib/html-meta.js';
export { htmlToMdast } from './lib/read-html.js';

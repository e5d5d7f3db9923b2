export { default, cleanTree, contract, defaultOptions, type Options, type CleanNote } from './lib/clean.js';
export { repairText, fixMojibake, normaliseQuotes, sameText, type RepairOptions } from './lib/repair.js';
export { parseCredit, isCreditLine, splitCaptionCredit } from './lib/credit.js';
export { classifyBlock, type BlockVerdict, type BlockContext } from './lib/rules.js';
export { cleanByline } from './lib/byline.js';

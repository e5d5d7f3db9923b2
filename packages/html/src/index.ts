export { default, type Options } from './lib/plugin.js';
export { htmlToMdast } from './lib/read-html.js';
export { extractArticle, textOf, type ExtractedArticle, type ExtractedBlock } from './lib/extract.js';
export { parseHtml } from './lib/parse-html.js';
export { readPageMeta, dateInText, dateInUrl, stripSiteName, type PageMeta, type MetaField } from './lib/html-meta.js';

export { default, contract, defaultOptions, publishedFiles, renderFiles, type Options } from './lib/publish.js';
export { assembleArticle } from './lib/assemble.js';
export { articleToMdast } from './lib/mdast.js';
export { markdownText, renderMarkdown } from './lib/markdown.js';
export { renderHtml } from './lib/html.js';
export { DirectoryReader, type ReadArticle, type ReadArticlesOptions } from './lib/reader.js';
export {
  DirectoryStore,
  articleFile,
  FOREIGN_TEMP_FILE_MS,
  removeTempFiles,
  WRITER,
  writerGone,
  type OutputStore,
  type PublishedFiles,
} from './lib/store.js';

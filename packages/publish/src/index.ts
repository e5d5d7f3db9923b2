export { default, publish, publishedFiles, renderFiles, type Options } from './lib/publish.js';
export { assembleArticle } from './lib/assemble.js';
export { articleToMdast, markdownText, renderHtml, renderMarkdown } from './lib/render.js';
export { DirectoryReader, type ReadArticle, type ReadArticlesOptions } from './lib/reader.js';
export {
  DirectoryStore,
  articleFile,
  FOREIGN_TEMP_FILE_MS,
  removeTempFiles,
  type OutputStore,
  type PublishedFiles,
} from './lib/store.js';

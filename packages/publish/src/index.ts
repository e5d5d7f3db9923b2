export { default, publish, publishedFiles, renderFiles, type Options } from './lib/publish.js';
export { assembleArticle } from './lib/assemble.js';
export { articleToMdast, markdownText, renderHtml, renderMarkdown } from './lib/render.js';
export {
  DirectoryStore,
  FOREIGN_TEMP_FILE_MS,
  removeTempFiles,
  type OutputStore,
  type PublishedFiles,
} from './lib/store.js';

import { createHash } from 'node:crypto';
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { htmlToMdast } from './read-html.js';

/** Options of the {@link galleyHtml} parser plugin. */
export interface Options {
  /**
   * The page's address, which dates and names a page when its markup does not.
   * @defaultValue `file.data.source.url` when set, else none
   */
  url?: string;
}

/**
 * Unified parser plugin: `unified().use(galleyHtml).use(galleyClean)` reads a page the way the
 * pipeline's HTML reader does. `parse` returns the article as mdast (see {@link htmlToMdast}) and
 * sets `file.data.source` (`format: 'html'`, the page metadata as `meta`), which the clean stage reads.
 */
const galleyHtml: Plugin<[Options?], string, Root> = function (options) {
  this.parser = (document, file) => {
    const url = options?.url ?? file.data.source?.url;
    const { tree, meta } = htmlToMdast(document, url);
    file.data.source = {
      ...file.data.source,
      format: 'html',
      sha256: file.data.source?.sha256 ?? createHash('sha256').update(document).digest('hex'),
      meta,
    };
    return tree;
  };
};
export default galleyHtml;

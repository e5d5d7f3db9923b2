import type { Plugin } from 'unified';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type { Block, CleanData } from '@galley/document';

/** Options for the clean stage. */
export interface Options {
  /** Language of the article (default `en`). */
  language?: string;
}

/** Plain function: the cleaned text, structure, figures and removed material of an mdast tree. */
export async function clean(tree: Root, options: Options = {}): Promise<CleanData> {
  return cleanTree(tree, options);
}

/** Synchronous core of {@link clean}. */
export function cleanTree(tree: Root, options: Options = {}): CleanData {
  const parts: string[] = [];
  const blocks: Block[] = [];
  let title = '';
  let offset = 0;
  const push = (type: Block['type'], value: string, depth?: number) => {
    const v = value.replace(/\s+/g, ' ').trim();
    if (!v) return;
    if (parts.length) offset += 2;
    blocks.push({ type, start: offset, end: offset + v.length, ...(depth ? { depth } : {}) });
    parts.push(v);
    offset += v.length;
  };
  for (const node of tree.children as RootContent[]) {
    if (node.type === 'yaml') continue;
    const value = toString(node);
    if (!title && value.trim()) { title = value.replace(/\s+/g, ' ').trim(); push('title', title); continue; }
    if (node.type === 'heading') push('heading', value, node.depth);
    else push('paragraph', value);
  }
  return { title, language: options.language ?? 'en', text: parts.join('\n\n'), blocks, figures: [], removed: [] };
}

/** Unified plugin: cleans the tree and stores `file.data.clean`. */
const galleyClean: Plugin<[Options?], Root> = function (options) {
  return (tree: Root, file: VFile) => {
    file.data.clean = cleanTree(tree, options ?? {});
  };
};
export default galleyClean;

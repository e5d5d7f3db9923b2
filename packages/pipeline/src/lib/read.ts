import type { Root, RootContent } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import { parse as parseYaml } from 'yaml';
import { type SourceFormat, paragraphBlocks } from '@galley/document';

/** What a reader makes of a source: the tree and the metadata it found. */
export interface ReadResult {
  tree: Root;
  meta: Record<string, unknown>;
}

/** Thrown for input no reader can take; the message is meant for the user. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * Plain text becomes one mdast paragraph per blank-line-separated block. Text is not run through
 * a Markdown parser, because Markdown syntax would eat characters a plain article means literally
 * (`*`, `_`, a leading `1.` or `#`, backslashes).
 */
export function readText(value: string): ReadResult {
  const children: RootContent[] = paragraphBlocks(value).map((block) => ({
    type: 'paragraph',
    children: [{ type: 'text', value: value.slice(block.start, block.end) }],
  }));
  return { tree: { type: 'root', children }, meta: {} };
}

/** Markdown (CommonMark) with optional YAML front matter, which becomes metadata. */
export function readMarkdown(value: string): ReadResult {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(value) as Root;
  let meta: Record<string, unknown> = {};
  const front = tree.children[0];
  if (front?.type === 'yaml') {
    meta = parseFrontMatter(front.value);
    tree.children.shift();
  }
  return { tree, meta };
}

/** HTML: parsed to hast (parse5 rules, as browsers do), then turned into mdast. */
export function readHtml(value: string): ReadResult {
  const hast = fromHtml(value);
  const tree = toMdast(hast) as Root;
  return { tree, meta: {} };
}

/**
 * YAML front matter as a plain object. Aliases are capped so a "billion laughs" document cannot
 * expand without bound; anything that is not a mapping is refused.
 */
export function parseFrontMatter(source: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseYaml(source, { maxAliasCount: 50, prettyErrors: false });
  } catch (error) {
    throw new InputError(`invalid YAML front matter: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new InputError('YAML front matter must be a mapping of keys to values');
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}

/** Guess the format from a file name, else from the content. */
export function detectFormat(value: string, path?: string): SourceFormat {
  const ext = path?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'md' || ext === 'markdown' || ext === 'mdown' || ext === 'mkd') return 'markdown';
  if (ext === 'txt' || ext === 'text') return 'text';
  const head = value.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|article|p|div)[\s>]/.test(head)) return 'html';
  if (head.startsWith('---\n') || /^#{1,6} \S/m.test(head) || /\]\([^)]+\)/.test(head)) return 'markdown';
  return 'text';
}

/** The reader for a format. */
export function read(format: SourceFormat, value: string): ReadResult {
  if (format === 'html') return readHtml(value);
  if (format === 'markdown') return readMarkdown(value);
  return readText(value);
}

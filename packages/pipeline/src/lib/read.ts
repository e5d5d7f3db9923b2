import type { Root, RootContent } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { parse as parseYaml } from 'yaml';
import { InputError, type SourceFormat, paragraphBlocks } from '@galley/document';
import { lineParagraphs } from './lines.js';
import { htmlToMdast } from '@galley/clean';

/** What a reader makes of a source: the tree and the metadata it found. */
export interface ReadResult {
  tree: Root;
  meta: Record<string, unknown>;
}

/**
 * Plain text becomes one mdast paragraph per blank-line-separated block, or per line where the
 * block is written one paragraph per line (see {@link lineParagraphs}). Text is not run through
 * a Markdown parser, because Markdown syntax would eat characters a plain article means literally
 * (`*`, `_`, a leading `1.` or `#`, backslashes).
 */
export function readText(value: string): ReadResult {
  const children: RootContent[] = paragraphBlocks(value)
    .flatMap((block) => lineParagraphs(value, block))
    .map((span) => ({
      type: 'paragraph',
      children: [{ type: 'text', value: value.slice(span.start, span.end) }],
    }));
  return { tree: { type: 'root', children }, meta: {} };
}

/**
 * Most emphasis markers (`*`, `_`) in one Markdown paragraph. The CommonMark parser matches
 * emphasis within a paragraph in time that grows quadratically with nested delimiters (about
 * 2 s for 1,000 levels here); a real paragraph has a handful, so past this the input is refused
 * rather than left to hang. Many paragraphs with a few markers each are fine.
 */
export const MAX_MARKDOWN_EMPHASIS_MARKS = 2000;

/**
 * Most paragraphs (blank-line separated blocks) read as Markdown. The parser keeps every token
 * of the document, about 16 KB per short paragraph: 100,000 one-line paragraphs need 1.6 GB.
 * An article has a few hundred; plain text has no such cost and no such limit.
 */
export const MAX_MARKDOWN_PARAGRAPHS = 20_000;

/** Markdown (CommonMark) with optional YAML front matter, which becomes metadata. */
export function readMarkdown(value: string): ReadResult {
  const shape = markdownShape(value);
  if (shape.mostMarks > MAX_MARKDOWN_EMPHASIS_MARKS) {
    throw new InputError(
      `a Markdown paragraph has over ${MAX_MARKDOWN_EMPHASIS_MARKS} emphasis markers (* or _); read it as plain text with --format text`,
    );
  }
  if (shape.paragraphs > MAX_MARKDOWN_PARAGRAPHS) {
    throw new InputError(
      `Markdown with over ${MAX_MARKDOWN_PARAGRAPHS} paragraphs is not read as Markdown; read it as plain text with --format text`,
    );
  }
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(value) as Root;
  let meta: Record<string, unknown> = {};
  const front = tree.children[0];
  if (front?.type === 'yaml') {
    meta = parseFrontMatter(front.value);
    tree.children.shift();
  }
  return { tree, meta };
}

/** HTML: the main content only (see `extractArticle` in `@galley/clean`), with the page metadata. */
export function readHtml(value: string): ReadResult {
  return htmlToMdast(value);
}

/**
 * In one pass: how many paragraphs (text between blank lines) and the most `*` and `_`
 * characters in any one of them.
 */
function markdownShape(value: string): { paragraphs: number; mostMarks: number } {
  let paragraphs = 0;
  let mostMarks = 0;
  let marks = 0;
  let blankLine = true;
  let inParagraph = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 10) {
      if (blankLine) {
        marks = 0;
        inParagraph = false;
      }
      blankLine = true;
    } else if (code !== 32 && code !== 9) {
      blankLine = false;
      if (!inParagraph) {
        inParagraph = true;
        paragraphs++;
      }
      if ((code === 42 || code === 95) && ++marks > mostMarks) mostMarks = marks;
    }
  }
  return { paragraphs, mostMarks };
}

/** Largest YAML front matter read, in characters: metadata, not a second article. */
const MAX_FRONT_MATTER = 64 * 1024;
/** Values (scalars, lists and mappings) kept from front matter, aliases counted each time used. */
const MAX_FRONT_MATTER_VALUES = 10_000;
/** Deepest nesting of lists and mappings kept from front matter. */
const MAX_FRONT_MATTER_DEPTH = 32;

/**
 * YAML front matter as a plain JSON-safe object. Untrusted YAML can expand aliases exponentially
 * ("billion laughs"), refer to itself, nest without end or carry tags no reader knows; each of
 * these is refused with an {@link InputError} instead of exhausting memory or crashing later in
 * `JSON.stringify`. Anything that is not a mapping is refused too.
 */
export function parseFrontMatter(source: string): Record<string, unknown> {
  if (source.length > MAX_FRONT_MATTER) {
    throw new InputError(`YAML front matter is ${source.length} characters, over the limit of ${MAX_FRONT_MATTER}`);
  }
  let data: unknown;
  try {
    // logLevel `error`: unknown tags and similar warnings must not reach the user's terminal.
    data = parseYaml(source, { maxAliasCount: 50, prettyErrors: false, logLevel: 'error' });
  } catch (error) {
    throw new InputError(`invalid YAML front matter: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data))
    throw new InputError('YAML front matter must be a mapping of keys to values');
  return toPlain(data, { values: 0 }, new Set(), 0) as Record<string, unknown>;
}

/** Copy parsed YAML into JSON-safe data within the value and depth budgets, refusing cycles. */
function toPlain(value: unknown, budget: { values: number }, open: Set<object>, depth: number): unknown {
  if (++budget.values > MAX_FRONT_MATTER_VALUES)
    throw new InputError(`YAML front matter has more than ${MAX_FRONT_MATTER_VALUES} values`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'object') return null;
  if (depth >= MAX_FRONT_MATTER_DEPTH)
    throw new InputError(`YAML front matter nests deeper than ${MAX_FRONT_MATTER_DEPTH} levels`);
  if (open.has(value)) throw new InputError('YAML front matter refers to itself (a recursive alias)');
  open.add(value);
  let copy: unknown;
  if (Array.isArray(value)) {
    copy = value.map((item) => toPlain(item, budget, open, depth + 1));
  } else {
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    const object: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      // defineProperty, not assignment: a `__proto__` key stays a key instead of a prototype.
      Object.defineProperty(object, String(key), {
        value: toPlain(item, budget, open, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    copy = object;
  }
  open.delete(value);
  return copy;
}

/** Guess the format from a file name, else from the content. */
export function detectFormat(value: string, path?: string): SourceFormat {
  const ext = path?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'md' || ext === 'markdown' || ext === 'mdown' || ext === 'mkd') return 'markdown';
  if (ext === 'txt' || ext === 'text') return 'text';
  const head = value.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|article|p|div)[\s>]/.test(head))
    return 'html';
  if (head.startsWith('---\n') || /^#{1,6} \S/m.test(head) || /\]\([^)]+\)/.test(head)) return 'markdown';
  return 'text';
}

/** The reader for a format. */
export function read(format: SourceFormat, value: string): ReadResult {
  if (format === 'html') return readHtml(value);
  if (format === 'markdown') return readMarkdown(value);
  return readText(value);
}

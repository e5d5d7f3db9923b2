import type { Root, RootContent } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { parse as parseYaml } from 'yaml';
import { InputError, type SourceFormat, paragraphBlocks } from '@galley/document';
import { lineParagraphs } from './lines.js';
import { htmlToMdast } from '@galley/html';

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
  const spans = paragraphBlocks(value).flatMap((block) => lineParagraphs(value, block));
  // Before any node is made: a million tiny blocks would cost their nodes first.
  checkBlockCount(spans.length);
  const children: RootContent[] = spans.map((span) => ({
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

/**
 * Deepest nesting of block containers (block quotes and list items) read as Markdown. The
 * parser re-examines every open container on every line, so its time grows with depth times
 * length (50,000 nested `>` took over a minute). Articles nest two or three levels.
 */
export const MAX_MARKDOWN_NESTING = 64;

/**
 * Most link and image openers (`[`) in one Markdown paragraph. Unclosed links (`[a](` again and
 * again) make the parser look for the end of every one from every later one: quadratic time.
 * A paragraph with a few dozen links is already a long list of them.
 */
export const MAX_MARKDOWN_LINK_OPENERS = 2000;

/**
 * Most code-span and inline-HTML markers (`` ` `` and `<`) in one Markdown paragraph. Each pair
 * becomes an inline node with its own position objects, and an unmatched run is searched again
 * from every marker: a paragraph of 250,000 backticks took over a gigabyte.
 */
export const MAX_MARKDOWN_INLINE_MARKS = 2000;

/** Markdown (CommonMark) with optional YAML front matter, which becomes metadata. */
export function readMarkdown(value: string): ReadResult {
  const shape = markdownShape(value);
  const refuse = (what: string) =>
    new InputError(
      `${what}, more than an article needs and too slow to parse; read it as plain text with --format text`,
    );
  if (shape.mostMarks > MAX_MARKDOWN_EMPHASIS_MARKS)
    throw refuse(`a Markdown paragraph has over ${MAX_MARKDOWN_EMPHASIS_MARKS} emphasis markers (* or _)`);
  if (shape.mostInline > MAX_MARKDOWN_INLINE_MARKS)
    throw refuse(`a Markdown paragraph has over ${MAX_MARKDOWN_INLINE_MARKS} code or HTML markers (\` or <)`);
  if (shape.mostOpeners > MAX_MARKDOWN_LINK_OPENERS)
    throw refuse(`a Markdown paragraph has over ${MAX_MARKDOWN_LINK_OPENERS} link openers ([)`);
  if (shape.paragraphs > MAX_MARKDOWN_PARAGRAPHS)
    throw refuse(`the Markdown has over ${MAX_MARKDOWN_PARAGRAPHS} paragraphs`);
  if (shape.deepest > MAX_MARKDOWN_NESTING)
    throw refuse(`the Markdown nests block quotes or lists over ${MAX_MARKDOWN_NESTING} levels deep`);
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(value) as Root;
  let meta: Record<string, unknown> = {};
  const front = tree.children[0];
  if (front?.type === 'yaml') {
    meta = parseFrontMatter(front.value);
    tree.children.shift();
  }
  return { tree, meta };
}

/** HTML: the main content only (see `extractArticle` in `@galley/html`), with the page metadata. */
export function readHtml(value: string): ReadResult {
  const depth = htmlDepth(value);
  if (depth > MAX_HTML_NESTING) {
    throw new InputError(
      `the HTML nests over ${MAX_HTML_NESTING} elements left open inside one another, more than a page needs and too slow to parse; read it as plain text with --format text`,
    );
  }
  return htmlToMdast(value);
}

/** What {@link markdownShape} measures. */
interface MarkdownShape {
  paragraphs: number;
  /** Most `*` and `_` in one paragraph. */
  mostMarks: number;
  /** Most `[` in one paragraph. */
  mostOpeners: number;
  /** Most `` ` `` and `<` in one paragraph. */
  mostInline: number;
  /** Deepest container nesting a line opens with (see {@link lineNesting}). */
  deepest: number;
}

/** In one pass: paragraphs (text between blank lines), the most markers in any one, the deepest line. */
function markdownShape(value: string): MarkdownShape {
  const shape: MarkdownShape = { paragraphs: 0, mostMarks: 0, mostOpeners: 0, mostInline: 0, deepest: 0 };
  let marks = 0;
  let openers = 0;
  let inline = 0;
  let blankLine = true;
  let inParagraph = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 10) {
      if (blankLine) {
        marks = 0;
        openers = 0;
        inline = 0;
        inParagraph = false;
      }
      blankLine = true;
      continue;
    }
    if (blankLine && (i === 0 || value.charCodeAt(i - 1) === 10)) {
      const nesting = lineNesting(value, i);
      if (nesting > shape.deepest) shape.deepest = nesting;
    }
    if (code !== 32 && code !== 9) {
      blankLine = false;
      if (!inParagraph) {
        inParagraph = true;
        shape.paragraphs++;
      }
      if ((code === 42 || code === 95) && ++marks > shape.mostMarks) shape.mostMarks = marks;
      if (code === 91 && ++openers > shape.mostOpeners) shape.mostOpeners = openers;
      if ((code === 96 || code === 60) && ++inline > shape.mostInline) shape.mostInline = inline;
    }
  }
  return shape;
}

/**
 * How deep the containers a line opens with nest: one per block quote marker (`>`) and list
 * marker (`-`, `*`, `+`, `1.`, `1)`) before its text, plus one per two columns of indentation
 * when there is a marker (a nested list item is indented under its parent's text). Only the
 * line's prefix is read, so the whole scan stays linear.
 */
function lineNesting(value: string, start: number): number {
  let markers = 0;
  let columns = 0;
  let i = start;
  for (;;) {
    const code = value.charCodeAt(i);
    if (code === 32) {
      columns++;
      i++;
    } else if (code === 9) {
      columns += 4;
      i++;
    } else if (code === 62) {
      markers++;
      i++;
    } else if ((code === 45 || code === 42 || code === 43) && isSpace(value.charCodeAt(i + 1))) {
      markers++;
      i += 2;
    } else if (code >= 48 && code <= 57) {
      let j = i;
      while (j < i + 9 && value.charCodeAt(j) >= 48 && value.charCodeAt(j) <= 57) j++;
      const after = value.charCodeAt(j);
      if ((after !== 46 && after !== 41) || !isSpace(value.charCodeAt(j + 1))) break;
      markers++;
      i = j + 2;
    } else {
      break;
    }
  }
  return markers ? markers + Math.floor(columns / 2) : 0;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/**
 * Deepest nesting of open elements read as HTML. The HTML parser's handling of misnested and
 * unclosed formatting elements walks the open elements for every new tag, so a page of
 * unclosed tags (`<b>` again and again) costs time by the square of its length. Real pages
 * nest a few dozen levels; a thousand leaves room for the worst generated markup.
 */
export const MAX_HTML_NESTING = 1000;

/** Elements that never have content, and the document's own, which the parser opens once. */
const noContent = new Set(
  'area base br col embed hr img input link meta source track wbr param keygen basefont bgsound frame html head body'.split(
    ' ',
  ),
);
/** Elements a start tag of the same name closes when one is open (their end tag may be left out). */
const impliedEnd = new Set('p li dt dd tr td th option optgroup rp rt rb rtc thead tbody tfoot'.split(' '));
/** Elements whose content is text to the parser: their tags are skipped to their end tag. */
const rawText = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

// `[^<>]`: a tag without its `>` ends at the next `<`, so no match scans past another tag.
const tagPattern = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(\/?)>|<!--[\s\S]*?(?:-->|$)/g;

/**
 * The most elements open inside one another, by a stack of start tags that an end tag pops
 * down to its own name, as the parser does; empty elements and those the parser closes on its
 * own are allowed for. An estimate of the parser's stack of open elements, in linear time: each
 * tag is pushed and popped at most once, and the count per name skips searches that would fail.
 */
function htmlDepth(value: string): number {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let deepest = 0;
  const popTo = (name: string) => {
    if (!open.get(name)) return;
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      open.set(top, open.get(top)! - 1);
      if (top === name) return;
    }
  };
  tagPattern.lastIndex = 0;
  for (let match = tagPattern.exec(value); match; match = tagPattern.exec(value)) {
    const name = match[2]?.toLowerCase();
    if (!name || noContent.has(name) || match[3]) continue;
    if (match[1]) {
      popTo(name);
      continue;
    }
    if (rawText.has(name)) {
      const end = new RegExp(`</${name}`, 'gi');
      end.lastIndex = tagPattern.lastIndex;
      tagPattern.lastIndex = end.exec(value)?.index ?? value.length;
      continue;
    }
    if (impliedEnd.has(name)) popTo(name);
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > deepest) deepest = stack.length;
  }
  return deepest;
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

/** The format a file name's extension names, or `undefined`. */
export function formatFromPath(path: string | undefined): SourceFormat | undefined {
  const ext = path?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'md' || ext === 'markdown' || ext === 'mdown' || ext === 'mkd') return 'markdown';
  if (ext === 'txt' || ext === 'text') return 'text';
  return undefined;
}

/** Guess the format from a file name, else from the content. */
export function detectFormat(value: string, path?: string): SourceFormat {
  const named = formatFromPath(path);
  if (named) return named;
  const head = value.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|article|p|div)[\s>]/.test(head))
    return 'html';
  if (head.startsWith('---\n') || /^#{1,6} \S/m.test(head) || /\]\([^)]+\)/.test(head)) return 'markdown';
  return 'text';
}

/** The reader for a format. */
export function read(format: SourceFormat, value: string): ReadResult {
  const result = format === 'html' ? readHtml(value) : format === 'markdown' ? readMarkdown(value) : readText(value);
  checkBlockCount(result.tree.children.length);
  return result;
}

function checkBlockCount(blocks: number): void {
  if (blocks > MAX_BLOCKS) {
    throw new InputError(
      `the article has over ${MAX_BLOCKS} paragraphs and other blocks; articles have hundreds (split the file into articles)`,
    );
  }
}

/**
 * Most blocks (paragraphs, headings, lines read as paragraphs) in one article. Each block costs
 * the document a block and a sentence record, and every stage some objects, whatever its length:
 * a million one-letter paragraphs made a 146 MB document and took gigabytes to build. A
 * long feature has a few hundred; a book-length text stays under this.
 */
export const MAX_BLOCKS = 50_000;

import type { DataMap, VFile } from 'vfile';
import type {
  Article,
  Block,
  EntityMention,
  EntityRecord,
  Figure,
  Quote,
  Removed,
  SourceFormat,
  Span,
} from './schema.js';
import { partitionPoint } from './search.js';

/** What the reader learned about the source before any stage ran. */
export interface SourceData {
  format: SourceFormat;
  path?: string;
  url?: string;
  sha256: string;
  /** Metadata found by the reader: front matter, `<meta>` tags, JSON-LD. */
  meta: Record<string, unknown>;
}

/** Result of the clean stage: the cleaned text and its structure. */
export interface CleanData {
  title: string;
  byline?: string;
  published?: string;
  /** When last modified, when the source says. */
  modified?: string;
  /** The authors the byline names, one each. */
  authors?: string[];
  /** The site's name (og:site_name, JSON-LD publisher, front matter `site`). */
  site?: string;
  /** The source's own summary. */
  description?: string;
  /** The lead image's URL. */
  image?: string;
  /** The article's canonical URL, when the source declares one. */
  canonical?: string;
  /** Where each metadata field came from, by field name. */
  provenance?: Record<string, string>;
  language: string;
  text: string;
  blocks: Block[];
  figures: Figure[];
  removed: Removed[];
}

/** Result of the segment stage. */
export interface SegmentData {
  sentences: Span[];
}

/** Result of the entities stage. */
export interface EntitiesData {
  entities: EntityMention[];
  entityIndex: EntityRecord[];
  quotes: Quote[];
}

declare module 'vfile' {
  interface DataMap {
    /** Set by the pipeline's readers. */
    source: SourceData;
    /** Set by `@galley/clean`. */
    clean: CleanData;
    /** Set by `@galley/segment`. */
    segment: SegmentData;
    /** Set by `@galley/entities`. */
    entities: EntitiesData;
    /** Milliseconds per stage, filled in by the pipeline. */
    stages: Record<string, { ms: number }>;
  }
}

/**
 * The text the later stages work on: the cleaned text when the clean stage ran, else the
 * source as given, split into paragraph blocks at blank lines. This is what lets
 * `--stages segment` run over raw text.
 */
export function workingText(file: VFile): { text: string; blocks: Block[] } {
  if (file.data.clean) return { text: file.data.clean.text, blocks: file.data.clean.blocks };
  const text = String(file.value ?? '');
  return { text, blocks: paragraphBlocks(text) };
}

/** Paragraph blocks of a text: maximal runs of lines separated by blank lines, trimmed. */
export function paragraphBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const separator = /\n[ \t\u00a0]*\n\s*/g;
  let from = 0;
  for (;;) {
    const match = separator.exec(text);
    const to = match ? match.index : text.length;
    const span = trimSpan(text, from, to);
    if (span.end > span.start) blocks.push({ type: 'paragraph', ...span });
    if (!match) break;
    from = match.index + match[0].length;
  }
  return blocks;
}

/** Narrow `[start, end)` so it neither begins nor ends with white space. */
export function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** White space as `\s` sees it, without building a regular expression per character. */
export function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Runs of white space (`\s`: line breaks and the Unicode spaces included) to collapse, with any
 * white space but a lone plain space. The lone space is left out: it is already what a run
 * becomes, and rewriting every space between words was most of the cost of collapsing.
 */
const COLLAPSIBLE_SPACE = /\s{2,}|[^\S ]/g;

/** `value` with every run of white space written as one plain space. */
export function collapseSpaces(value: string): string {
  return value.replace(COLLAPSIBLE_SPACE, ' ');
}

/** The text of a span. */
export function sliceSpan(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** Whether span `inner` lies within span `outer`. */
export function containsSpan(outer: Span, inner: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** Index of the span containing `offset` in a sorted, non-overlapping list, or -1. */
export function findSpanAt(spans: readonly Span[], offset: number): number {
  const i = partitionPoint(spans.length, (k) => spans[k].end <= offset);
  return i < spans.length && spans[i].start <= offset ? i : -1;
}

/** Result of the publish stage: the document and its two renderings. */
export interface PublishData {
  article: Article;
  markdown: string;
  html: string;
}

declare module 'vfile' {
  interface DataMap {
    /** Set by `@galley/publish`. */
    publish: PublishData;
  }
}

/**
 * What a stage reads from and writes to `file.data`, declared beside its plugin as spaCy's
 * components declare `requires` and `assigns`. The pipeline's tests run each stage alone on a file
 * holding only what it declares it reads, and check that it writes exactly what it declares.
 */
export interface StageContract {
  /** The `file.data` fields the stage reads when present (each stage also runs without them). */
  readonly reads: readonly (keyof DataMap)[];
  /** The `file.data` fields the stage sets. */
  readonly writes: readonly (keyof DataMap)[];
}

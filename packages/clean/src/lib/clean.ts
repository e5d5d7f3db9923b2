import type { Plugin } from 'unified';
import type { Image, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type { Block, CleanData, Figure, Removed, SourceFormat, StageContract } from '@galley/document';
import { MAX_TITLE_CHARS, clipTitle } from '@galley/document';
import { isCreditLine, parseCredit, splitCaptionCredit } from './credit.js';
import { repairText, sameText } from './repair.js';
import { classifyBlock } from './rules.js';
import { cleanByline } from './byline.js';
import { metaAuthors, metaByline, metaDate, metaProvenance, metaString, metaUrl } from './metadata.js';

declare module 'mdast' {
  interface RootData {
    /** Figures a reader already took out of the body (the HTML extractor does). */
    galleyFigures?: Figure[];
    /** Material a reader already removed, with its kind and rule. */
    galleyRemoved?: Removed[];
  }
}

/** Options for the clean stage. */
export interface Options {
  /**
   * Language of the article when the source does not say.
   * @defaultValue 'en'
   */
  language?: string;
  /**
   * Normalise quotation marks to curly ones and turn mismatched ones round.
   * @defaultValue false
   */
  quotes?: boolean;
  /**
   * Source format, when the tree is cleaned without a pipeline `file.data.source`.
   * @defaultValue 'text'
   */
  format?: SourceFormat;
  /**
   * Metadata found by the reader (front matter, HTML meta), used for title, byline and date.
   * @defaultValue none; the plugin takes `file.data.source.meta`
   */
  meta?: Record<string, unknown>;
  /**
   * Report what was removed as `file.message`s in the plugin. Each message is an `Error` with a
   * captured stack trace, so a caller that never reads them can skip them.
   * @defaultValue true
   */
  messages?: boolean;
  /**
   * Called with each removal or guess as it is made (the plugin turns them into messages).
   * @defaultValue none
   */
  onNote?: (note: CleanNote) => void;
}

function ignoreNote(): void {}

/** The defaults of {@link Options}. */
export const defaultOptions = {
  language: 'en',
  quotes: false,
  format: 'text',
  messages: true,
} as const satisfies Options;

/** Reads the reader's format and metadata (optional); writes the cleaned text, blocks, figures and removals. */
export const contract: StageContract = { reads: ['source'], writes: ['clean'] };

/** Something the clean stage noticed, for `file.message`. */
export interface CleanNote {
  reason: string;
  ruleId: string;
}

/** Plain function: the cleaned text, structure, figures and removed material of an mdast tree. */
export function cleanTree(tree: Root, options: Options = {}): CleanData {
  if (!tree || tree.type !== 'root') throw new TypeError('cleanTree expects an mdast root node');
  const notes = { push: options.onNote ?? ignoreNote };
  const format = options.format ?? defaultOptions.format;
  const meta = options.meta ?? {};
  const repair = (value: string) => repairText(value, { quotes: options.quotes ?? defaultOptions.quotes });
  const figures: Figure[] = [...(tree.data?.galleyFigures ?? [])];
  const removed: Removed[] = [...(tree.data?.galleyRemoved ?? [])];
  const counts = new Map<string, number>();
  for (const item of removed) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  for (const [kind, count] of counts)
    notes.push({ reason: `the reader removed ${count} ${kind} block(s)`, ruleId: `reader-${kind}` });
  const candidates = collectBlocks(tree, removed, repair);

  let title = repair(metaString(meta, ['title', 'headline', 'og:title']) ?? '');
  if (title) {
    const index = candidates.findIndex((c) => !c.image);
    if (index >= 0 && sameText(candidates[index].text, title)) candidates.splice(index, 1);
    title = clipTitle(title);
  } else {
    // The first block is the title only when it is short enough to be one: a text that opens
    // straight into its body (or is one long block) has no title line, and gets no title.
    const index = candidates.findIndex((c) => c.text && !c.image);
    if (index >= 0 && candidates[index].text.length <= MAX_TITLE_CHARS) title = candidates.splice(index, 1)[0].text;
  }

  // Where each field came from: the reader says for HTML; front matter keys are their own source.
  const provenance = metaProvenance(meta, format === 'markdown' ? 'front matter' : 'reader metadata');
  let byline = metaByline(meta);
  let published = metaDate(meta);
  const parts: string[] = [];
  const blocks: Block[] = [];
  let offset = 0;
  const push = (type: Block['type'], value: string, depth?: number) => {
    if (parts.length) offset += 2;
    blocks.push({ type, start: offset, end: offset + value.length, ...(depth ? { depth } : {}) });
    parts.push(value);
    offset += value.length;
  };
  if (title) push('title', title);
  let lastFigure: Figure | undefined;
  let seenBody = false;
  for (const candidate of candidates) {
    if (candidate.image) {
      const { image } = candidate;
      lastFigure = { src: image.url, ...(image.alt ? { alt: repair(image.alt) } : {}), ...titleCaption(image, repair) };
      figures.push(lastFigure);
      if (image.alt) removed.push({ kind: 'alt-text', text: repair(image.alt), rule: 'image-alt' });
      continue;
    }
    let type: 'heading' | 'paragraph' = candidate.depth ? 'heading' : 'paragraph';
    let depth = candidate.depth;
    if (candidate.italic && lastFigure && !lastFigure.caption) {
      // An italic line right under a picture captions it (with its credit, if it ends in one).
      const split = isCreditLine(candidate.text) ? undefined : splitCaptionCredit(candidate.text);
      if (isCreditLine(candidate.text)) lastFigure.credit ??= parseCredit(candidate.text);
      else lastFigure.caption = split?.caption ?? candidate.text;
      if (split) lastFigure.credit ??= parseCredit(split.credit);
      removed.push({ kind: 'caption', text: candidate.text, rule: 'italic-caption-line' });
      notes.push({
        reason: `took an italic caption line out of the body: “${clip(candidate.text)}”`,
        ruleId: 'italic-caption-line',
      });
      continue;
    }
    if (!candidate.depth) {
      const verdict = classifyBlock(candidate.text, { structured: format !== 'text', beforeBody: !seenBody });
      if (verdict.kind === 'figure') {
        if (verdict.credit && !verdict.caption && lastFigure && !lastFigure.credit) {
          lastFigure.credit = parseCredit(verdict.credit);
        } else {
          lastFigure = {
            ...(verdict.caption ? { caption: verdict.caption } : {}),
            ...(verdict.credit ? { credit: parseCredit(verdict.credit) } : {}),
          };
          figures.push(lastFigure);
        }
        removed.push({
          kind: verdict.credit && !verdict.caption ? 'credit' : 'caption',
          text: candidate.text,
          rule: verdict.rule,
        });
        notes.push({ reason: `took ${verdict.rule} out of the body: “${clip(candidate.text)}”`, ruleId: verdict.rule });
        continue;
      }
      if (verdict.kind === 'removed') {
        removed.push({ kind: verdict.removed, text: candidate.text, rule: verdict.rule });
        if (verdict.removed === 'byline' && !byline && verdict.value) {
          byline = verdict.value;
          provenance.byline = 'byline line in the text';
        }
        if (verdict.removed === 'dateline' && !published && verdict.value) {
          published = verdict.value;
          provenance.published = 'dateline in the text';
        }
        notes.push({ reason: `removed ${verdict.removed}: “${clip(candidate.text)}”`, ruleId: verdict.rule });
        continue;
      }
      if (verdict.kind === 'heading') {
        type = 'heading';
        depth = 2;
        notes.push({
          reason: `read a short line as a subheading by its shape: “${clip(candidate.text)}”`,
          ruleId: 'shape-heading',
        });
      }
    }
    lastFigure = undefined;
    if (type === 'paragraph') seenBody = true;
    push(type, candidate.text, type === 'heading' ? Math.min(6, Math.max(2, depth ?? 2)) : undefined);
  }
  const text = parts.join('\n\n');
  const language = metaString(meta, ['language', 'lang', 'inLanguage']) ?? options.language ?? defaultOptions.language;
  // A byline read from the text names its authors in prose ("A and B"): the same reading as HTML's.
  const authors = byline === metaByline(meta) ? metaAuthors(meta) : cleanByline(byline ?? '')?.split(', ');
  const modified = metaDate(meta, 'modified');
  const site = metaString(meta, ['siteName', 'site', 'site_name', 'publisher']);
  const description = metaString(meta, ['description', 'summary', 'excerpt']);
  const image = metaUrl(meta, ['image', 'cover', 'og:image']);
  const canonical = metaUrl(meta, ['canonical', 'url', 'permalink']);
  const found: Record<string, unknown> = {
    title,
    byline,
    published,
    modified,
    siteName: site,
    description,
    image,
    canonical,
  };
  found.language = metaString(meta, ['language', 'lang', 'inLanguage']);
  for (const field of Object.keys(provenance)) if (!found[field]) delete provenance[field];
  return {
    title,
    ...(byline ? { byline } : {}),
    ...(authors?.length ? { authors } : {}),
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
    ...(site ? { site } : {}),
    ...(description ? { description } : {}),
    ...(image ? { image } : {}),
    ...(canonical ? { canonical } : {}),
    ...(Object.keys(provenance).length ? { provenance } : {}),
    language,
    text,
    blocks,
    figures,
    removed,
  };
}

interface Candidate {
  text: string;
  /** An image, which becomes a figure where it stands. */
  image?: Image;
  /** Heading depth when the source marks the block as a heading. */
  depth?: number;
  /** A paragraph that is all emphasis (`*…*`): under a picture, Markdown's caption line. */
  italic?: boolean;
}

/** Whether a paragraph's content is one emphasis run (white space around it aside). */
function isItalicLine(children: readonly Nodes[]): boolean {
  const content = children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  return content.length === 1 && content[0].type === 'emphasis';
}

/**
 * Flatten the tree into text blocks in reading order. Lists and block quotes give one block per
 * paragraph; images become figures (their alt text is never body text). Iterative, so a deeply
 * nested tree cannot exhaust the stack.
 */
function collectBlocks(tree: Root, removed: Removed[], repair: (value: string) => string): Candidate[] {
  const out: Candidate[] = [];
  const stack: Nodes[] = [...tree.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'heading':
      case 'paragraph':
      case 'tableCell': {
        for (const image of imagesIn(node)) out.push({ text: '', image });
        const text = repair(toString(node, { includeImageAlt: false }));
        if (text)
          out.push({
            text,
            ...(node.type === 'heading' ? { depth: node.depth } : {}),
            ...(node.type === 'paragraph' && isItalicLine(node.children) ? { italic: true } : {}),
          });
        break;
      }
      case 'code': {
        const text = repair(node.value);
        if (text) out.push({ text });
        break;
      }
      case 'html':
      case 'yaml':
      case 'definition':
      case 'footnoteDefinition':
        if (node.type === 'html' && node.value.trim())
          removed.push({ kind: 'other', text: node.value.trim(), rule: 'raw-html' });
        break;
      case 'image':
        stack.push({ type: 'paragraph', children: [node] });
        break;
      default:
        if ('children' in node)
          for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }
  return out;
}

/** An image's Markdown title (`![alt](src "Caption. Photo: Name/Agency")`) as caption and credit. */
function titleCaption(image: Image, repair: (value: string) => string): Pick<Figure, 'caption' | 'credit'> {
  const title = image.title ? repair(image.title) : '';
  if (!title) return {};
  if (isCreditLine(title)) return { credit: parseCredit(title) };
  const split = splitCaptionCredit(title);
  return split ? { caption: split.caption, credit: parseCredit(split.credit) } : { caption: title };
}

function imagesIn(node: Nodes): Image[] {
  const images: Image[] = [];
  const stack: Nodes[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type === 'image') images.push(current);
    else if ('children' in current)
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as Nodes);
  }
  return images;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Unified plugin: cleans the tree and stores `file.data.clean`; what it removed becomes messages. */
const galleyClean: Plugin<[Options?], Root> = function (options) {
  return (tree: Root, file: VFile) => {
    const source = file.data.source;
    const messages = options?.messages ?? defaultOptions.messages;
    file.data.clean = cleanTree(tree, {
      ...options,
      ...(source ? { format: source.format, meta: { ...source.meta, ...options?.meta } } : {}),
      ...(messages
        ? {
            onNote(note: CleanNote) {
              options?.onNote?.(note);
              file.message(note.reason, { ruleId: note.ruleId, source: 'galley-clean' });
            },
          }
        : {}),
    });
  };
};
export default galleyClean;

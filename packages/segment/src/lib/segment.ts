import type { Plugin } from 'unified';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { type Block, type Span, type SegmentData, workingText, trimSpan } from '@galley/document';

/** Options for the segment stage. */
export interface Options {
  /** Placeholder for segmenter options (none yet). */
}

/**
 * Sentence spans of `text` within the given blocks (each block is segmented on its own, so a
 * block boundary is always a sentence boundary). Without blocks the whole text is one block.
 */
export function segmentText(text: string, blocks?: readonly Block[]): Span[] {
  const out: Span[] = [];
  const list = blocks ?? [{ type: 'paragraph' as const, start: 0, end: text.length }];
  for (const block of list) {
    let from = block.start;
    const re = /[.!?]+["”’)]*\s+/g;
    re.lastIndex = block.start;
    const chunk = text.slice(0, block.end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(chunk))) {
      const span = trimSpan(text, from, m.index + m[0].length);
      if (span.end > span.start) out.push(span);
      from = m.index + m[0].length;
    }
    const last = trimSpan(text, from, block.end);
    if (last.end > last.start) out.push(last);
  }
  return out;
}

/** Plain function: sentence spans of a text (paragraphs split at blank lines). */
export async function segment(text: string, blocks?: readonly Block[]): Promise<Span[]> {
  return segmentText(text, blocks);
}

/** Unified plugin: segments the working text and stores `file.data.segment`. */
const galleySegment: Plugin<[Options?], Root> = function () {
  return (_tree: Root, file: VFile) => {
    const { text, blocks } = workingText(file);
    const data: SegmentData = { sentences: segmentText(text, blocks) };
    file.data.segment = data;
  };
};
export default galleySegment;

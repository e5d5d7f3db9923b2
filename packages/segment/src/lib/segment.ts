import type { Plugin } from 'unified';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import {
  type Block,
  type Span,
  type SegmentData,
  type StageContract,
  paragraphBlocks,
  workingText,
} from '@galley/document';
import { newlineFinder, splitLines } from './lines.js';
import { segmentUnit } from './scan.js';

/** Options for the segment stage (none yet; `undefined` and `{}` behave the same). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the stage's options type, empty until it has one
export interface Options {}

/** The defaults of {@link Options}. */
export const defaultOptions: Required<Options> = {};

/** Reads the cleaned text and blocks when the clean stage ran (else the raw text); writes the sentences. */
export const contract: StageContract = { reads: ['clean'], writes: ['segment'] };

/** Throw a `TypeError`/`RangeError` naming the problem when the input is not text and sorted, in-range blocks. */
function checkInput(text: unknown, blocks: readonly Block[] | undefined): asserts text is string {
  if (typeof text !== 'string') throw new TypeError(`segment: text must be a string, got ${typeof text}`);
  if (blocks === undefined) return;
  if (!Array.isArray(blocks)) throw new TypeError('segment: blocks must be an array of {start, end} spans');
  let previous = 0;
  for (const [i, block] of blocks.entries()) {
    const { start, end } = block ?? {};
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < previous || end < start || end > text.length) {
      throw new RangeError(
        `segment: blocks[${i}] (${start}-${end}) must be integer offsets inside the text (length ${text.length}), sorted and not overlapping`,
      );
    }
    previous = end;
  }
}

/**
 * Sentence spans of `text`, in order, trimmed of surrounding white space, never crossing a
 * block: every block boundary (paragraph, heading, title) is a sentence boundary. Without
 * `blocks` the text is split into paragraphs at blank lines. A single line break inside a
 * block is a boundary only before a list item or after a heading-like line.
 *
 * @throws TypeError or RangeError when `text` is not a string or `blocks` are not sorted spans inside it.
 */
export function segmentText(text: string, blocks?: readonly Block[]): Span[] {
  checkInput(text, blocks);
  const out: Span[] = [];
  const unit = (start: number, end: number): void => segmentUnit(text, start, end, out);
  const nextNewline = newlineFinder(text);
  for (const block of blocks ?? paragraphBlocks(text)) splitLines(text, block.start, block.end, nextNewline, unit);
  return out;
}

/**
 * Unified plugin: segments the working text (the cleaned text and its blocks, or the raw text
 * split at blank lines) and stores `file.data.segment = { sentences }`.
 */
const galleySegment: Plugin<[Options?], Root> = function () {
  return (_tree: Root, file: VFile) => {
    const { text, blocks } = workingText(file);
    const data: SegmentData = { sentences: segmentText(text, blocks) };
    file.data.segment = data;
  };
};
export default galleySegment;

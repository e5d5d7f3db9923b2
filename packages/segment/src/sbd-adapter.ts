/**
 * Adapter for the shared sentence-boundary harness (`shared/tools/sbd-eval.mjs --module`).
 * The harness joins a document's paragraphs with a newline, so every line is treated as a
 * block of its own, which is how the segment stage sees paragraphs after the clean stage.
 */
import type { Block, Span } from '@galley/document';
import { segmentText } from './lib/segment.js';

/** Sentence offsets of `text`, each line a paragraph. */
export function segment(text: string): Span[] {
  const blocks: Block[] = [];
  let from = 0;
  for (let at = text.indexOf('\n'); ; at = text.indexOf('\n', from)) {
    const to = at < 0 ? text.length : at;
    if (to > from) blocks.push({ type: 'paragraph', start: from, end: to });
    if (at < 0) break;
    from = at + 1;
  }
  return segmentText(text, blocks);
}

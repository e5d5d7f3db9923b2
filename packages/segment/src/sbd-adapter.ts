/**
 * Adapter for the shared sentence-boundary harness (`shared/tools/sbd-eval.mjs --module`).
 * The harness joins a document's paragraphs with a newline, so every line is a block of its own,
 * which is how the segment stage sees paragraphs after the clean stage, except a line that
 * plainly runs on from the one before (see {@link continuesLine}): the clean stage rejoins such
 * wrapped lines, so they are one block here too.
 */
import type { Block, Span } from '@galley/document';
import { segmentText } from './lib/segment.js';

/** Sentence offsets of `text`, each line a paragraph unless it continues the line before. */
export function segment(text: string): Span[] {
  const blocks: Block[] = [];
  let from = 0;
  for (let at = text.indexOf('\n'); ; at = text.indexOf('\n', from)) {
    const to = at < 0 ? text.length : at;
    if (to > from) {
      const previous = blocks.at(-1);
      if (
        previous &&
        previous.end === from - 1 &&
        continuesLine(text.slice(previous.start, previous.end), text.slice(from, to))
      )
        previous.end = to;
      else blocks.push({ type: 'paragraph', start: from, end: to });
    }
    if (at < 0) break;
    from = at + 1;
  }
  return segmentText(text, blocks);
}

/**
 * Whether `line` is the rest of a sentence broken by a stray newline (PDF copy, hard-wrapped
 * mail): the line before reads as one unfinished sentence (a capital first, several words, no
 * sentence end inside, a word or comma last) and `line` goes on with a lower-case word. Lines of
 * lower-case fragments, such as a menu or list ("features", "contact manager"), stay apart, as do
 * lines ending in a number, a URL or a signature-like name: nothing shows they are one sentence.
 */
export function continuesLine(before: string, line: string): boolean {
  const words = before.trim().split(/\s+/u);
  return (
    words.length >= 3 &&
    CAPITAL_FIRST.test(words[0]!) &&
    WORD_LAST.test(words.at(-1)!) &&
    !SENTENCE_END_INSIDE.test(before) &&
    RUNS_ON.test(line)
  );
}

const CAPITAL_FIRST = /^["'“‘(]?\p{Lu}/u;
const WORD_LAST = /^\p{L}+,?$/u;
const SENTENCE_END_INSIDE = /[.!?…]["'”’)\]]*\s/u;
const RUNS_ON = /^\s*\p{Ll}+[\s,]/u;

import { type Span, trimSpan } from '@galley/document';

/** A line that ends a sentence: stop, question or exclamation mark, ellipsis, or a colon, then closing quotes or brackets. */
const SENTENCE_END = /[.!?…:]["'”’)\]]*$/u;
/** A line that starts like a new paragraph: a capital, a digit, an opening quote or bracket, a dash. */
const NEW_START = /^["'“‘([\-–—]?[\p{Lu}\d]/u;
/** Lines shorter than this that end without a stop read as titles or headings; longer ones as hard-wrapped text. */
const HEADING_MAX_CHARS = 60;

/**
 * Split a blank-line-separated block of plain text into paragraphs at the line breaks that end
 * one. Articles pasted from the web often put one paragraph per line with no blank lines between
 * (a headline line, then paragraphs), while e-mails and PDF copies wrap every paragraph at a fixed
 * width. A line break ends a paragraph when the next line starts anew (a capital, a digit, an
 * opening quote) after a sentence end, or after a short line with no stop (a headline or heading,
 * as in "Council approves budget" above its first paragraph); any other break, such as one before
 * a lower-case word, is in mid-sentence. A block with more breaks in mid-sentence than at sentence
 * ends is hard-wrapped text and stays whole; otherwise it is split at the paragraph ends.
 */
export function lineParagraphs(text: string, block: Span): Span[] {
  const lines: Span[] = [];
  for (let from = block.start; from < block.end;) {
    const newline = text.indexOf('\n', from);
    const to = newline < 0 || newline > block.end ? block.end : newline;
    const line = trimSpan(text, from, to);
    if (line.end > line.start) lines.push(line);
    from = to + 1;
  }
  if (lines.length < 2) return [block];
  let ends = 0;
  let wraps = 0;
  const breaks = lines.slice(0, -1).map((line, i) => {
    const value = text.slice(line.start, line.end);
    const next = text.slice(lines[i + 1]!.start, lines[i + 1]!.end);
    const startsNew = NEW_START.test(next);
    if (startsNew && SENTENCE_END.test(value)) {
      ends++;
      return true;
    }
    if (startsNew && value.length < HEADING_MAX_CHARS) return true;
    wraps++;
    return false;
  });
  if (wraps > ends) return [block];
  const paragraphs: Span[] = [];
  let start = lines[0]!.start;
  breaks.forEach((isBreak, i) => {
    if (!isBreak) return;
    paragraphs.push({ start, end: lines[i]!.end });
    start = lines[i + 1]!.start;
  });
  paragraphs.push({ start, end: lines.at(-1)!.end });
  return paragraphs;
}

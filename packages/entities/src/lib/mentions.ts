import { tokenize } from './tokenize.js';

/** A proper-name mention found by the tagger, as standoff offsets into the text. */
export interface NameMention {
  start: number;
  end: number;
  label: 'PERSON' | 'ORG' | 'LOC' | 'MISC';
}

/**
 * Proper-name mentions of a text, given its sentences: sorted by offset, non-overlapping.
 * Interim version: capitalised token runs not at sentence start (replaced by the trained tagger).
 */
export function findNameMentions(text: string, sentences: readonly { start: number; end: number }[]): NameMention[] {
  const mentions: NameMention[] = [];
  for (const sentence of sentences) {
    const tokens = tokenize(text, sentence.start, sentence.end);
    let open = -1;
    for (let k = 0; k <= tokens.length; k++) {
      const code = k < tokens.length ? text.charCodeAt(tokens[k].start) : 0;
      const capitalised = k > 0 && code >= 65 && code <= 90;
      if (capitalised && open < 0) open = k;
      if (!capitalised && open >= 0) {
        mentions.push({ start: tokens[open].start, end: tokens[k - 1].end, label: 'MISC' });
        open = -1;
      }
    }
  }
  return mentions;
}

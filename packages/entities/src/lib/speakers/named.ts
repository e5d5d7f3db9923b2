import { labelOf } from './context.js';
import type { Context, Item, Subject } from './types.js';

/** A subject named outright, with how sure the rule that read it is. */
export function named(entity: string, confidence: number, cue: string): Subject {
  return { kind: 'named', entity, confidence, cue };
}

/** Whether the character at `at` is an ASCII capital (a name's first letter). */
export function isCapitalised(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 65 && c <= 90;
}

/**
 * A name that stands where a speaker stands: a person or an organisation; a place speaks for its
 * government ("China said") with less certainty; a word the tagger called MISC or did not tag
 * counts when it is a word of one person's name ("Schiff asked" after "Adam Schiff"), and is an
 * unnamed speaker otherwise, so that no weaker rule guesses in its place.
 */
export function nameSubject(ctx: Context, item: Item, cue: string): Subject | undefined {
  if (item.kind === 'mention' && item.mention) {
    const label = labelOf(ctx, item.mention.entity);
    if (label === 'PERSON' || label === 'ORG') return named(item.mention.entity, 0.95, cue);
    if (label === 'LOC') return named(item.mention.entity, 0.6, 'a place speaking for its government');
    return untaggedName(ctx, ctx.text.slice(item.start, item.end), item.start);
  }
  if (item.kind === 'word' && isCapitalised(ctx.text, item.start)) {
    return untaggedName(ctx, ctx.text.slice(item.start, item.end), item.start);
  }
  return undefined;
}

function untaggedName(ctx: Context, word: string, at: number): Subject {
  // "Ambassador Mohib" the tagger did not call a person: its last word, a surname named before.
  const last = word.slice(word.lastIndexOf(' ') + 1);
  const ids = ctx.nameWords.get(word.toLowerCase()) ?? ctx.nameWords.get(last.toLowerCase());
  if (ids && ids.size === 1) return named([...ids][0], 0.75, 'surname of a person named earlier');
  return {
    kind: 'unknown',
    at,
    cue: ids ? `“${word}”: two people of that name` : `“${word}” is not a name found in the text`,
  };
}

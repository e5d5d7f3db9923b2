import { isSpace } from '@galley/document';

/** The tokens of one unit, as parallel offset arrays. */
export interface Tokens {
  text: string;
  starts: number[];
  ends: number[];
  /** Offsets of stops inside tokens ("world.Today", "U.S."), ascending. */
  glued: number[];
  /** Whether any token holds "@", "/" or "www.", so the address rules need to look. */
  addressy: boolean;
}

/** The text of token `t`. */
export const tokenText = (tokens: Tokens, t: number): string => tokens.text.slice(tokens.starts[t], tokens.ends[t]);

/**
 * Split `[start, end)` at white space, noting on the way the stops inside tokens (candidates
 * for "world.Today") and whether any token may be an address, so later passes skip the rest.
 */
export function tokenize(text: string, start: number, end: number): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  const glued: number[] = [];
  let addressy = false;
  let at = start;
  while (at < end) {
    while (at < end && isSpace(text.charCodeAt(at))) at++;
    if (at >= end) break;
    const first = at;
    starts.push(at);
    // Printable ASCII is never space: skip the full test for it.
    for (
      let code = text.charCodeAt(at);
      at < end && ((code > 32 && code < 127) || !isSpace(code));
      code = text.charCodeAt(++at)
    ) {
      if ((code === 46 || code === 63 || code === 33) && at > first) {
        glued.push(at);
        if (code === 46 && at - first >= 3 && text.startsWith('www', at - 3)) addressy = true;
      } else if (code === 64 || code === 47) addressy = true;
    }
    ends.push(at);
  }
  return { text, starts, ends, glued, addressy };
}

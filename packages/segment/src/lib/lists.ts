import { isBullet, isDigit } from './chars.js';

/** Flag: the token is a list item marker, never followed by a boundary. */
export const LIST_MARKER = 1;
/** Flag: a list item starts here (same bit as the layout rules' `CUT_BEFORE`). */
const ITEM_START = 2;

/**
 * Longest inline list item, in tokens. Bounds the search for the next marker, which keeps
 * text full of "1." markers linear.
 */
const MAX_ITEM_TOKENS = 120;

/** A list marker token: `1.`, `2)`, `3.)`, `a.`, `b)`, optionally led by a bullet (`⁃9.`). */
interface Marker {
  token: number;
  /** 0 numeric, 1 alphabetic; times 3 plus the suffix kind (`.`, `)`, `.)`). */
  style: number;
  value: number;
}

/**
 * Parse token `[start, end)` as a list marker. Numbers have at most three digits so years
 * ("2010.") are not taken for items; letters must be lower case, since "E." is an initial.
 */
function parseMarker(text: string, start: number, end: number): Omit<Marker, 'token'> | undefined {
  // Bullet, three digits and ".)" at most, ending in "." or ")".
  const last = text.charCodeAt(end - 1);
  if (end - start > 6 || (last !== 46 && last !== 41)) return undefined;
  let at = start;
  if (at < end && isBullet(text.charCodeAt(at)) && end - at > 2) at++;
  let value = 0;
  let kind = 0;
  const first = text.charCodeAt(at);
  if (isDigit(first)) {
    for (let digits = 0; at < end && isDigit(text.charCodeAt(at)) && digits < 3; digits++) {
      value = value * 10 + text.charCodeAt(at++) - 48;
    }
    if (at < end && isDigit(text.charCodeAt(at))) return undefined;
  } else if (first >= 97 && first <= 122) {
    value = first - 96;
    kind = 1;
    at++;
  } else return undefined;
  const suffix = text.slice(at, end);
  const suffixKind = suffix === '.' ? 0 : suffix === ')' ? 1 : suffix === '.)' ? 2 : -1;
  if (suffixKind < 0) return undefined;
  return { style: kind * 3 + suffixKind, value };
}

/** Whether token `i` is a lone bullet character ("•" before "9. The first item"). */
function isBulletToken(text: string, starts: readonly number[], ends: readonly number[], i: number): boolean {
  return i >= 0 && ends[i] - starts[i] === 1 && isBullet(text.charCodeAt(starts[i]));
}

/**
 * Find inline enumerations ("1.) The first item 2.) The second item", "a. … b. … c. …") among
 * the tokens of one unit. A list starts at the unit's first token (after an optional bullet) or
 * at item 1 / "a" when a next item follows; every later item is the next number or letter in
 * the same style. Returns per-token flags: `LIST_MARKER`, and `ITEM_START` where an item begins
 * (at the marker or at its bullet).
 */
export function findListItems(text: string, starts: readonly number[], ends: readonly number[]): Uint8Array {
  const flags = new Uint8Array(starts.length);
  const markers: Marker[] = [];
  for (let i = 0; i < starts.length; i++) {
    const marker = parseMarker(text, starts[i], ends[i]);
    if (marker) markers.push({ token: i, ...marker });
  }
  if (!markers.length) return flags;
  const used = new Uint8Array(markers.length);
  for (let m = 0; m < markers.length; m++) {
    if (used[m]) continue;
    const head = markers[m];
    const atStart = head.token === 0 || (head.token === 1 && isBulletToken(text, starts, ends, 0));
    if (!atStart && (head.value !== 1 || head.style >= 3)) continue; // "a)" mid-text is rarely a list
    const chain = [m];
    for (let n = m + 1; n < markers.length; n++) {
      const last = markers[chain[chain.length - 1]];
      if (markers[n].token - last.token > MAX_ITEM_TOKENS) break;
      if (markers[n].style !== last.style) continue;
      if (markers[n].value === last.value + 1) chain.push(n);
      else if (markers[n].value === head.value) break; // the same list starts over
    }
    if (chain.length < 2 && !atStart) continue;
    for (const c of chain) {
      used[c] = 1;
      const token = markers[c].token;
      flags[token] = LIST_MARKER;
      const itemStart = isBulletToken(text, starts, ends, token - 1) ? token - 1 : token;
      if (itemStart > 0) flags[itemStart] |= ITEM_START;
    }
  }
  return flags;
}

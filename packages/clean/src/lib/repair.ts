/**
 * Text repair: what a reader sees, with the invisible and garbled characters of web text fixed.
 * Runs on each block before offsets are assigned, so `text` offsets point at repaired text.
 */

import { collapseSpaces } from '@galley/document';

/** Options for {@link repairText}. */
export interface RepairOptions {
  /**
   * Normalise quotation marks: straight quotes become curly ones, and a curly opening mark used
   * as a closing one (`“word“`) is turned round. Default `false`: the text keeps the author's marks,
   * which is what annotation fixtures compare against.
   */
  quotes?: boolean;
}

// Windows-1252 maps 0x80–0x9f to these code points; mojibake of UTF-8 read as cp1252 contains them.
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const cp1252Byte = new Map<string, number>([...cp1252High].map((ch, i) => [ch, 0x80 + i]));

// A UTF-8 lead byte (Â–ô as Latin-1) followed by one to three continuation bytes (0x80–0xbf as
// Latin-1 or cp1252). Bounded repetition over a single class: linear time.
const mojibakePattern = new RegExp(
  `[\\u00c2-\\u00f4][\\u0080-\\u00bf${cp1252High.replace(/[\\\]^-]/g, '\\$&')}]{1,3}`,
  'g',
);
const mojibakeLead = /[\u00c2-\u00f4]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes of a string read as Windows-1252 / Latin-1, or `undefined` when a character has no byte. */
function latin1Bytes(value: string): Uint8Array | undefined {
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const byte =
      code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (cp1252Byte.get(value[i]) ?? (code <= 0x9f ? code : -1));
    if (byte < 0) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

/** Undo UTF-8 text that was decoded as Windows-1252 (`â€™` → `’`, `Ã©` → `é`). */
export function fixMojibake(value: string): string {
  if (!mojibakeLead.test(value)) return value;
  return value.replace(mojibakePattern, (run) => {
    // Try the longest prefix that decodes to exactly one character; keep the rest as it was.
    for (let len = run.length; len >= 2; len--) {
      const bytes = latin1Bytes(run.slice(0, len));
      if (!bytes) continue;
      try {
        const decoded = utf8.decode(bytes);
        if ([...decoded].length === 1) return decoded + run.slice(len);
      } catch {
        // not valid UTF-8 at this length: try a shorter one
      }
    }
    return run;
  });
}

// Invisible characters that only get in the way: zero-width space/joiners used as word breaks,
// soft hyphens, BOMs, bidi embeddings/overrides/isolates and C0/C1 controls (tab and newline excepted).
const invisible =
  // eslint-disable-next-line no-misleading-character-class -- matching the joiners alone is the point
  /[\u00ad\u200b\u200c\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069\u200e\u200f\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Repair one block of text: mojibake, invisible characters, spaces, and optionally quotes. */
export function repairText(value: string, options: RepairOptions = {}): string {
  // Every kind of space, line break included, becomes one space: a block is one run of text.
  let text = collapseSpaces(fixMojibake(value).replace(invisible, '')).trim();
  if (options.quotes) text = normaliseQuotes(text);
  return text;
}

const straightDouble = /"/g;
const straightSingle = /'/g;
const wrongClosingDouble = /(?<=\S)“(?=[\s.,;:!?)\]]|$)/g;
const wrongClosingSingle = /(?<=[\p{L}\p{N}.,!?])‘(?=[\s.,;:!?)\]]|$)/gu;
const isWordChar = /[\p{L}\p{N}]/u;
const opensAfter = /[\s([{“‘—–-]/;
const isSpaceChar = /\s/;

/**
 * Curly quotes throughout: a straight mark opens after a space or an opening bracket and closes
 * otherwise (so apostrophes become `’`), and an opening curly mark in closing position is flipped.
 */
export function normaliseQuotes(text: string): string {
  const curl = (open: string, close: string) => (_mark: string, offset: number, whole: string) => {
    const before = offset > 0 ? whole[offset - 1] : ' ';
    const after = whole[offset + 1] ?? ' ';
    const opens = opensAfter.test(before) && !isSpaceChar.test(after);
    if (open === '‘' && isWordChar.test(before) && isWordChar.test(after)) return close;
    return opens ? open : close;
  };
  return text
    .replace(straightDouble, curl('“', '”'))
    .replace(straightSingle, curl('‘', '’'))
    .replace(wrongClosingDouble, '”')
    .replace(wrongClosingSingle, '’');
}

const nonWord = /[^\p{L}\p{N}]+/gu;

/** Whether two strings have the same letters and digits, case aside (a title repeated as a heading). */
export function sameText(a: string, b: string): boolean {
  return a.replace(nonWord, '').toLowerCase() === b.replace(nonWord, '').toLowerCase();
}

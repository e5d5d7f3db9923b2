/**
 * Character classes for the boundary scanner, on UTF-16 code units so the hot loop needs no
 * regular expression per character. Non-ASCII letters fall back to case mapping, which covers
 * every cased script.
 */

/** Letter case of a code unit: 1 upper, -1 lower, 0 neither (digits, marks, uncased scripts). */
export function letterCase(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code >= 65 && code <= 90) return 1;
  if (code >= 97 && code <= 122) return -1;
  if (code < 0xc0) return 0;
  const ch = text[at];
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower === upper) return 0;
  return ch === upper ? 1 : -1;
}

/** ASCII digit. */
export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Letter or digit (cased letters and ASCII digits; enough to tell words from punctuation). */
export function isWordChar(text: string, at: number): boolean {
  return isDigit(text.charCodeAt(at)) || letterCase(text, at) !== 0;
}

/** Sentence-final marks: `.`, `?`, `!`, `…` and the doubled forms `‼ ⁇ ⁈ ⁉`. */
export function isTerminal(code: number): boolean {
  return code === 46 || code === 0x2026 || isStrongTerminal(code);
}

/** Strong sentence-final marks (`?`, `!` and their doubled forms): never part of an abbreviation. */
export function isStrongTerminal(code: number): boolean {
  return code === 63 || code === 33 || code === 0x203c || (code >= 0x2047 && code <= 0x2049);
}

/** Closing quotes and brackets that stay with the sentence they follow: `."`, `.)`, `?”`. */
export function isCloser(code: number): boolean {
  return (
    code === 34 ||
    code === 39 ||
    code === 41 ||
    code === 93 ||
    code === 125 ||
    code === 0x2019 ||
    code === 0x201d ||
    code === 0x201c ||
    code === 0xbb ||
    code === 0x203a
  );
}

/** Quote marks among the closers (a quote before a lower-case word is "…," she said). */
export function isQuote(code: number): boolean {
  return (
    code === 34 ||
    code === 39 ||
    code === 0x2019 ||
    code === 0x201d ||
    code === 0x201c ||
    code === 0xbb ||
    code === 0x203a
  );
}

/** Opening quotes and brackets a sentence may start with. */
export function isOpener(code: number): boolean {
  return (
    code === 34 ||
    code === 39 ||
    code === 40 ||
    code === 91 ||
    code === 123 ||
    code === 0x2018 ||
    code === 0x201c ||
    code === 0x201e ||
    code === 0xab ||
    code === 0x2039 ||
    code === 0xbf ||
    code === 0xa1
  );
}

/** List bullets that start an item: `•`, `⁃`, `▪`, `◦`, `‣`, `∙`, `·`, `-`, `*`, `–`. */
export function isBullet(code: number): boolean {
  return (
    code === 0x2022 ||
    code === 0x2043 ||
    code === 0x25aa ||
    code === 0x25e6 ||
    code === 0x2023 ||
    code === 0x2219 ||
    code === 0xb7 ||
    code === 45 ||
    code === 42 ||
    code === 0x2013
  );
}

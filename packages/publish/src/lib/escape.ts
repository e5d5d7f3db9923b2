// HTML escaping that writes exactly what `hast-util-to-html` writes, so the direct HTML renderer
// stays byte for byte equal to the unified route (see html.ts).

/** Spaces and tabs next to a line ending, which `mdast-util-to-hast` drops from text (`trim-lines`). */
const LINE_ENDING_BLANKS = /[ \t]*(\r?\n|\r)[ \t]*/g;
/** What `hast-util-to-html` escapes in text: the characters that could start markup. */
const TEXT_SPECIAL = /[&<]/g;
/**
 * What `hast-util-to-html` escapes in a double-quoted attribute value: the quote and `&`, and by
 * default also NUL, `'` and the backtick, which old browsers misread.
 */
const ATTRIBUTE_SPECIAL = /[\0"&'`]/g;

/** Any line ending; most stretches of text have none. */
const LINE_ENDING = /[\r\n]/;

/** Article text as HTML, trimmed around line endings as the mdast route trims it. */
export function articleHtml(value: string): string {
  // The trimming pattern starts at every space it meets, so it only runs where it can match.
  return htmlText(LINE_ENDING.test(value) ? value.replace(LINE_ENDING_BLANKS, '$1') : value);
}

/** A text node's HTML, with the references `hast-util-to-html` writes (upper-case hexadecimal). */
export function htmlText(value: string): string {
  return withReferences(value, TEXT_SPECIAL);
}

export function htmlAttribute(value: string): string {
  return withReferences(value, ATTRIBUTE_SPECIAL);
}

/** `value` with what the global `special` matches written as character references. */
function withReferences(value: string, special: RegExp): string {
  // Tested first: `replace` with a function costs several times a `test` even where nothing
  // matches, and almost nothing does. A global pattern's `test` starts at `lastIndex`.
  special.lastIndex = 0;
  return special.test(value) ? value.replace(special, characterReference) : value;
}

function characterReference(character: string): string {
  return `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`;
}

// Adversarial inputs: each generator makes an article of about `bytes` bytes built to push one
// stage or one dependency towards its worst case. Shared by tests/test/adversarial.test.ts
// (small sizes, in process) and `npm run bench:adversarial` (1 MB and 5 MB through `galley
// process`), hence plain JavaScript with JSDoc types.

/**
 * @typedef {'text' | 'markdown' | 'html'} Format
 * @typedef {{ name: string; format: Format; what: string; make(bytes: number): string }} Generator
 */

/**
 * `unit` repeated to about `bytes` characters (all units here are ASCII: characters are bytes).
 * @param {string} unit
 * @param {number} bytes
 */
function repeat(unit, bytes) {
  return unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
}

/**
 * Lines indented one step more each time, back to the margin when the size runs out sooner:
 * the deepest nesting the size allows (about √bytes levels).
 * @param {number} bytes
 * @param {(level: number) => string} line
 */
function staircase(bytes, line) {
  const parts = [];
  let size = 0;
  for (let level = 0; size < bytes; level++) {
    const text = line(level);
    parts.push(text);
    size += text.length;
  }
  return parts.join('');
}

/**
 * Pieces made by `piece` from ever new words, joined to about `bytes` characters: the shapes of
 * the repeating generators without their repetition, so that no memo of words or sentences
 * (the tagger keeps both) makes them cheap. The words are pseudo-random letters from a fixed
 * seed, so every run gets the same text.
 * @param {number} bytes
 * @param {(word: string, capitalised: string) => string} piece
 */
function varied(bytes, piece) {
  let seed = 0x9e3779b9;
  /** xorshift32: a few bits per letter, the same stream every run. */
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  const parts = [];
  let size = 0;
  while (size < bytes) {
    let word = '';
    for (let length = 3 + (next() % 7); word.length < length;) word += String.fromCharCode(97 + (next() % 26));
    const text = piece(word, word[0].toUpperCase() + word.slice(1));
    parts.push(text);
    size += text.length;
  }
  return parts.join('');
}

/** @type {readonly Generator[]} */
export const generators = [
  // The issue's table.
  { name: 'md-blockquotes', format: 'markdown', what: "'> ' repeated", make: (n) => repeat('> ', n) },
  { name: 'md-unclosed-links', format: 'markdown', what: "'[a](' repeated", make: (n) => repeat('[a](', n) },
  {
    name: 'md-nested-list',
    format: 'markdown',
    what: 'a list nested one level deeper each line',
    make: (n) => staircase(n, (level) => `${'  '.repeat(level)}- item\n`),
  },
  {
    name: 'html-unclosed-tags',
    format: 'html',
    what: "'<div><span><a>' repeated, never closed",
    make: (n) => `<html><body>${repeat('<div><span><a>', n)}</body></html>`,
  },
  { name: 'html-bold-run', format: 'html', what: "'<b>' repeated", make: (n) => `<html><body>${repeat('<b>', n)}` },
  { name: 'text-double-quotes', format: 'text', what: "'\"' repeated", make: (n) => repeat('"', n) },
  { name: 'text-tiny-blocks', format: 'text', what: "'a\\n\\n' repeated", make: (n) => repeat('a\n\n', n) },
  // Deep nesting of other kinds.
  {
    name: 'md-nested-quotes-lines',
    format: 'markdown',
    what: 'one more > on each line',
    make: (n) => staircase(n, (level) => `${'>'.repeat(level + 1)} quoted\n`),
  },
  {
    name: 'html-nested-closed',
    format: 'html',
    what: '<div> nested deep, then all closed',
    make: (n) => `<html><body>${repeat('<div>', n / 2)}x${repeat('</div>', n / 2)}</body></html>`,
  },
  // Unclosed constructs.
  { name: 'md-open-brackets', format: 'markdown', what: "'[' repeated", make: (n) => repeat('[', n) },
  { name: 'md-backticks', format: 'markdown', what: "'`a' repeated", make: (n) => repeat('`a', n) },
  { name: 'md-emphasis', format: 'markdown', what: "'*a_' repeated", make: (n) => repeat('*a_', n) },
  { name: 'md-inline-html', format: 'markdown', what: "'<a ' repeated", make: (n) => repeat('<a ', n) },
  {
    name: 'html-open-comments',
    format: 'html',
    what: "'<!--' repeated",
    make: (n) => `<html><body><p>x</p>${repeat('<!--', n)}`,
  },
  {
    name: 'html-open-attribute',
    format: 'html',
    what: 'one attribute value never closed',
    make: (n) => `<html><body><p title="${repeat('a ', n)}`,
  },
  // Long runs of one punctuation character.
  { name: 'text-dots', format: 'text', what: "'.' repeated", make: (n) => repeat('.', n) },
  { name: 'text-dashes', format: 'text', what: "'-' repeated", make: (n) => repeat('-', n) },
  { name: 'text-curly-quotes', format: 'text', what: "'“' repeated", make: (n) => repeat('\u201c', n / 3) },
  { name: 'text-apostrophes', format: 'text', what: '"\'" repeated', make: (n) => repeat("'", n) },
  { name: 'text-quote-words', format: 'text', what: "'\"a ' repeated", make: (n) => repeat('"a ', n) },
  // Many tiny blocks and lines.
  { name: 'text-tiny-lines', format: 'text', what: "'a\\n' repeated", make: (n) => repeat('a\n', n) },
  { name: 'md-tiny-blocks', format: 'markdown', what: "'a\\n\\n' repeated", make: (n) => repeat('a\n\n', n) },
  {
    name: 'html-tiny-paragraphs',
    format: 'html',
    what: "'<p>a</p>' repeated",
    make: (n) => `<html><body><article>${repeat('<p>a</p>', n)}</article></body></html>`,
  },
  // Huge single tokens and sentences.
  { name: 'text-one-token', format: 'text', what: 'one word of n letters', make: (n) => `Title\n\n${repeat('a', n)}` },
  {
    name: 'text-one-sentence',
    format: 'text',
    what: 'one sentence of n/4 words',
    make: (n) => `Title\n\n${repeat('word ', n)}`,
  },
  {
    name: 'text-capitalised',
    format: 'text',
    what: "'Abc ' repeated: every word an entity candidate",
    make: (n) => `Title\n\n${repeat('Abc ', n)}`,
  },
  {
    name: 'text-initials',
    format: 'text',
    what: "'A. ' repeated: every word an initial",
    make: (n) => `Title\n\n${repeat('A. ', n)}`,
  },
  // The slowest shapes above with words that never repeat (see `varied`).
  {
    name: 'varied-double-quotes',
    format: 'text',
    what: 'words each in double quotes',
    make: (n) => varied(n, (w) => `"${w}" `),
  },
  {
    name: 'varied-apostrophes',
    format: 'text',
    what: 'words each after an apostrophe',
    make: (n) => varied(n, (w) => `'${w} `),
  },
  {
    name: 'varied-quote-words',
    format: 'text',
    what: 'each word after a double quote',
    make: (n) => varied(n, (w) => `"${w} `),
  },
  { name: 'varied-tiny-lines', format: 'text', what: 'one new word a line', make: (n) => varied(n, (w) => `${w}\n`) },
  {
    name: 'varied-one-sentence',
    format: 'text',
    what: 'one sentence of ever new words',
    make: (n) => `Title\n\n${varied(n, (w) => `${w} `)}`,
  },
  {
    name: 'varied-capitalised',
    format: 'text',
    what: 'ever new capitalised words: every word an entity candidate',
    make: (n) => `Title\n\n${varied(n, (_w, W) => `${W} `)}`,
  },
  {
    name: 'varied-initials',
    format: 'text',
    what: 'initials of ever new words, each a sentence break candidate',
    make: (n) => `Title\n\n${varied(n, (_w, W) => `${W[0]}. ${W} `)}`,
  },
];

/**
 * The file name a generated article is written under: the extension tells `galley process`
 * its format, as a user's file would.
 * @param {Generator} generator
 */
export function fileName(generator) {
  return `${generator.name}.${generator.format === 'markdown' ? 'md' : generator.format === 'html' ? 'html' : 'txt'}`;
}

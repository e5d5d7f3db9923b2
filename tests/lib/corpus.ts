/**
 * Hostile and broken inputs, generated on demand (nothing large is committed). Each case says
 * what a user must get: a valid document, or a one-line refusal whose reason matches `refusal`.
 * A case that may go either way (`either`) must still end cleanly within its time limit.
 */

/** What the user must get for a case. */
export type Outcome = 'document' | 'refused' | 'either';

/** One hostile input. */
export interface CorpusCase {
  /** Short kebab-case name, also the file's base name. */
  name: string;
  /** File extension, which picks the reader (`.txt`, `.md`, `.html`). */
  ext: string;
  /** The file's bytes; `sparse` makes a file of that many bytes without writing them. */
  content: () => Uint8Array | string;
  sparse?: number;
  outcome: Outcome;
  /** For `refused`: what the one-line reason must say. */
  refusal?: RegExp;
  /** Characters or strings the published `text` must not contain. */
  textLacks?: readonly string[];
  /** Strings the published `text` must contain (the article survived). */
  textHas?: readonly string[];
  /** Kill after this many milliseconds (default 20 000): a kill is a failure. */
  timeoutMs?: number;
  /** Check the HTML and Markdown renderings for active content (the hostile-markup cases). */
  renderings?: boolean;
  /**
   * A bug this case is known to expose, and where it lives. The test then expects the case to
   * fail, so the suite stays green while the bug is open and turns red once it is fixed.
   */
  knownBug?: string;
}

const MB = 1024 * 1024;
const prose = 'The council met on Tuesday. Its members voted to keep the library open! Did anyone object? Nobody did.';

function repeat(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Deterministic pseudo-random bytes (xorshift), so a failure reproduces. */
function noise(length: number, seed = 0x9e3779b9): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  if (endian === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

/**
 * Emoji (astral, ZWJ sequences, flags, skin tones, keycaps) and combining marks placed at every
 * offset of a short sentence pair, next to every punctuation mark, so any stage that cuts a span
 * by code unit instead of by character shows it.
 */
function emojiEverywhere(): string {
  const clusters = ['😀', '👩‍👩‍👧‍👦', '🇺🇦', '👍🏽', '1️⃣', 'e\u0301', 'a\u0308\u0304', '𝐀', '\u0915\u094d\u0937', '😀.'];
  const base = 'Alpha said "Go." Then Beta left! Why? "No," said Gamma.';
  const paragraphs: string[] = ['Emoji and marks at every offset'];
  for (const cluster of clusters) {
    for (let at = 0; at <= base.length; at++) paragraphs.push(base.slice(0, at) + cluster + base.slice(at));
  }
  return paragraphs.join('\n\n');
}

function nested(open: string, close: string, depth: number, inner: string): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

const yamlBomb = [
  '---',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  '---',
  '',
  '# Bomb',
  '',
  prose,
].join('\n');

const hostileHtml = `<!doctype html><html><head><title>Hostile page</title>
<script>window.stolen = document.cookie</script><meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<style>body{background:url(javascript:alert(1))}</style></head><body onload="alert(1)">
<h1 onclick="alert(2)">Hostile page</h1>
<p>${prose} <a href="javascript:alert(3)">click</a> <a href="  JaVaScRiPt:alert(4)">again</a>
<a href="vbscript:msgbox(1)">vb</a> <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==">data</a></p>
<img src="x" onerror="alert(6)" alt="an image"><svg onload="alert(7)"><script>alert(8)</script><foreignObject><p>svg text</p></foreignObject></svg>
<iframe src="javascript:alert(9)"></iframe><object data="evil.swf"></object><embed src="evil.swf">
<math><mtext><table><mglyph><style><img src=x onerror=alert(10)></style></mglyph></table></mtext></math>
<p>Second paragraph with <b onmouseover="alert(11)">bold</b> and <form action="javascript:alert(12)"><input autofocus onfocus="alert(13)"></form>text.</p>
<noscript><p title="</noscript><img src=x onerror=alert(14)>"></p></noscript>
</body></html>`;

const hostileMarkdown = `# Raw HTML in Markdown

${prose}

<script>alert(1)</script>

<img src="x" onerror="alert(2)">

A [link](javascript:alert(3)) and an ![image](javascript:alert(4)) and <a href="javascript:alert(5)">inline</a>.

[ref]: javascript:alert(6)

Closing [ref] paragraph with <svg onload=alert(7)></svg> inline.
`;

/** The corpus. */
export const corpus: readonly CorpusCase[] = [
  { name: 'empty', ext: '.txt', content: () => '', outcome: 'refused', refusal: /empty/ },
  {
    name: 'only-whitespace',
    ext: '.txt',
    content: () => ' \n\t\r\n\u00a0\u3000  \n\n',
    outcome: 'refused',
    refusal: /empty/,
  },
  { name: 'binary-noise', ext: '.txt', content: () => noise(64 * 1024), outcome: 'refused', refusal: /binary|UTF-8/ },
  {
    name: 'png-header',
    ext: '.txt',
    content: () => Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), noise(4096, 7)]),
    outcome: 'refused',
    refusal: /binary|UTF-8/,
  },
  {
    name: 'nul-late-in-text',
    ext: '.txt',
    content: () => `${repeat(`${prose} `, 20_000)}\0tail`,
    outcome: 'refused',
    refusal: /binary/,
  },
  {
    name: 'invalid-utf8',
    ext: '.txt',
    content: () =>
      Buffer.concat([
        Buffer.from(`${prose} caf`),
        Buffer.from([0xe9, 0x20, 0xc3, 0x28, 0xa0, 0xa1]),
        Buffer.from(' end.'),
      ]),
    outcome: 'refused',
    refusal: /UTF-8/,
  },
  {
    name: 'cesu8-surrogate',
    ext: '.txt',
    content: () => Buffer.concat([Buffer.from(`${prose} `), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' end.')]),
    outcome: 'refused',
    refusal: /UTF-8/,
  },
  {
    name: 'latin1-mojibake-declared',
    ext: '.txt',
    content: () => Buffer.from(`Caf\u00e9 news\n\n${prose} Na\u00efve r\u00e9sum\u00e9.`, 'latin1'),
    outcome: 'refused',
    refusal: /UTF-8/,
  },
  {
    name: 'utf16le-bom',
    ext: '.txt',
    content: () => utf16(`Caf\u00e9 headline 😀\n\n${prose}`, 'le'),
    outcome: 'document',
    textHas: ['Caf\u00e9 headline 😀', 'library open'],
    textLacks: ['\ufeff'],
  },
  {
    name: 'utf16be-bom',
    ext: '.txt',
    content: () => utf16(`Caf\u00e9 headline\n\n${prose}`, 'be'),
    outcome: 'document',
    textHas: ['Caf\u00e9 headline'],
    textLacks: ['\ufeff'],
  },
  {
    name: 'utf16le-no-bom',
    ext: '.txt',
    content: () => Buffer.from(`Headline\n\n${prose}`, 'utf16le'),
    outcome: 'refused',
    refusal: /binary|UTF-16/,
  },
  {
    name: 'utf16le-odd-length',
    ext: '.txt',
    content: () => Buffer.concat([utf16(`Headline\n\n${prose}`, 'le'), Buffer.from([0x41])]),
    outcome: 'refused',
    refusal: /UTF-16/,
  },
  {
    name: 'utf16le-lone-surrogate',
    ext: '.txt',
    content: () => Buffer.concat([utf16(`Headline\n\n${prose}`, 'le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]),
    outcome: 'refused',
    refusal: /UTF-16/,
  },
  {
    name: 'utf8-bom-crlf',
    ext: '.txt',
    content: () => `\ufeffHeadline\r\n\r\n${prose}\r\rOld Mac line breaks.\r\n`,
    outcome: 'document',
    textLacks: ['\r', '\ufeff'],
    textHas: ['Old Mac line breaks.'],
  },
  {
    name: 'fifty-megabytes',
    ext: '.txt',
    content: () => repeat(`${prose}\n\n`, 50 * MB),
    outcome: 'refused',
    refusal: /MB limit/,
    timeoutMs: 30_000,
  },
  {
    name: 'three-gigabytes-sparse',
    ext: '.txt',
    content: () => '',
    sparse: 3 * 1024 * MB,
    outcome: 'refused',
    refusal: /MB limit/,
    timeoutMs: 30_000,
  },
  {
    name: 'one-megabyte-paragraph',
    ext: '.txt',
    content: () => `Run-on\n\n${repeat('word and more words ', MB)}`,
    outcome: 'document',
    timeoutMs: 60_000,
  },
  {
    name: 'one-megabyte-word',
    ext: '.txt',
    content: () => `Long word\n\n${repeat('x', MB)}`,
    outcome: 'document',
    timeoutMs: 60_000,
  },
  {
    name: 'hundred-thousand-paragraphs',
    ext: '.txt',
    content: () => `Many paragraphs\n\n${repeat('A b.\n\n', 100_000 * 6)}`,
    // Articles have hundreds of paragraphs; past 50,000 the document itself grows past what a
    // reader or the viewer can use, so the input is refused with a way out (split the file).
    outcome: 'refused',
    refusal: /over 50000 paragraphs.*split the file/,
    timeoutMs: 60_000,
  },
  {
    name: 'hundred-thousand-markdown-paragraphs',
    ext: '.md',
    content: () => `# Many paragraphs\n\n${repeat('A *b*.\n\n', 100_000 * 8)}`,
    outcome: 'refused',
    refusal: /over 20000 paragraphs/,
    timeoutMs: 60_000,
  },
  {
    name: 'deep-html-divs',
    ext: '.html',
    content: () => `<html><body><h1>Deep</h1>${nested('<div>', '</div>', 10_000, `<p>${prose}</p>`)}</body></html>`,
    outcome: 'either',
    refusal: /nest|deep/i,
    timeoutMs: 60_000,
  },
  {
    name: 'deep-html-unclosed',
    ext: '.html',
    content: () => `<html><body><h1>Deep</h1>${repeat('<span><em>', 10_000 * 10)}${prose}</body></html>`,
    outcome: 'either',
    refusal: /nest|deep/i,
    timeoutMs: 60_000,
  },
  {
    name: 'deep-markdown-quotes',
    ext: '.md',
    content: () => `# Deep\n\n${'>'.repeat(10_000)} ${prose}\n`,
    outcome: 'either',
    refusal: /nest|deep/i,
    timeoutMs: 60_000,
  },
  {
    name: 'deep-markdown-lists',
    ext: '.md',
    content: () => `# Deep\n\n${Array.from({ length: 10_000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n`,
    outcome: 'either',
    refusal: /nest|deep/i,
    timeoutMs: 60_000,
  },
  {
    name: 'deep-markdown-emphasis',
    ext: '.md',
    content: () => `# Deep\n\n${nested('*a ', ' a*', 10_000, 'core')}\n`,
    outcome: 'either',
    refusal: /nest|deep|emphasis markers/i,
    timeoutMs: 20_000,
  },
  {
    name: 'hostile-html',
    renderings: true,
    ext: '.html',
    content: () => hostileHtml,
    outcome: 'document',
    textLacks: ['document.cookie', 'alert(1)', 'alert(8)'],
    textHas: ['library open'],
  },
  {
    name: 'hostile-markdown',
    renderings: true,
    ext: '.md',
    content: () => hostileMarkdown,
    outcome: 'document',
    textHas: ['library open'],
  },
  { name: 'yaml-billion-laughs', ext: '.md', content: () => yamlBomb, outcome: 'either', refusal: /front matter/ },
  {
    name: 'yaml-recursive-alias',
    ext: '.md',
    content: () => `---\na: &a [*a]\nb: &b {self: *b}\n---\n\n# Title\n\n${prose}\n`,
    outcome: 'either',
    refusal: /front matter/,
  },
  {
    name: 'yaml-proto-and-tags',
    renderings: true,
    ext: '.md',
    content: () =>
      `---\n__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\nfn: !!js/function "function(){}"\nbig: 123456789012345678901234567890\ninf: .inf\n---\n\n# Title\n\n${prose}\n`,
    outcome: 'document',
    textHas: ['library open'],
  },
  {
    name: 'yaml-huge',
    ext: '.md',
    content: () =>
      `---\n${Array.from({ length: 20_000 }, (_, i) => `k${i}: v${i}`).join('\n')}\n---\n\n# Title\n\n${prose}\n`,
    outcome: 'either',
    refusal: /front matter/,
  },
  {
    name: 'yaml-not-a-mapping',
    ext: '.md',
    content: () => `---\n- just\n- a list\n---\n\n# Title\n\n${prose}\n`,
    outcome: 'either',
    refusal: /front matter/,
  },
  {
    name: 'front-matter-only',
    ext: '.md',
    content: () => '---\ntitle: Nothing else\n---\n',
    outcome: 'either',
    refusal: /empty|no text|nothing/i,
  },
  {
    name: 'control-characters',
    ext: '.txt',
    content: () =>
      `Head\u0007line\n\n${prose.replace(/ (?=[A-Z])/g, ' \u0001')}\u001b[31m red\u007f \u0085 \u009b end.`,
    outcome: 'document',
    textLacks: ['\u0007', '\u0001', '\u001b', '\u007f', '\u009b'],
  },
  {
    name: 'bidi-overrides',
    renderings: true,
    ext: '.txt',
    content: () =>
      `Invoice \u202egnp.exe\u202c\n\n${prose} \u2066isolated\u2069 \u200fmarked\u200e \u202bembedded\u202c.`,
    outcome: 'document',
    textLacks: ['\u202e', '\u202c', '\u2066', '\u2069', '\u202b'],
  },
  {
    name: 'emoji-and-marks-every-offset',
    renderings: true,
    ext: '.txt',
    content: emojiEverywhere,
    outcome: 'document',
    timeoutMs: 30_000,
  },
  { name: 'only-emoji', ext: '.txt', content: () => '😀😀😀\n\n👍🏽👍🏽', outcome: 'document' },
  {
    name: 'path-traversal-title',
    renderings: true,
    ext: '.md',
    content: () => `# ../../../../tmp/galley-escape\n\n${prose}\n`,
    outcome: 'document',
  },
  {
    name: 'huge-title',
    ext: '.txt',
    content: () => `${repeat('Title word ', 100_000)}\n\n${prose}`,
    outcome: 'document',
    timeoutMs: 30_000,
  },
  {
    name: 'all-capitals',
    ext: '.txt',
    content: () => `Capitals\n\n${repeat('ABC DEF GHI ', 500_000)}.`,
    outcome: 'document',
    timeoutMs: 60_000,
  },
  {
    name: 'many-quotes',
    ext: '.txt',
    content: () => `Quotes\n\n${repeat('"a" \u201cb\u201d \'c\' ', 300_000)}`,
    outcome: 'document',
    timeoutMs: 60_000,
  },
];

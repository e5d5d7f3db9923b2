import { InputError, type SourceFormat } from '@galley/document';

/** Largest article accepted, in bytes (about fifty times a long feature). */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

/** How much of the start of a text is sampled for control characters. */
const BINARY_SAMPLE = 8192;

// A high surrogate not followed by a low one, or a low one not preceded by a high one. Single
// code units with short lookarounds: linear time. Both branches start with the code unit itself
// (the low one's look-behind comes after it), so the engine can skip ahead to candidates.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|[\udc00-\udfff](?<![\ud800-\udbff][\udc00-\udfff])/g;
/** Any surrogate: most articles have none, and one scan for them is cheaper than the pattern above. */
const anySurrogate = /[\ud800-\udfff]/;
/** C0 control characters but tab, line feed, form feed and carriage return. */
const controlCharacter = /[\0-\x08\x0b\x0e-\x1f]/g;
const lineBreak = /\r\n?/g;

/**
 * Refuse an article by its size alone. Callers that can learn the size before reading (a file's
 * `stat`, a `Content-Length`) should call this first, so an oversized input is never loaded.
 */
export function checkArticleSize(bytes: number, maxBytes = MAX_ARTICLE_BYTES): void {
  if (bytes > maxBytes) throw tooLarge(bytes, maxBytes);
}

/** What is known about an article's bytes before they are decoded. */
export interface DecodeHints {
  /** The character set a transport declared, e.g. the `charset` of an HTTP `Content-Type`. */
  charset?: string;
  /**
   * The format, when known. HTML (or an unknown format whose bytes look like HTML) may declare
   * its character set in a `<meta>` tag; text and Markdown have no such tag and must be UTF-8.
   */
  format?: SourceFormat;
}

/**
 * Decode an article's bytes to a string, as a browser picks the encoding: a byte-order mark
 * first, then the charset the transport declared, then (for HTML) a `<meta charset>` in the
 * first 1024 bytes, else UTF-8. Empty, binary, badly encoded and oversized input is refused with
 * a reason the user can act on. The result has `\n` line breaks, no byte-order mark and no lone
 * surrogates, so every span the stages cut from it can be encoded as UTF-8.
 */
export function decodeSource(
  source: string | Uint8Array,
  maxBytes = MAX_ARTICLE_BYTES,
  hints: DecodeHints = {},
): string {
  let text: string;
  if (typeof source === 'string') {
    // A UTF-16 code unit is at least one UTF-8 byte, so the length alone can refuse without encoding.
    checkArticleSize(source.length, maxBytes);
    checkArticleSize(Buffer.byteLength(source, 'utf8'), maxBytes);
    text = anySurrogate.test(source) ? source.replace(loneSurrogate, '\ufffd') : source;
  } else {
    checkArticleSize(source.byteLength, maxBytes);
    text = decodeBytes(source, hints);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (looksBinary(text)) {
    throw new InputError(
      'input looks binary (NUL or control bytes), not an article; UTF-16 needs a byte-order mark',
      'GALLEY_INPUT_BINARY',
    );
  }
  if (!text.trim()) throw new InputError('input is empty (nothing but white space)', 'GALLEY_INPUT_EMPTY');
  return text.replace(lineBreak, '\n');
}

function decodeBytes(bytes: Uint8Array, hints: DecodeHints): string {
  const bom = bomEncoding(bytes);
  if (bom)
    return decodeAs(
      bytes,
      bom,
      `input starts with a ${bom.toUpperCase()} byte-order mark but is not valid ${bom.toUpperCase()}`,
    );
  const declared = hints.charset ? encodingOf(hints.charset) : undefined;
  if (declared)
    return decodeAs(
      bytes,
      declared,
      `input is not valid ${declared.toUpperCase()}, the character set it was served as`,
    );
  const meta = hints.format === 'text' || hints.format === 'markdown' ? undefined : metaCharset(bytes);
  if (meta)
    return decodeAs(
      bytes,
      meta,
      `input is not valid ${meta.toUpperCase()}, the character set its <meta charset> declares`,
    );
  return decodeAs(bytes, 'utf-8', 'input is not valid UTF-8 (save it as UTF-8, or as UTF-16 with a byte-order mark)');
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function decodeAs(bytes: Uint8Array, encoding: string, refusal: string): string {
  try {
    // `fatal`: a wrong byte is refused rather than silently turned into U+FFFD, so the user learns
    // the file is not in the encoding they think. Single-byte encodings map every byte, so this
    // only ever refuses UTF-8, UTF-16 and the multi-byte East Asian encodings.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(refusal, 'GALLEY_INPUT_ENCODING');
  }
}

/**
 * The encoding a charset label names, by the WHATWG Encoding Standard's labels (`latin1` and
 * `iso-8859-1` are windows-1252, as in browsers), or `undefined` for a label no decoder knows,
 * which browsers ignore too. A declared UTF-16 is read as UTF-8: a page that says so in ASCII
 * bytes (the `<meta>` tag was readable) is not UTF-16, and a real one has a byte-order mark.
 */
function encodingOf(label: string): string | undefined {
  let encoding: string;
  try {
    encoding = new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 'utf-8';
  // `x-user-defined` maps bytes to private-use characters; the standard reads it as windows-1252 in HTML.
  return encoding === 'x-user-defined' ? 'windows-1252' : encoding;
}

/** How far into a page the `<meta>` charset is looked for, as in browsers' pre-scan. */
const META_PRESCAN_BYTES = 1024;

const metaTag = /<meta\b[^>]*>/gi;
/** `charset=…` as an attribute of its own, not the parameter inside a `content` value. */
const charsetAttribute = /(?<!;\s*)\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i;
const contentCharset = /;\s*charset\s*=\s*["']?\s*([^\s"'/>;]+)/i;
const httpEquivContentType = /\bhttp-equiv\s*=\s*["']?\s*content-type/i;

/**
 * The encoding a `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`
 * in the first 1024 bytes declares. The bytes are read as Latin-1 for the scan: the tag is
 * ASCII in every encoding a page can declare this way.
 */
function metaCharset(bytes: Uint8Array): string | undefined {
  const length = Math.min(bytes.byteLength, META_PRESCAN_BYTES);
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, length).toString('latin1');
  for (const [tag] of head.matchAll(metaTag)) {
    const label =
      tag.match(charsetAttribute)?.[1] ?? (httpEquivContentType.test(tag) ? tag.match(contentCharset)?.[1] : undefined);
    const encoding = label ? encodingOf(label) : undefined;
    if (encoding) return encoding;
  }
  return undefined;
}

/**
 * A NUL anywhere, or more than 10% C0 control characters (tab, line feed, form feed and carriage
 * return aside) in the first 8 KiB: text editors never write those, binary files and UTF-16
 * without a byte-order mark always do.
 */
function looksBinary(text: string): boolean {
  if (text.includes('\0')) return true;
  const sample = text.length > BINARY_SAMPLE ? text.slice(0, BINARY_SAMPLE) : text;
  // A pattern finds the (usually no) control characters faster than a loop over every character.
  const control = sample.match(controlCharacter)?.length ?? 0;
  return control > sample.length * 0.1;
}

function tooLarge(bytes: number, max: number): InputError {
  return new InputError(
    `input is ${(bytes / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(0)} MB limit per article`,
    'GALLEY_INPUT_TOO_LARGE',
  );
}

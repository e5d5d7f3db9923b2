import { InputError } from '@galley/document';

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

/**
 * Decode an article's bytes to a string. UTF-8 by default, UTF-16 when a byte-order mark says so;
 * empty, binary, badly encoded and oversized input is refused with a reason the user can act on.
 * The result has `\n` line breaks, no byte-order mark and no lone surrogates, so every span the
 * stages cut from it can be encoded as UTF-8.
 */
export function decodeSource(source: string | Uint8Array, maxBytes = MAX_ARTICLE_BYTES): string {
  let text: string;
  if (typeof source === 'string') {
    // A UTF-16 code unit is at least one UTF-8 byte, so the length alone can refuse without encoding.
    checkArticleSize(source.length, maxBytes);
    checkArticleSize(Buffer.byteLength(source, 'utf8'), maxBytes);
    text = anySurrogate.test(source) ? source.replace(loneSurrogate, '\ufffd') : source;
  } else {
    checkArticleSize(source.byteLength, maxBytes);
    text = decodeBytes(source);
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

function decodeBytes(bytes: Uint8Array): string {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  try {
    // `fatal`: a wrong byte is refused rather than silently turned into U+FFFD, so the user learns
    // the file is not in the encoding they think.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(
      encoding === 'utf-8'
        ? 'input is not valid UTF-8 (save it as UTF-8, or as UTF-16 with a byte-order mark)'
        : `input starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}`,
      'GALLEY_INPUT_ENCODING',
    );
  }
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

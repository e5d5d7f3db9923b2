import { InputError } from './read.js';

/** Largest article accepted, in bytes (about fifty times a long feature). */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

/**
 * Decode an article's bytes to a string. UTF-8 by default, UTF-16 when a byte-order mark says so;
 * empty, binary and oversized input is refused with a reason the user can act on.
 */
export function decodeSource(source: string | Uint8Array, maxBytes = MAX_ARTICLE_BYTES): string {
  let text: string;
  if (typeof source === 'string') {
    if (Buffer.byteLength(source, 'utf8') > maxBytes) throw tooLarge(Buffer.byteLength(source, 'utf8'), maxBytes);
    text = source;
  } else {
    if (source.byteLength > maxBytes) throw tooLarge(source.byteLength, maxBytes);
    text = decodeBytes(source);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (looksBinary(text)) throw new InputError('input looks binary (NUL or control bytes), not an article');
  if (!text.trim()) throw new InputError('input is empty');
  return text.replace(/\r\n?/g, '\n');
}

function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('input is not valid UTF-8 (save it as UTF-8, or as UTF-16 with a byte-order mark)');
  }
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control > sample.length * 0.1;
}

function tooLarge(bytes: number, max: number): InputError {
  return new InputError(`input is ${(bytes / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(0)} MB limit per article`);
}

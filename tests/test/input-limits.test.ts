import { describe, expect, it, vi } from 'vitest';
import { InputError, MAX_ARTICLE_BYTES, decodeSource, parseFrontMatter } from '@galley/pipeline';

describe('decodeSource', () => {
  it('refuses an oversized string by its length before encoding it', () => {
    expect(() => decodeSource('a'.repeat(MAX_ARTICLE_BYTES + 1))).toThrow(/MB limit per article/);
  });

  it('replaces lone surrogates in string input, keeping pairs', () => {
    expect(decodeSource('a\ud800b \udc00c 😀')).toBe('a\ufffdb \ufffdc 😀');
  });

  it('finds a NUL past the first 8 KiB', () => {
    expect(() => decodeSource(`${'word '.repeat(5000)}\0`)).toThrow(InputError);
  });

  it('refuses broken UTF-16 after a byte-order mark', () => {
    expect(() => decodeSource(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00]))).toThrow(/UTF-16LE/);
  });

  it('decodes UTF-16BE with a byte-order mark and normalises line breaks', () => {
    expect(decodeSource(Uint8Array.from([0xfe, 0xff, 0x00, 0x41, 0x00, 0x0d, 0x00, 0x0a, 0x00, 0x42]))).toBe('A\nB');
  });
});

describe('parseFrontMatter', () => {
  it('refuses a billion-laughs document', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [i, k] of [...'bcdefgh'].entries())
      levels.push(`${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`);
    expect(() => parseFrontMatter(levels.join('\n'))).toThrow(InputError);
  });

  it('refuses a self-referencing alias instead of crashing', () => {
    expect(() => parseFrontMatter('a: &a [*a]')).toThrow(/refers to itself/);
  });

  it('keeps __proto__ as a plain key without touching prototypes', () => {
    const meta = parseFrontMatter('__proto__: {polluted: true}\ntitle: x');
    expect(Object.keys(meta)).toEqual(['__proto__', 'title']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
  });

  it('refuses deep nesting and oversized front matter', () => {
    expect(() => parseFrontMatter(`a: ${'['.repeat(100)}${']'.repeat(100)}`)).toThrow(/deeper|front matter/);
    expect(() => parseFrontMatter(`a: "${'x'.repeat(70_000)}"`)).toThrow(/over the limit/);
  });

  it('makes JSON-safe values and prints no warnings for unknown tags', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const meta = parseFrontMatter('fn: !!js/function "f"\ninf: .inf\nbig: 123456789012345678901234567890');
    expect(meta).toEqual({ fn: 'f', inf: null, big: 1.2345678901234568e29 });
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});

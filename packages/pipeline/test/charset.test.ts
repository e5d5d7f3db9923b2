import { describe, expect, it } from 'vitest';
import { decodeSource, processArticle } from '../src/index.js';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const page = (head: string, body = '<h1>Caf\xe9 reopens</h1><p>The caf\xe9 in the old town reopened on Monday.</p>') =>
  `<!doctype html><html><head>${head}</head><body><article>${body}</article></body></html>`;

describe('decodeSource picks the encoding as browsers do', () => {
  it('reads an HTML file by its <meta charset>', async () => {
    const article = await processArticle(latin1(page('<meta charset="iso-8859-1">')), { path: 'cafe.html' });
    expect(article.title).toBe('Café reopens');
    expect(article.text).toContain('The café in the old town');
  });

  it('reads the http-equiv form of the meta tag, and not a charset outside it', () => {
    const equiv = page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">');
    expect(decodeSource(latin1(equiv), undefined, { format: 'html' })).toContain('Café');
    // `content` with a charset but no http-equiv declares nothing: UTF-8, which these bytes are not.
    const stray = page('<meta name="x" content="text/html; charset=windows-1252">');
    expect(() => decodeSource(latin1(stray), undefined, { format: 'html' })).toThrow(/not valid UTF-8/);
  });

  it('reads other encodings a page can declare', () => {
    const cyrillic = new Uint8Array([...Buffer.from('<meta charset="koi8-r"><p>'), 0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]);
    expect(decodeSource(cyrillic, undefined, { format: 'html' })).toContain('Привет');
    const sjis = new Uint8Array([...Buffer.from('<meta charset=shift_jis><p>'), 0x93, 0xfa, 0x96, 0x7b]);
    expect(decodeSource(sjis)).toContain('日本');
  });

  it('puts the server’s charset before the meta tag, and a byte-order mark before both', () => {
    const bytes = latin1(page('<meta charset="utf-8">'));
    expect(decodeSource(bytes, undefined, { charset: 'ISO-8859-1', format: 'html' })).toContain('Café');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('<meta charset="koi8-r">', 'Café'))]);
    expect(decodeSource(bom, undefined, { charset: 'iso-8859-1', format: 'html' })).toContain('Café');
  });

  it('ignores a charset label no decoder knows, as browsers do', () => {
    const bytes = Buffer.from(page('<meta charset="no-such-charset">', 'Café'));
    expect(decodeSource(bytes, undefined, { charset: 'bogus', format: 'html' })).toContain('Café');
  });

  it('reads text and Markdown as UTF-8 only, a meta tag in them notwithstanding', () => {
    const bytes = latin1('<meta charset="iso-8859-1">\n\nCaf\xe9 reopens.');
    expect(() => decodeSource(bytes, undefined, { format: 'text' })).toThrow(/not valid UTF-8/);
    expect(() => decodeSource(bytes, undefined, { format: 'markdown' })).toThrow(/not valid UTF-8/);
  });

  it('refuses bytes that are not the declared multi-byte encoding, with the encoding named', () => {
    expect(() => decodeSource(new Uint8Array([0x61, 0xff, 0x62]), undefined, { charset: 'utf-8' })).toThrow(
      /not valid UTF-8/,
    );
  });
});

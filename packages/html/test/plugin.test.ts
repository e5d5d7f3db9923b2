import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import { VFile } from 'vfile';
import galleyClean from '@galley/clean';
import galleyHtml, { htmlToMdast } from '../src/index.js';

const page = `<html><head><title>Bridge reopens | Gazette</title><link rel="canonical" href="https://gazette.example/bridge"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Bridge reopens</h1>
<p>The old stone bridge reopened to traffic on Monday, six months after it was closed for repairs.</p>
<p>Engineers replaced more than 200 stones, the council said in a statement on Monday evening.</p></article></body></html>`;

describe('galley-html parser plugin', () => {
  it('parses a page into the same mdast tree and metadata as htmlToMdast', () => {
    const file = new VFile({ value: page });
    const tree = unified().use(galleyHtml).parse(file);
    const { tree: expected, meta } = htmlToMdast(page);
    expect(tree).toEqual(expected);
    expect(file.data.source).toMatchObject({ format: 'html', meta });
    expect(file.data.source?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('feeds the clean stage: one processor reads and cleans a page', async () => {
    const processor = unified().use(galleyHtml).use(galleyClean, { messages: false });
    const file = new VFile({ value: page });
    await processor.run(processor.parse(file), file);
    expect(file.data.clean).toMatchObject({
      title: 'Bridge reopens',
      canonical: 'https://gazette.example/bridge',
    });
    expect(file.data.clean?.text).not.toMatch(/Home/);
  });

  it('dates a page by the URL it is given', () => {
    const file = new VFile({
      value: '<article><p>A post with no date in its markup at all, only in its address.</p></article>',
    });
    unified().use(galleyHtml, { url: 'https://blog.example/2021/07/14/notes/' }).parse(file);
    expect(file.data.source?.meta.published).toBe('2021-07-14');
  });
});

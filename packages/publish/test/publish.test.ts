import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTICLE_SCHEMA, type Article, parseArticle, sha256 } from '@galley/document';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { toString } from 'mdast-util-to-string';
import { parse as parseYaml } from 'yaml';
import { DirectoryStore, markdownText, removeTempFiles, renderFiles, renderHtml, renderMarkdown } from '../src/index.js';

const text = 'Storm <hits> town\n\nMayor Ana Lopez said the town of Bree was “ready”.\n\nWhat next?';
/** A span from the first occurrence of `from` to the end of the first `to` after it. */
function span(type: string, from: string, to: string) {
  const start = text.indexOf(from);
  return { type, start, end: text.indexOf(to, start) + to.length };
}

const article: Article = parseArticle({
  schema: ARTICLE_SCHEMA,
  id: 'storm-hits-town-0123456789',
  source: { format: 'text', sha256: sha256(text) },
  title: 'Storm <hits> town',
  language: 'en',
  text,
  blocks: [
    { type: 'title', start: 0, end: 17 },
    span('paragraph', 'Mayor', 'ready”.'),
    { ...span('heading', 'What', 'next?'), depth: 2 },
  ],
  sentences: [{ start: 19, end: text.indexOf('\n\nWhat') }],
  entities: [
    { ...span('PERSON', 'Ana', 'Lopez'), label: 'PERSON', entity: 'person-ana-lopez' },
    { ...span('LOC', 'Bree', 'Bree'), label: 'LOC', entity: 'loc-bree' },
  ],
  entityIndex: [
    { id: 'person-ana-lopez', label: 'PERSON', name: 'Ana Lopez', aliases: [], mentions: 1 },
    { id: 'loc-bree', label: 'LOC', name: 'Bree', aliases: [], mentions: 1 },
  ],
  quotes: [],
  figures: [{ caption: 'The harbour <at> dawn', credit: { raw: 'Jo Ng/AP', people: ['Jo Ng'], agencies: ['AP'] } }],
  removed: [],
  stages: {},
});

describe('renderMarkdown', () => {
  it('writes front matter, the title as a heading, and paragraphs', () => {
    const md = renderMarkdown(article);
    expect(md.startsWith('---\nid: "storm-hits-town-0123456789"\ntitle: "Storm <hits> town"')).toBe(true);
    expect(md).toContain('# Storm \\<hits\\> town');
    expect(md).toContain('## What next?');
    expect(md).toContain('Mayor Ana Lopez said the town of Bree was “ready”.');
  });
});

describe('markdownText', () => {
  const tricky = [
    '# not a heading', '> not a quote', '- not a list', '+ nor this', '1. not ordered', '2) nor this',
    '*stars* and _underscores_ and `ticks`', '[a link](http://x) and ![img](y)', '<b>raw html</b> &amp; entities',
    'back\\slash \\* escaped', '---', '===', '~~~ fence', '    indented code', 'trailing spaces  ',
    'line one\n# line two\n1986. A year', 'Quotes “curly” and "straight" — dashes – fine',
  ];
  for (const value of tricky) {
    it(`round-trips ${JSON.stringify(value)} through remark-parse`, () => {
      const tree = unified().use(remarkParse).parse(markdownText(value));
      expect(tree.children.map((n) => n.type)).toEqual(['paragraph']);
      const expected = value.split('\n').map((l) => l.trim().replace(/[ \t]+/g, ' ')).join('\n');
      expect(toString(tree)).toBe(expected);
    });
  }

  it('gives a document whose front matter and blocks parse back', () => {
    const tree = unified().use(remarkParse).use(remarkFrontmatter).parse(renderMarkdown(article));
    expect(tree.children.map((n) => n.type)).toEqual(['yaml', 'heading', 'paragraph', 'heading', 'paragraph']);
    const front = parseYaml((tree.children[0] as { value: string }).value);
    expect(front).toMatchObject({ id: article.id, title: article.title, source: 'text' });
    expect(toString(tree.children[1])).toBe(article.title);
  });
});

describe('renderHtml', () => {
  it('marks entities and escapes the text', () => {
    const html = renderHtml(article);
    expect(html).toContain('<mark class="entity ent-PERSON" data-entity="person-ana-lopez" data-label="PERSON">Ana Lopez</mark>');
    expect(html).toContain('<title>Storm &#x3C;hits> town</title>');
    expect(html).not.toContain('<hits>');
    expect(html).toContain('<figure class="figure">');
  });
});

describe('DirectoryStore', () => {
  it('publishes the three files and leaves no temporary file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'galley-publish-'));
    const store = new DirectoryStore(root);
    await store.put(article.id, renderFiles(article));
    const files = (await readdir(path.join(root, article.id))).sort();
    expect(files).toEqual(['article.html', 'article.json', 'article.md']);
    expect(parseArticle(JSON.parse(await readFile(path.join(root, article.id, 'article.json'), 'utf8'))).id).toBe(article.id);
  });
  it('removes leftovers of a process killed mid-write when the article is published again', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'galley-publish-'));
    const store = new DirectoryStore(root);
    const dir = store.locate(article.id);
    await store.put(article.id, renderFiles(article));
    await writeFile(path.join(dir, 'article.json.99999999.deadbeef.tmp'), '{"half');
    await writeFile(path.join(dir, 'notes.tmp'), 'not ours');
    const live = `article.md.${process.pid}.cafe.tmp`;
    await writeFile(path.join(dir, live), 'a write in progress');
    await store.put(article.id, renderFiles(article));
    expect((await readdir(dir)).sort()).toEqual(['article.html', 'article.json', 'article.md', live, 'notes.tmp']);
    expect(await removeTempFiles(path.join(root, 'missing'))).toEqual([]);
  });

  it('refuses unsafe ids', async () => {
    const store = new DirectoryStore(await mkdtemp(path.join(tmpdir(), 'galley-publish-')));
    await expect(store.put('../escape', renderFiles(article))).rejects.toThrow(/unsafe id/);
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readlinkSync } from 'node:fs';
import { mkdtemp, open, readFile, readdir, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ARTICLE_SCHEMA, type Article, parseArticle, sha256 } from '@galley/document';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toString } from 'mdast-util-to-string';
import { parse as parseYaml } from 'yaml';
import {
  DirectoryStore,
  FOREIGN_TEMP_FILE_MS,
  articleToMdast,
  markdownText,
  removeTempFiles,
  renderFiles,
  renderHtml,
  renderMarkdown,
} from '../src/index.js';
import { PAGE_STYLE } from '../src/lib/html.js';

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
    '# not a heading',
    '> not a quote',
    '- not a list',
    '+ nor this',
    '1. not ordered',
    '2) nor this',
    '*stars* and _underscores_ and `ticks`',
    '[a link](http://x) and ![img](y)',
    '<b>raw html</b> &amp; entities',
    'back\\slash \\* escaped',
    '---',
    '===',
    '~~~ fence',
    '    indented code',
    'trailing spaces  ',
    'line one\n# line two\n1986. A year',
    'tabs\tand  double\t \tblanks \t',
    'Quotes “curly” and "straight" — dashes – fine',
  ];
  for (const value of tricky) {
    it(`round-trips ${JSON.stringify(value)} through remark-parse`, () => {
      const tree = unified().use(remarkParse).parse(markdownText(value));
      expect(tree.children.map((n) => n.type)).toEqual(['paragraph']);
      const expected = value
        .split('\n')
        .map((l) => l.trim().replace(/[ \t]+/g, ' '))
        .join('\n');
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
    expect(html).toContain(
      '<mark class="entity ent-PERSON" data-entity="person-ana-lopez" data-label="PERSON">Ana Lopez</mark>',
    );
    expect(html).toContain('<title>Storm &#x3C;hits> town</title>');
    expect(html).not.toContain('<hits>');
    expect(html).toContain('<figure class="figure">');
  });

  // renderHtml writes the page directly; the reference is the general route it replaced: the
  // mdast of articleToMdast through remark-rehype, in a hast page, through rehype-stringify.
  const toHast = unified().use(remarkRehype).freeze();
  const toHtml = unified().use(rehypeStringify).freeze();
  function referenceHtml(doc: Article): string {
    const body = (toHast.runSync(articleToMdast(doc)) as HastRoot).children as ElementContent[];
    const element = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
      type: 'element',
      tagName,
      properties,
      children,
    });
    const text = (value: string) => ({ type: 'text' as const, value });
    return toHtml.stringify({
      type: 'root',
      children: [
        { type: 'doctype' },
        element('html', { lang: doc.language }, [
          element('head', {}, [
            element('meta', { charSet: 'utf-8' }),
            element('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
            element('title', {}, [text(doc.title || doc.id)]),
            element('style', {}, [text(PAGE_STYLE)]),
          ]),
          element('body', {}, body),
        ]),
      ],
    });
  }

  it('writes what remark-rehype and rehype-stringify write, for the fixture article', () => {
    expect(renderHtml(article)).toBe(referenceHtml(article));
  });

  it('writes what remark-rehype and rehype-stringify write, for random articles full of markup characters', () => {
    // Characters the escaping and line trimming treat specially, next to ordinary ones.
    const alphabet = [
      'a',
      'Z',
      '1',
      ' ',
      ' ',
      '\t',
      '\n',
      '\r',
      '\r\n',
      '&',
      '<',
      '>',
      '"',
      "'",
      '`',
      '=',
      '/',
      '#',
      '&amp;',
      'é',
      '\u00a0',
      '\u0001',
      '\u0000',
      '😀',
    ];
    const labels = ['PERSON', 'ORG', 'LOC', 'MISC', 'DATE', 'MONEY'] as const;
    let seed = 20261125;
    /** mulberry32: a small seeded generator, so a failure reproduces. */
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const words = (n: number) => Array.from({ length: n }, () => pick(alphabet)).join('');
    const positions = (n: number, max: number) =>
      Array.from({ length: n }, () => Math.floor(random() * (max + 1))).sort((x, y) => x - y);
    for (let round = 0; round < 300; round++) {
      const body = words(Math.floor(random() * 80));
      const cuts = positions(2 * Math.floor(random() * 4), body.length);
      const blocks = [];
      for (let i = 0; i < cuts.length; i += 2) {
        blocks.push({
          type: pick(['title', 'heading', 'paragraph'] as const),
          start: cuts[i],
          end: cuts[i + 1],
          depth: Math.floor(random() * 8),
        });
      }
      const entities = positions(Math.floor(random() * 8), body.length).map((start) => {
        const label = pick(labels);
        return {
          start,
          end: Math.min(body.length, start + Math.floor(random() * 10)),
          label,
          entity: `${label.toLowerCase()}-${words(3)}`,
        };
      });
      const doc = {
        ...article,
        title: random() < 0.2 ? '' : words(10),
        language: random() < 0.8 ? 'en' : words(3),
        text: body,
        blocks,
        entities,
        figures:
          random() < 0.5
            ? []
            : [
                {
                  caption: words(12),
                  ...(random() < 0.5 ? { credit: { raw: words(6), people: [], agencies: [] } } : {}),
                },
              ],
      } as Article;
      expect(renderHtml(doc), JSON.stringify(doc)).toBe(referenceHtml(doc));
    }
  });
});

describe('DirectoryStore', () => {
  it('publishes the three files and leaves no temporary file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'galley-publish-'));
    const store = new DirectoryStore(root);
    await store.put(article.id, renderFiles(article));
    const files = (await readdir(path.join(root, article.id))).sort();
    expect(files).toEqual(['article.html', 'article.json', 'article.md']);
    expect(parseArticle(JSON.parse(await readFile(path.join(root, article.id, 'article.json'), 'utf8'))).id).toBe(
      article.id,
    );
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

  it("tells this machine's leftovers by pid and another machine's by age (a shared output folder)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'galley-publish-'));
    const here = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
    const elsewhere = here === '00000000' ? '11111111' : '00000000';
    const names = {
      deadHere: `article.md.${here}-99999999.aa.tmp`,
      liveHere: `article.md.${here}-${process.pid}.bb.tmp`,
      // pid 1 is alive on every machine: only the file's age can tell for another host.
      otherHost: `article.html.${elsewhere}-1.cc.tmp`,
    };
    for (const name of Object.values(names)) await writeFile(path.join(dir, name), 'x');
    expect(await removeTempFiles(dir)).toEqual([names.deadHere]);
    expect(await removeTempFiles(dir, Date.now() + FOREIGN_TEMP_FILE_MS + 1000)).toEqual([names.otherHost]);
    expect(await readdir(dir)).toEqual([names.liveHere]);
  });

  // What is flushed, seen through the file handles' sync calls; Linux names a descriptor's path.
  it.skipIf(process.platform !== 'linux')(
    "flushes the article's folder after its renames and the new folder's parent, shared by puts at once",
    async () => {
      const root = path.join(await mkdtemp(path.join(tmpdir(), 'galley-publish-')), 'articles');
      const probe = await open(import.meta.filename, 'r');
      const handleType = Object.getPrototypeOf(probe) as { sync(this: { fd: number }): Promise<void> };
      await probe.close();
      const original = handleType.sync;
      const flushed: Array<{ path: string; hasMarker: boolean }> = [];
      const spy = vi.spyOn(handleType, 'sync').mockImplementation(function (this: { fd: number }) {
        const where = readlinkSync(`/proc/self/fd/${this.fd}`);
        flushed.push({ path: where, hasMarker: existsSync(path.join(where, 'article.json')) });
        return original.call(this);
      });
      try {
        const store = new DirectoryStore(root);
        const ids = Array.from({ length: 40 }, (_, i) => `article-${i}`);
        await Promise.all(ids.map((id) => store.put(id, renderFiles(article))));
        for (const id of ids)
          expect(flushed.filter((f) => f.path === store.locate(id))).toEqual([
            { path: store.locate(id), hasMarker: true },
          ]);
        const rootFlushes = flushed.filter((f) => f.path === root).length;
        expect(rootFlushes).toBeGreaterThan(0);
        expect(rootFlushes).toBeLessThan(ids.length);
        expect(flushed.some((f) => f.path === path.dirname(root))).toBe(true);
      } finally {
        spy.mockRestore();
      }
    },
  );

  it('refuses unsafe ids', async () => {
    const store = new DirectoryStore(await mkdtemp(path.join(tmpdir(), 'galley-publish-')));
    await expect(store.put('../escape', renderFiles(article))).rejects.toThrow(/unsafe id/);
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ARTICLE_SCHEMA, type Article, sha256 } from '@galley/document';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryReader, DirectoryStore, articleFile } from '../src/index.js';

function article(id: string, title: string): Article {
  const text = `${title}\n\nA paragraph.`;
  return {
    schema: ARTICLE_SCHEMA,
    id,
    source: { format: 'text', sha256: sha256(text) },
    title,
    language: 'en',
    text,
    blocks: [{ type: 'title', start: 0, end: title.length }],
    sentences: [],
    entities: [],
    entityIndex: [],
    quotes: [],
    figures: [],
    removed: [],
    stages: {},
  };
}

const files = (a: Article) => ({
  'article.json': JSON.stringify(a),
  'article.md': `# ${a.title}\n`,
  'article.html': '<p></p>',
});

describe('DirectoryReader', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'galley-reader-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('reads back what DirectoryStore published, by id', async () => {
    const store = new DirectoryStore(root);
    await store.put('first-article-0000000001', files(article('first-article-0000000001', 'First')));
    await store.put('second-article-0000000002', files(article('second-article-0000000002', 'Second')));
    const reader = new DirectoryReader(root);
    const ids = [];
    for await (const id of reader.ids()) ids.push(id);
    expect(ids.sort()).toEqual(['first-article-0000000001', 'second-article-0000000002']);
    expect((await reader.read('first-article-0000000001'))?.title).toBe('First');
    expect(await reader.file('second-article-0000000002', 'article.md')).toBe('# Second\n');
    expect(articleFile(root, 'x-1', 'article.json')).toBe(path.join(root, 'x-1', 'article.json'));
  });

  it('never reads through something that is not an id, and reports invalid files with their path', async () => {
    await mkdir(path.join(root, 'Not_An_Id'));
    await writeFile(path.join(root, 'Not_An_Id', 'article.json'), JSON.stringify(article('not-an-id', 'x')));
    await mkdir(path.join(root, 'broken-0000000003'));
    await writeFile(path.join(root, 'broken-0000000003', 'article.json'), '{"title": 42}');
    await mkdir(path.join(root, 'empty-0000000004'));
    const reader = new DirectoryReader(root);
    for (const id of ['../etc', 'Not_An_Id', '/etc/passwd', '..']) expect(await reader.read(id)).toBeUndefined();
    await expect(reader.read('broken-0000000003')).rejects.toThrow(
      /broken-0000000003.article\.json is not a valid article/,
    );
    const items = [];
    for await (const item of reader.articles({ concurrency: 2 })) items.push(item);
    expect(items.map((i) => i.id).sort()).toEqual(['broken-0000000003', 'empty-0000000004']);
    expect(items.every((i) => 'error' in i)).toBe(true);
  });

  it('yields nothing for a folder that does not exist yet', async () => {
    const reader = new DirectoryReader(path.join(root, 'missing'));
    const items = [];
    for await (const item of reader.articles()) items.push(item);
    expect(items).toEqual([]);
  });
});

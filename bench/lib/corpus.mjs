// The bench corpus: the seed article, the repo's samples and the GUM news documents, read at run
// time from where they live (shared data is never copied into the repo).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ARTICLE_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown', '.html', '.htm']);

/** Paths of the inputs, relative to the repo root given. */
export function corpusPaths(repoRoot) {
  const shared = path.resolve(repoRoot, '..', 'shared');
  return {
    seed: path.join(shared, 'fixtures', 'seed-article', 'article.txt'),
    samples: path.join(repoRoot, 'samples'),
    gum: path.join(shared, 'benchmarks', 'sbd', 'gum-news-all.jsonl'),
  };
}

/**
 * Every article of the corpus as `{name, group, source, path}`. GUM documents put one paragraph
 * per line; they get blank lines between paragraphs so the text reader sees the title, date line
 * and paragraphs as a plain-text article would have them.
 */
export function loadCorpus(repoRoot) {
  const paths = corpusPaths(repoRoot);
  const articles = [];
  const missing = [];
  const seed = loadSeed(repoRoot);
  if (seed) articles.push(seed);
  else missing.push(`seed (${paths.seed})`);
  if (existsSync(paths.samples)) {
    for (const file of listArticles(paths.samples)) {
      articles.push({
        name: path.relative(repoRoot, file),
        group: 'samples',
        source: readFileSync(file, 'utf8'),
        path: path.relative(repoRoot, file),
      });
    }
  }
  if (existsSync(paths.gum)) {
    for (const line of readFileSync(paths.gum, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const doc = JSON.parse(line);
      articles.push({
        name: `gum/${doc.doc}`,
        group: 'gum',
        source: doc.text.replace(/\n/g, '\n\n'),
        path: `gum/${doc.doc}.txt`,
      });
    }
  } else missing.push(`GUM news (${paths.gum})`);
  return { articles, missing };
}

/** The seed article, or undefined when the shared fixtures are absent. */
export function loadSeed(repoRoot) {
  const file = corpusPaths(repoRoot).seed;
  if (!existsSync(file)) return undefined;
  return { name: 'seed', group: 'seed', source: readFileSync(file, 'utf8'), path: 'seed-article/article.txt' };
}

function listArticles(dir) {
  const files = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) files.push(...listArticles(full));
    else if (ARTICLE_EXTENSIONS.has(path.extname(entry).toLowerCase()) && !/^readme\./i.test(entry)) files.push(full);
  }
  return files;
}

/**
 * The seed scaled `times` over: its first block (the headline) once, then its body paragraphs
 * repeated, so length grows while the kind of text stays the same.
 */
export function scaledArticle(source, times) {
  const blocks = source.split(/\n[ \t]*\n/);
  const [head, ...body] = blocks;
  const parts = [head];
  for (let i = 0; i < times; i++) parts.push(...body);
  return parts.join('\n\n');
}

/**
 * The article the scaling runs repeat: the seed, else (shared fixtures absent) the longest GUM
 * document, so the curve can still be drawn.
 */
export function scalingBase(repoRoot) {
  const seed = loadSeed(repoRoot);
  if (seed) return seed;
  const { articles } = loadCorpus(repoRoot);
  if (articles.length === 0) throw new Error('no article to scale: neither the seed nor the GUM documents are present');
  return articles.reduce((a, b) => (b.source.length > a.source.length ? b : a));
}

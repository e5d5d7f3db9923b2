#!/usr/bin/env node
// `npm run eval`: every accuracy figure in one run — the seed article scored end to end
// (structure, sentences, entities, clusters, quotes), then the segmenter, tagger and extractor
// evaluations. Figures are printed, never asserted here (threshold tests do that).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared');
const galley = path.join(root, 'apps/cli/dist/bin/galley.js');
const only = process.argv.slice(2);

function run(title, command, args) {
  console.log(`\n## ${title}\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) console.log(`(${title} exited with ${result.status})`);
}

function scoreArticle(dir) {
  const article = path.join(dir, 'article.txt');
  const out = mkdtempSync(path.join(tmpdir(), 'galley-eval-'));
  const processed = spawnSync(process.execPath, [galley, 'process', article, '--json', '--out', out], {
    encoding: 'utf8',
  });
  if (processed.status !== 0) return console.log(`galley process failed on ${article}: ${processed.stderr}`);
  const doc = path.join(out, 'doc.json');
  writeFileSync(doc, processed.stdout);
  const scored = spawnSync(
    process.execPath,
    [path.join(shared, 'tools/score-article.mjs'), path.join(dir, 'expected.json'), doc],
    { encoding: 'utf8' },
  );
  const s = JSON.parse(scored.stdout);
  console.log(`\n## ${path.basename(dir)}: scored with ../shared/tools/score-article.mjs`);
  console.log(
    `title ${s.title}, heading ${s.headingsOk}, paragraphs ${s.paragraphs.got}/${s.paragraphs.expected}, figures ${s.figuresOk}, credits ${s.creditsOk}, leaks ${s.leaked.length}`,
  );
  console.log(`sentences ${s.sentences.exact}/${s.sentences.expected} (F1 ${s.sentences.f1})`);
  console.log(
    `entities F1 ${s.entities.f1} (P ${s.entities.p}, R ${s.entities.r}); per label ${JSON.stringify(s.entities.perLabel)}`,
  );
  if (s.entities.missed.length) console.log(`  missed: ${s.entities.missed.join(', ')}`);
  if (s.entities.falsePositives.length) console.log(`  false positives: ${s.entities.falsePositives.join(', ')}`);
  console.log(
    `clusters ${s.clusters.ok}/${s.clusters.of}; quotes found ${s.quotes.found}/${s.quotes.of}, attributed ${s.quotes.attributed}/${s.quotes.of}`,
  );
  for (const q of s.quotes.detail)
    if (q.required) console.log(`  quote "${q.text}…": found ${q.found}, speaker ${q.got ?? '-'}`);
}

if (!existsSync(galley)) {
  console.error('build first: npm run build');
  process.exit(1);
}
const want = (name) => !only.length || only.includes(name);
const fixtures = path.join(shared, 'fixtures');
if (want('article') && existsSync(fixtures)) {
  for (const name of ['seed-article'])
    if (existsSync(path.join(fixtures, name, 'expected.json'))) scoreArticle(path.join(fixtures, name));
} else if (want('article')) console.log(`skipping article scores: ${fixtures} is absent`);
if (want('sbd')) run('Sentence segmentation', process.execPath, ['scripts/eval-sbd.mjs']);
if (want('ner')) run('Named entities', process.execPath, ['scripts/eval-ner.mjs']);
if (want('extract')) run('Main-content extraction', process.execPath, ['scripts/eval-extract.mjs']);
if (want('quotes'))
  run('Quotations and speakers (hand-annotated dev set)', process.execPath, ['scripts/eval-quotes.mjs']);

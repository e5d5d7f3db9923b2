#!/usr/bin/env node
// Sentence-boundary evaluation: scores @galley/segment and every JavaScript segmenter the shared
// harness knows on the shared SBD benchmarks, one harness process per segmenter so load times
// and speeds do not mix, then prints one table and the seed-article check.
//
//   npm run eval:sbd                                  # ours + alternatives found in the repo
//   npm run eval:sbd -- --modules /tmp/sbd-libs       # alternatives npm-installed in a scratch dir
//   npm run eval:sbd -- --bench                       # add chars/s (pin a core: taskset -c 0 ...)
//   npm run eval:sbd -- --only ours                   # skip the alternatives
//
// Needs a build of the segment package (npm run build -w @galley/segment) and ../shared beside
// the repository (the harness, the benchmarks and the seed article).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared');
const harness = path.join(shared, 'tools/sbd-eval.mjs');
const ours = path.join(root, 'packages/segment/dist/sbd-adapter.js');
const seedDir = path.join(shared, 'fixtures/seed-article');

function parseArgs(argv) {
  const opts = { modules: root, bench: false, only: 'all', json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--modules') opts.modules = path.resolve(value());
    else if (a === '--bench') opts.bench = true;
    else if (a === '--only') opts.only = value();
    else if (a === '--json') opts.json = true;
    else if (a === '-h' || a === '--help') opts.help = true;
    else throw new Error(`unknown argument ${a} (try --help)`);
  }
  return opts;
}

function runHarness(args) {
  return spawnSync(process.execPath, [harness, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

/** The built-in adapter names, from the harness's own `--list`. */
function listAdapters() {
  const r = runHarness(['--list']);
  if (r.status !== 0) throw new Error(`sbd-eval --list failed: ${r.stderr}`);
  const line = r.stdout.split('\n').find((l) => l.startsWith('built-in adapters:'));
  return line
    ? line
        .slice('built-in adapters:'.length)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

/** Results of one segmenter, or `{skipped}` when its packages are not installed. */
function score(label, args, opts) {
  const r = runHarness([...args, '--json', ...(opts.bench ? ['--bench'] : [])]);
  if (r.status !== 0) {
    const reason = r.stderr.trim().replace(/^sbd-eval: /, '');
    if (/cannot find package/.test(reason)) return { label, skipped: reason };
    throw new Error(`${label}: ${reason}`);
  }
  return { label, results: JSON.parse(r.stdout) };
}

/** Seed article: how many expected body sentences our segmenter reproduces exactly. */
async function seedCheck() {
  const { segmentText } = await import(pathToFileURL(path.join(root, 'packages/segment/dist/index.js')).href);
  const article = readFileSync(path.join(seedDir, 'article.txt'), 'utf8');
  const expected = JSON.parse(readFileSync(path.join(seedDir, 'expected.json'), 'utf8')).sentences;
  const squeeze = (s) => s.replace(/\s+/g, ' ').trim();
  // Paragraphs at blank lines, title line skipped: the clean stage removes captions and credits,
  // so counting the expected sentences found is the measure.
  const paragraphs = article.split(/\n[ \t]*\n/).slice(1);
  const found = new Set(paragraphs.flatMap((p) => segmentText(p).map((s) => squeeze(p.slice(s.start, s.end)))));
  const missing = expected.filter((s) => !found.has(squeeze(s)));
  return { found: expected.length - missing.length, total: expected.length, missing };
}

const DATASETS = [
  ['golden-rules-en.json', 'exact', 'golden'],
  ['golden-rules-en-extra.json', 'exact', 'extra'],
  // Rules 40 and 41 want a line break rewritten as a space, which offsets into the text cannot
  // show: boundary F1 says whether the sentences were cut in the right places.
  ['golden-rules-en-extra.json', 'F1', 'extra F1'],
  ['en_ewt-test.jsonl', 'F1', 'EWT F1'],
  ['en_ewt-test.jsonl', 'innerF1', 'EWT inner'],
  ['gum-news-all.jsonl', 'F1', 'GUM F1'],
  ['gum-news-all.jsonl', 'innerF1', 'GUM inner'],
];

function printTable(rows, bench) {
  const head = ['segmenter', ...DATASETS.map(([, , h]) => h), ...(bench ? ['EWT chars/s', 'GUM chars/s'] : [])];
  const lines = rows.map(({ label, results }) => {
    const by = Object.fromEntries(results.map((r) => [r.dataset, r]));
    const cells = DATASETS.map(([ds, field]) => {
      const r = by[ds];
      if (!r) return '-';
      return field === 'exact' ? `${r.exact}/${r.n}` : (100 * r[field]).toFixed(1);
    });
    if (bench) {
      for (const ds of ['en_ewt-test.jsonl', 'gum-news-all.jsonl']) {
        cells.push(by[ds]?.charsPerSec ? `${Math.round(by[ds].charsPerSec / 1000).toLocaleString('en-US')}k` : '-');
      }
    }
    return [label, ...cells];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(fmt(head));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const l of lines) console.log(fmt(l));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(
      readFileSync(fileURLToPath(import.meta.url), 'utf8')
        .split('\n')
        .slice(1, 13)
        .join('\n'),
    );
    return;
  }
  if (!existsSync(harness))
    throw new Error(`harness not found at ${harness} (../shared must sit beside the repository)`);
  if (!existsSync(ours))
    throw new Error(`${path.relative(root, ours)} is missing: run npm run build -w @galley/segment first`);
  const rows = [score('@galley/segment', ['--module', ours], opts)];
  if (opts.only !== 'ours') {
    for (const name of listAdapters()) {
      const row = score(name, ['--lib', name, '--modules', opts.modules], opts);
      if (row.skipped)
        console.error(
          `note: skipping ${name}: not installed in ${opts.modules} (npm install its package there, or pass --modules DIR)`,
        );
      rows.push(row);
    }
  }
  const scored = rows.filter((r) => r.results);
  const seed = await seedCheck();
  if (opts.json) {
    console.log(
      JSON.stringify({ segmenters: scored, skipped: rows.filter((r) => r.skipped).map((r) => r.label), seed }, null, 2),
    );
    return;
  }
  printTable(scored, opts.bench);
  console.log(
    `\nseed article (${path.relative(root, seedDir)}): ${seed.found}/${seed.total} expected body sentences found exactly`,
  );
  for (const s of seed.missing) console.log(`  missing: ${s}`);
}

main().catch((err) => {
  console.error(`eval-sbd: ${err.message}`);
  process.exit(1);
});

#!/usr/bin/env node
// `npm run eval:ner`: scores our named-entity tagger (packages/entities/dist/conll-adapter.js)
// against the compromise and memorisation baselines on CoNLL-2003 test, UNER English-EWT test and
// UNER English-PUD (both PER/ORG/LOC only), with the shared harness, and prints one table with
// throughput. PUD is marked "used for development": the training recipe was chosen on it (as on
// CoNLL dev and UNER EWT dev), so its figure is not a held-out one. "galley (ours)" is the tagger
// alone on the harness's tokens (dist/conll-adapter.js); "galley stage" reads each document as
// the entities stage reads text (dist/text-adapter.js: tokens joined into lines, then
// findNameMentions with its headline, honorific and one-label-per-name rules).
// Needs `npm run build -w @galley/entities` first. Options: --bench-seconds N (default 5),
// --only ours (skip the baselines). Throughput is per document batch on one Node process;
// pin a core for single-core figures: `taskset -c 0 npm run eval:ner`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared');
const harness = path.join(shared, 'tools/ner-eval.mjs');
const { values: args } = parseArgs({
  options: { 'bench-seconds': { type: 'string', default: '5' }, only: { type: 'string' } },
});

const adapter = path.join(root, 'packages/entities/dist/conll-adapter.js');
if (!existsSync(harness)) {
  console.log(`skipped: ${harness} is absent (shared benchmark data not mounted)`);
  process.exit(0);
}
if (!existsSync(adapter)) {
  console.error(`${adapter} is missing: run npm run build -w @galley/entities first`);
  process.exit(1);
}

const ner = path.join(shared, 'benchmarks/ner');
// The memorisation baseline remembers the entity strings of the train split of each corpus's own
// genre (CoNLL train for CoNLL; UNER EWT train for the UNER sets).
const taggers = [
  ['galley (ours)', adapter],
  ['galley stage (ours, text path)', path.join(root, 'packages/entities/dist/text-adapter.js')],
  ['compromise', path.join(shared, 'tools/ner-baselines/compromise.mjs')],
  ['memorize', path.join(shared, 'tools/ner-baselines/memorize.mjs')],
].filter(([name]) => args.only !== 'ours' || name.includes('(ours'));
const corpora = [
  ['CoNLL-2003 test', path.join(ner, 'conll2003/test.txt'), [], path.join(ner, 'conll2003/train.txt')],
  [
    'UNER EWT test (PER/ORG/LOC)',
    path.join(ner, 'uner-en-ewt/test.txt'),
    ['--types', 'PER,ORG,LOC'],
    path.join(ner, 'uner-en-ewt/train.txt'),
  ],
  [
    'UNER PUD (PER/ORG/LOC; used for development)',
    path.join(ner, 'uner-en-pud/test.txt'),
    ['--types', 'PER,ORG,LOC'],
    path.join(ner, 'uner-en-ewt/train.txt'),
  ],
];

const rows = [];
for (const [corpus, gold, extra, memoriseFrom] of corpora) {
  for (const [name, module] of taggers) {
    const command = [
      harness,
      '--gold',
      gold,
      '--module',
      module,
      '--json',
      '--bench-seconds',
      args['bench-seconds'],
      ...extra,
    ];
    // compromise is installed at the repository root; the baseline resolves it from NER_MODULES.
    const result = spawnSync(process.execPath, command, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NER_MODULES: root, NER_TRAIN: memoriseFrom },
    });
    if (result.status !== 0) {
      rows.push([corpus, name, `failed: ${result.stderr.trim().split('\n').pop()}`]);
      continue;
    }
    const r = JSON.parse(result.stdout);
    const type = (t) => (r.perType?.[t] ? r.perType[t].f1.toFixed(2) : '');
    const speed = r.bench ? Math.round(r.bench.tokensPerSecond).toLocaleString('en-US') : '';
    rows.push([
      corpus,
      name === 'memorize' ? `memorize (${path.relative(ner, memoriseFrom)})` : name,
      r.f1.toFixed(2),
      r.precision.toFixed(2),
      r.recall.toFixed(2),
      type('PER'),
      type('ORG'),
      type('LOC'),
      type('MISC'),
      speed,
    ]);
  }
}

const header = ['corpus', 'tagger', 'F1', 'P', 'R', 'PER', 'ORG', 'LOC', 'MISC', 'tokens/s'];
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(
  `\nrerun one line: node ${path.relative(root, harness)} --gold <corpus> --module <tagger> [--types PER,ORG,LOC] (from ${root})`,
);

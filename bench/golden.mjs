#!/usr/bin/env node
// Golden outputs, so an optimisation can be shown to change no result:
//   node bench/golden.mjs --update   record what the pipeline produces now
//   node bench/golden.mjs --check    compare with the record; exit 1 on any difference
// The repo's samples are recorded as whole JSON (readable diffs) in
// packages/pipeline/test/golden/; the seed and the GUM documents live in /work/shared and may not
// be copied into the repo, so only a hash and counts of their output are recorded.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from './lib/corpus.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    update: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    dir: { type: 'string', default: path.join(repoRoot, 'packages/pipeline/test/golden') },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (args.help || args.update === args.check) {
  console.log('usage: node bench/golden.mjs --update | --check [--dir DIR]\n  (default DIR: packages/pipeline/test/golden)');
  process.exit(args.help ? 0 : 2);
}

const pipelineEntry = path.join(repoRoot, 'packages/pipeline/dist/index.js');
if (!existsSync(pipelineEntry)) {
  console.error('golden: packages/pipeline/dist is missing; build it with "npm run build -w @galley/pipeline"');
  process.exit(1);
}
const { processArticle } = await import(pipelineEntry);
const { articles, missing } = loadCorpus(repoRoot);
if (missing.length) console.warn(`golden: not covered (absent): ${missing.join(', ')}`);

const sharedFile = path.join(args.dir, 'shared-outputs.json');
const sampleFile = (name) => path.join(args.dir, `${name.replace(/^samples\//, '').replace(/[\\/]/g, '__')}.json`);

/** The article as compared: everything but the run-dependent fields. */
function comparable(article) {
  const { processedAt: _at, stages: _stages, ...rest } = article;
  return `${JSON.stringify(rest, null, 2)}\n`;
}

/** What is recorded for an output that may not be stored whole. */
function fingerprint(article, json) {
  return {
    sha256: createHash('sha256').update(json).digest('hex'),
    title: article.title.length,
    text: article.text.length,
    blocks: article.blocks.length,
    sentences: article.sentences.length,
    entities: article.entities.length,
    entityIndex: article.entityIndex.length,
    quotes: article.quotes.length,
    figures: article.figures.length,
    removed: article.removed.length,
  };
}

const shared = {};
let differences = 0;
const recordedShared = args.check && existsSync(sharedFile) ? JSON.parse(readFileSync(sharedFile, 'utf8')) : {};
for (const item of articles) {
  const article = await processArticle(item.source, { path: item.path });
  const json = comparable(article);
  if (item.group === 'samples') {
    const file = sampleFile(item.name);
    if (args.update) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, json);
    } else if (!existsSync(file)) {
      console.log(`MISSING ${item.name}: no golden file (run --update)`);
      differences++;
    } else if (readFileSync(file, 'utf8') !== json) {
      console.log(`DIFFERS ${item.name}: ${firstDifference(JSON.parse(readFileSync(file, 'utf8')), JSON.parse(json))}`);
      differences++;
    }
  } else {
    const print = fingerprint(article, json);
    shared[item.name] = print;
    const was = recordedShared[item.name];
    if (args.check && !was) {
      console.log(`MISSING ${item.name}: not in ${path.relative(repoRoot, sharedFile)} (run --update)`);
      differences++;
    } else if (args.check && was.sha256 !== print.sha256) {
      const counts = Object.keys(print).filter((k) => k !== 'sha256' && print[k] !== was[k]).map((k) => `${k} ${was[k]} → ${print[k]}`);
      console.log(`DIFFERS ${item.name}: output hash changed${counts.length ? `; ${counts.join(', ')}` : ' (same counts: offsets, labels or text changed)'}`);
      differences++;
    }
  }
}
if (args.update) {
  mkdirSync(args.dir, { recursive: true });
  writeFileSync(sharedFile, `${JSON.stringify(shared, null, 2)}\n`);
  console.log(`golden: recorded ${articles.length} outputs in ${path.relative(process.cwd(), args.dir)}`);
} else {
  console.log(differences ? `golden: ${differences} of ${articles.length} outputs differ` : `golden: all ${articles.length} outputs identical`);
  process.exitCode = differences ? 1 : 0;
}

/** Path and values of the first place two JSON values differ. */
function firstDifference(a, b, at = '') {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || a === null || b === null || typeof a !== 'object') {
    return a === b ? '' : `${at || '(root)'}: ${short(a)} → ${short(b)}`;
  }
  const keys = Array.isArray(a) ? [...Array(Math.max(a.length, b.length)).keys()] : [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const found = firstDifference(a[key], b[key], Array.isArray(a) ? `${at}[${key}]` : `${at}.${key}`);
    if (found) return found;
  }
  return '';
}

function short(value) {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

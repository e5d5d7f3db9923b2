#!/usr/bin/env node
// Golden outputs, so an optimisation can be shown to change no result:
//   node bench/golden.mjs --update   record what the pipeline produces now
//   node bench/golden.mjs --check    compare with the record; exit 1 on any difference
// Each article's JSON document and its Markdown and HTML renderings are compared. The repo's
// samples are recorded whole (readable diffs) in packages/pipeline/test/fixtures/<sample>/output.*; the seed and the
// GUM documents live in ../shared (beside the repository) and may not be copied into the repo, so
// only hashes and counts of their output are recorded. packages/pipeline/test/golden.test.ts runs the same check
// through `compareGolden` against the pipeline's sources.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from './lib/corpus.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the golden files live by default. */
export const GOLDEN_DIR = path.join(repoRoot, 'packages/pipeline/test/fixtures');

/** How to re-record the golden files after an intended change of output. */
export const UPDATE_COMMAND = 'npm run fixtures:update';

/**
 * Run `runPipeline` (from @galley/pipeline) over the corpus and compare its outputs with the
 * golden files in `dir`, or record them there when `update` is set. `groups` limits the run to
 * some corpus groups ('seed', 'samples', 'gum'). Returns one line per difference, the number of
 * articles covered and the corpus parts that were absent.
 */
export async function compareGolden({ runPipeline, dir = GOLDEN_DIR, update = false, groups }) {
  const loaded = loadCorpus(repoRoot);
  const articles = groups ? loaded.articles.filter((item) => groups.includes(item.group)) : loaded.articles;
  const sharedFile = path.join(dir, 'shared-outputs.json');
  const recordedShared = existsSync(sharedFile) ? JSON.parse(readFileSync(sharedFile, 'utf8')) : {};
  const shared = {};
  const differences = [];
  for (const item of articles) {
    const { article, markdown, html } = await runPipeline(item.source, { path: item.path });
    const outputs = { json: comparable(article), md: markdown, html };
    if (item.group === 'samples') {
      for (const [kind, text] of Object.entries(outputs)) {
        const file = sampleFile(dir, item.name, kind);
        if (update) {
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, text);
        } else if (!existsSync(file)) {
          differences.push(`MISSING ${item.name} (${kind}): no golden file ${path.relative(repoRoot, file)}`);
        } else {
          const recorded = readFileSync(file, 'utf8');
          if (recorded !== text)
            differences.push(
              `DIFFERS ${item.name} (${kind}, recorded → now): ${kind === 'json' ? firstDifference(JSON.parse(recorded), JSON.parse(text)) : firstLineDifference(recorded, text)}`,
            );
        }
      }
    } else {
      const print = fingerprint(article, outputs);
      shared[item.name] = print;
      const was = recordedShared[item.name];
      if (update) continue;
      if (!was) {
        differences.push(`MISSING ${item.name}: not in ${path.relative(repoRoot, sharedFile)}`);
        continue;
      }
      for (const [kind, key] of Object.entries(HASH_KEYS)) {
        if (was[key] === print[key]) continue;
        const counts = Object.keys(print)
          .filter((k) => !hashKeys.has(k) && print[k] !== was[k])
          .map((k) => `${k} ${was[k]} → ${print[k]}`);
        differences.push(
          `DIFFERS ${item.name} (${kind}): output hash changed${counts.length ? `; ${counts.join(', ')}` : ' (same counts: offsets, labels or text changed)'}`,
        );
      }
    }
  }
  if (update && Object.keys(shared).length) {
    mkdirSync(dir, { recursive: true });
    // A partial run keeps the records of the groups it did not cover.
    writeFileSync(sharedFile, `${JSON.stringify(groups ? { ...recordedShared, ...shared } : shared, null, 2)}\n`);
  }
  return { differences, covered: articles.length, missing: loaded.missing };
}

/** The fingerprint field holding the hash of each output. */
const HASH_KEYS = { json: 'sha256', md: 'markdownSha256', html: 'htmlSha256' };
const hashKeys = new Set(Object.values(HASH_KEYS));

/** `<dir>/<sample>/output.<kind>`: the fixture layout every package's tests share. */
function sampleFile(dir, name, kind) {
  return path.join(dir, name.replace(/^samples\//, '').replace(/[\\/]/g, '__'), `output.${kind}`);
}

/** The article as compared: everything but the run-dependent fields. */
function comparable(article) {
  const { processedAt: _at, stages: _stages, ...rest } = article;
  return `${JSON.stringify(rest, null, 2)}\n`;
}

/** What is recorded for an output that may not be stored whole. */
function fingerprint(article, outputs) {
  return {
    [HASH_KEYS.json]: sha256(outputs.json),
    [HASH_KEYS.md]: sha256(outputs.md),
    [HASH_KEYS.html]: sha256(outputs.html),
    title: article.title.length,
    text: article.text.length,
    blocks: article.blocks.length,
    sentences: article.sentences.length,
    entities: article.entities.length,
    entityIndex: article.entityIndex.length,
    quotes: article.quotes.length,
    figures: article.figures.length,
    removed: article.removed.length,
    markdown: outputs.md.length,
    html: outputs.html.length,
  };
}

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** Path and values of the first place two JSON values differ. */
function firstDifference(a, b, at = '') {
  if (
    typeof a !== typeof b ||
    Array.isArray(a) !== Array.isArray(b) ||
    a === null ||
    b === null ||
    typeof a !== 'object'
  ) {
    return a === b ? '' : `${at || '(root)'}: ${short(a)} → ${short(b)}`;
  }
  const keys = Array.isArray(a)
    ? [...Array(Math.max(a.length, b.length)).keys()]
    : [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const found = firstDifference(a[key], b[key], Array.isArray(a) ? `${at}[${key}]` : `${at}.${key}`);
    if (found) return found;
  }
  return '';
}

/** Number and both versions of the first line where two texts differ. */
function firstLineDifference(a, b) {
  const linesA = a.split('\n');
  const linesB = b.split('\n');
  const at = linesA.findIndex((line, i) => line !== linesB[i]);
  const line = at === -1 ? linesA.length : at;
  return `line ${line + 1}: ${short(linesA[line])} → ${short(linesB[line])}`;
}

function short(value) {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values: args } = parseArgs({
    options: {
      update: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      dir: { type: 'string', default: GOLDEN_DIR },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (args.help || args.update === args.check) {
    console.log(
      'usage: node bench/golden.mjs --update | --check [--dir DIR]\n  (default DIR: packages/pipeline/test/fixtures)',
    );
    process.exit(args.help ? 0 : 2);
  }
  const pipelineEntry = path.join(repoRoot, 'packages/pipeline/dist/index.js');
  if (!existsSync(pipelineEntry)) {
    console.error('golden: packages/pipeline/dist is missing; build it with "npm run build -w @galley/pipeline"');
    process.exit(1);
  }
  const { runPipeline } = await import(pipelineEntry);
  const { differences, covered, missing } = await compareGolden({ runPipeline, dir: args.dir, update: args.update });
  if (missing.length) console.warn(`golden: not covered (absent): ${missing.join(', ')}`);
  if (args.update) {
    console.log(`golden: recorded ${covered} outputs in ${path.relative(process.cwd(), args.dir)}`);
  } else {
    for (const line of differences) console.log(line);
    console.log(
      differences.length
        ? `golden: ${differences.length} differences in ${covered} articles (if intended, re-record: ${UPDATE_COMMAND})`
        : `golden: all ${covered} outputs identical (JSON, Markdown, HTML)`,
    );
    process.exitCode = differences.length ? 1 : 0;
  }
}

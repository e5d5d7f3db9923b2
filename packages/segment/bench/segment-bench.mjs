#!/usr/bin/env node
// Throughput of @galley/segment on the shared GUM news and UD EWT texts: each document is
// segmented as paragraphs (one per line, as the harness gives them), passes repeat for a few
// seconds after a warm-up, and MB/s is UTF-8 megabytes of input per second.
//
//   npm run build -w @galley/segment && taskset -c 0 node packages/segment/bench/segment-bench.mjs [seconds]
//
// Reads ../shared/benchmarks/sbd relative to the repository root.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(pkg, '../../../shared/benchmarks/sbd');
const adapter = path.join(pkg, 'dist/sbd-adapter.js');
const seconds = Number(process.argv[2] ?? 3);

if (!existsSync(dataDir)) throw new Error(`benchmark data not found at ${dataDir}`);
if (!existsSync(adapter)) throw new Error('dist/ is missing: run npm run build -w @galley/segment first');
const { segment } = await import(pathToFileURL(adapter).href);

for (const file of ['gum-news-all.jsonl', 'en_ewt-test.jsonl']) {
  const texts = readFileSync(path.join(dataDir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).text);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const chars = texts.reduce((n, t) => n + t.length, 0);
  let sentences = 0;
  for (const t of texts) sentences += segment(t).length; // warm-up
  let passes = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  do {
    for (const t of texts) segment(t);
    passes++;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  } while (elapsed < seconds);
  const mbs = (bytes * passes) / elapsed / 1e6;
  console.log(
    `${file.padEnd(20)} ${texts.length} docs, ${chars.toLocaleString('en-US')} chars, ${sentences} sentences: ` +
      `${mbs.toFixed(2)} MB/s (${passes} passes in ${elapsed.toFixed(1)} s)`,
  );
}

#!/usr/bin/env node
// Scores the entities stage on our hand annotations of 22 Scrapinghub news pages (annotations.json
// beside this file; kept back from training and tuning). Each page's ground-truth body is run
// through the whole pipeline as plain text (`processArticle`, as `galley process` does), and the
// distinct PER/ORG/LOC names it finds are compared with the annotated ones, page by page:
// strict (name and type), with ORG/LOC confusions forgiven, and unlabelled. A name is compared
// without case, a leading "the", a possessive or a final full stop; annotated names that the
// cleaned text no longer contains (a credit line the clean stage removed) are not counted.
// Usage (after npm run build): node packages/entities/dev/scrapinghub-ner/score.mjs [--errors] [--json]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');
const data = path.resolve(root, '../shared/benchmarks/extraction/scrapinghub');
const { values: args } = parseArgs({
  options: { errors: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
});

if (!existsSync(path.join(data, 'ground-truth.json'))) {
  console.log(`skipped: ${data} is absent (shared benchmark data not mounted)`);
  process.exit(0);
}
const pipeline = path.join(root, 'packages/pipeline/dist/index.js');
if (!existsSync(pipeline)) {
  console.error(`${pipeline} is missing: run npm run build first`);
  process.exit(1);
}
const { processArticle } = await import(pipeline);
const truth = JSON.parse(readFileSync(path.join(data, 'ground-truth.json'), 'utf8'));
const { pages } = JSON.parse(readFileSync(path.join(here, 'annotations.json'), 'utf8'));

const TYPES = ['PER', 'ORG', 'LOC'];
const LABEL_TYPE = { PERSON: 'PER', ORG: 'ORG', LOC: 'LOC' };

/** A name as compared: lower case, typographic apostrophes folded, no leading "the", possessive or final full stop. */
function normalise(name) {
  return name
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^the /, '')
    .replace(/'s?$/, '')
    .replace(/\.$/, '');
}

const counts = { strict: [0, 0, 0], forgiving: [0, 0, 0], unlabelled: [0, 0, 0] };
const perType = Object.fromEntries(TYPES.map((t) => [t, [0, 0, 0]]));
const errors = [];
let skipped = 0;
for (const page of pages) {
  const body = truth[page.id]?.articleBody;
  if (body === undefined) throw new Error(`page ${page.id} is not in ground-truth.json`);
  const doc = await processArticle(body, { format: 'text' });
  const text = normalise(doc.text);
  const ignore = new Set(page.ignore.map(normalise));
  const gold = new Map();
  for (const type of TYPES) {
    for (const name of page[type]) {
      const key = normalise(name);
      if (!text.includes(key)) {
        skipped++;
        continue;
      }
      gold.set(key, type);
    }
  }
  const predicted = new Map();
  for (const mention of doc.entities) {
    const type = LABEL_TYPE[mention.label];
    if (type === undefined) continue;
    const key = normalise(doc.text.slice(mention.start, mention.end));
    if (ignore.has(key)) continue;
    // A name given two types in one page counts once per type.
    predicted.set(`${key}\t${type}`, { key, type });
  }
  const predictedKeys = new Set([...predicted.values()].map((p) => p.key));
  const add = (which, tp, fp, fn) => {
    counts[which][0] += tp;
    counts[which][1] += fp;
    counts[which][2] += fn;
  };
  for (const { key, type } of predicted.values()) {
    const want = gold.get(key);
    add('strict', want === type ? 1 : 0, want === type ? 0 : 1, 0);
    const close = want === type || (want !== undefined && want !== 'PER' && type !== 'PER');
    add('forgiving', close ? 1 : 0, close ? 0 : 1, 0);
    perType[type][want === type ? 0 : 1]++;
    if (want !== type) errors.push(`${page.id.slice(0, 12)} spurious ${type} "${key}"${want ? ` (is ${want})` : ''}`);
  }
  for (const [key, type] of gold) {
    const found = predicted.has(`${key}\t${type}`);
    add('strict', 0, 0, found ? 0 : 1);
    const close = found || [...predicted.values()].some((p) => p.key === key && p.type !== 'PER' && type !== 'PER');
    add('forgiving', 0, 0, close ? 0 : 1);
    if (!found) {
      perType[type][2]++;
      errors.push(`${page.id.slice(0, 12)} missed ${type} "${key}"`);
    }
  }
  const goldKeys = new Set(gold.keys());
  for (const key of predictedKeys) add('unlabelled', goldKeys.has(key) ? 1 : 0, goldKeys.has(key) ? 0 : 1, 0);
  for (const key of goldKeys) add('unlabelled', 0, 0, predictedKeys.has(key) ? 0 : 1);
}

const f1 = ([tp, fp, fn]) => {
  const p = tp / Math.max(1, tp + fp);
  const r = tp / Math.max(1, tp + fn);
  return { precision: p, recall: r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
};
const result = {
  pages: pages.length,
  names: counts.strict[0] + counts.strict[2],
  notInCleanedText: skipped,
  strict: f1(counts.strict),
  orgLocForgiven: f1(counts.forgiving),
  unlabelled: f1(counts.unlabelled),
  perType: Object.fromEntries(TYPES.map((t) => [t, f1(perType[t]).f1])),
};
if (args.json) console.log(JSON.stringify(result, null, 2));
else {
  const pct = (x) => x.toFixed(3);
  console.log(
    `scrapinghub-ner: ${result.pages} pages, ${result.names} annotated names (${skipped} not in the cleaned text)\n` +
      `strict F1 ${pct(result.strict.f1)} (P ${pct(result.strict.precision)}, R ${pct(result.strict.recall)}); ` +
      `PER ${pct(result.perType.PER)}, ORG ${pct(result.perType.ORG)}, LOC ${pct(result.perType.LOC)}\n` +
      `ORG/LOC confusions forgiven ${pct(result.orgLocForgiven.f1)}; unlabelled ${pct(result.unlabelled.f1)}`,
  );
}
if (args.errors) for (const line of errors) console.log(line);

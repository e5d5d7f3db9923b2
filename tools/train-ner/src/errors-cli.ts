#!/usr/bin/env node
/**
 * Where the tagger loses one entity type on a development set (`npm run errors:ner -- --help`):
 * the errors grouped by kind (tagged as another type, untagged, wrong boundary, spurious), type
 * and casing, largest group first, with examples in context. For choosing what to change on dev
 * splits; a test split is refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeModel, defaultModel, fromIob, tagDocument, TaggerState, TYPES } from '@galley/entities/tagger';
import { readConll } from './conll.js';
import { entityErrors, errorGroup, type EntityError } from './errors.js';
import { EntityScore } from './score.js';

const USAGE = `usage: npm run errors:ner -- --gold FILE [options]

Tags a CoNLL-format development file and lists the errors on one entity type, grouped.

  --gold FILE      the development file (a file named test.txt is refused, except UNER PUD's,
                   which is a development set here: see the entities README)
  --model FILE     a model file (default: the committed packages/entities/model/ner.bin.gz)
  --type T         the type studied: PER, ORG, LOC or MISC (default ORG)
  --examples N     examples shown per group (default 10)
  -h, --help       this text`;

const { values: args } = parseArgs({
  options: {
    gold: { type: 'string' },
    model: { type: 'string' },
    type: { type: 'string', default: 'ORG' },
    examples: { type: 'string', default: '10' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const fail = (message: string): never => {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
};
const gold = args.gold ?? fail('--gold is required');
if (!existsSync(gold)) fail(`${gold}: no such file`);
if (path.basename(gold) === 'test.txt' && path.basename(path.dirname(gold)) !== 'uner-en-pud')
  fail(`${gold}: a test split; choose on development sets only`);
const type = TYPES.indexOf(args.type as (typeof TYPES)[number]);
if (type < 0) fail(`--type must be one of ${TYPES.join(', ')}`);
const examples = Number(args.examples);
if (!Number.isInteger(examples) || examples < 0) fail('--examples must be a whole number');

const model = args.model === undefined ? defaultModel() : decodeModel(readFileSync(args.model));
const state = new TaggerState();
const groups = new Map<string, EntityError[]>();
const score = new EntityScore();
for (const doc of readConll(gold)) {
  const predicted = tagDocument(model, model.lexicon, doc.sentences, state);
  doc.sentences.forEach((words, s) => {
    const labels = fromIob(doc.tags[s]);
    score.add(labels, predicted[s]);
    for (const error of entityErrors(words, labels, predicted[s], type)) {
      const key = errorGroup(error);
      groups.set(key, [...(groups.get(key) ?? []), error]);
    }
  });
}
console.log(
  `${args.type} on ${gold}: ${score.gold[type]} gold, ${score.correct[type]} found, ` +
    `${score.predicted[type] - score.correct[type]} false, F1 ${score.f1(type).toFixed(2)}`,
);
const sorted = [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
for (const [group, errors] of sorted) {
  console.log(`\n${group}: ${errors.length}`);
  for (const e of errors.slice(0, examples))
    console.log(`  ${e.text}${e.predicted !== undefined ? ` → ${e.predicted}` : ''}  | ${e.context}`);
}

#!/usr/bin/env node
/**
 * Train the named-entity tagger on CoNLL-format corpora (`npm run train:ner -- --help`).
 * Deterministic for a given seed. See USAGE for the options and the recipe of the committed model.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  FEATURE_VERSION,
  fromIob,
  LABEL_COUNT,
  decodeModel,
  encodeModel,
  type StageWeights,
  tagDocument,
  tagSecondStage,
  TaggerState,
  type Scorer,
  DocumentFeatures,
  type Lexicon,
  hashLower,
} from '@galley/entities/tagger';
import { readConll, type ConllDocument } from './conll.js';
import { addPackageGazetteers, type GazetteerSource } from './gazetteers.js';
import { addCompromiseGazetteer, buildLexicon, capitalisationBins, GazetteerBuilder } from './lexicon.js';
import { readTextCorpus } from './text.js';
import { wordClusters } from './clusters.js';
import { FixedWeights, mixWeights, PerceptronWeights, prune } from './perceptron.js';
import { EntityScore } from './score.js';

const repoDir = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const sharedDir = path.resolve(repoDir, '../shared');
/** Data paths in the manifest: relative to the shared data folder when inside it. */
const sharedPath = (file: string) => {
  const relative = path.relative(sharedDir, path.resolve(file));
  return relative.startsWith('..') ? path.resolve(file) : `shared/${relative}`;
};
const round = (x: number) => Math.round(x * 100) / 100;
const sharedNer = path.join(sharedDir, 'benchmarks/ner/conll2003');

const USAGE = `usage: npm run train:ner -- [options]

Trains the tagger and writes ner.bin.gz + manifest.json (default: this package's model/ folder).
Defaults reproduce the committed model, given the same --gazetteers folder:
  train on CoNLL-2003 train + dev, 13 epochs, the mean of 5 runs (seeds 1-5), 62,000 feature rows,
  then a second stage the same way on first-stage labels from 5-fold cross-validation.

  --train FILE       a CoNLL-format training file; repeat for more (default: train.txt and dev.txt
                     of ../shared/benchmarks/ner/conll2003)
  --dev FILE         scored after every epoch (default: dev.txt). Each run keeps its best epoch on
                     it, unless it is also a --train file: then every run keeps its last epoch and
                     the dev scores are in-sample (tune with --train train.txt alone first)
  --out DIR          where the model goes (default: packages/entities/model)
  --epochs N         passes over the training data per run (default 13)
  --seed N           seed of the first run's document order (default 1)
  --mix N            runs whose weights are averaged (parameter mixing; default 5)
  --budget ROWS      feature rows kept after pruning, per stage (default 62000)
  --gazetteers DIR   a node_modules folder holding the npm name lists (see the package README);
                     without it only compromise's lexicon is used
  --unlabelled FILE  more CoNLL files whose tokens (not tags) feed the capitalisation ratios
  --text FILE        plain-text corpora for the same
  --clusters C,F     coarse and fine word-cluster counts (default 0,0: off)
  --lowercase P      share of training documents also added lower-cased (default 0)
  --second-stage K   add a second stage (two-stage prediction aggregation, Ratinov & Roth 2009)
                     trained on first-stage labels of the training documents from K-fold
                     cross-validation (default 5; 0: one stage)
  --fold-mix N       runs mixed per cross-validation fold (default: --mix)
  --report FILE      scored once with the final model and recorded; never used for a choice
  -h, --help         this text`;

/** A command-line mistake: the message and the usage, exit code 2, no stack trace. */
function usageError(message: string): never {
  process.stderr.write(`train:ner: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** The options, or the usage and exit code 2 when they cannot be read. */
function commandLine() {
  try {
    return parseArgs({
      options: {
        train: {
          type: 'string',
          multiple: true,
          default: [path.join(sharedNer, 'train.txt'), path.join(sharedNer, 'dev.txt')],
        },
        dev: { type: 'string', default: path.join(sharedNer, 'dev.txt') },
        out: { type: 'string', default: path.join(repoDir, 'packages/entities/model') },
        epochs: { type: 'string', default: '13' },
        seed: { type: 'string', default: '1' },
        mix: { type: 'string', default: '5' },
        budget: { type: 'string', default: '62000' },
        lowercase: { type: 'string', default: '0' },
        unlabelled: { type: 'string', multiple: true },
        text: { type: 'string', multiple: true },
        gazetteers: { type: 'string' },
        clusters: { type: 'string', default: '0,0' },
        report: { type: 'string', multiple: true },
        'second-stage': { type: 'string', default: '5' },
        'fold-mix': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    return usageError((error as Error).message);
  }
}

const args = commandLine();
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const epochs = Number(args.epochs);
const seed = Number(args.seed);
const budget = Number(args.budget);
const mix = Number(args.mix);
const lowercase = Number(args.lowercase);
const folds = Number(args['second-stage']);
const foldMix = args['fold-mix'] === undefined ? mix : Number(args['fold-mix']);
if (!(Number.isInteger(folds) && (folds === 0 || folds >= 2)) || !(Number.isInteger(foldMix) && foldMix >= 1)) {
  usageError('--second-stage must be 0 or a whole number ≥ 2, --fold-mix a whole number ≥ 1');
}
if (!(lowercase >= 0 && lowercase <= 1)) usageError('--lowercase must be a fraction between 0 and 1');
if (
  !(Number.isInteger(epochs) && epochs >= 1) ||
  !Number.isInteger(seed) ||
  !(Number.isInteger(budget) && budget >= 1) ||
  !(Number.isInteger(mix) && mix >= 1)
) {
  usageError('--epochs, --mix and --budget must be whole numbers ≥ 1, --seed a whole number');
}
for (const file of [
  ...args.train,
  args.dev,
  ...(args.unlabelled ?? []),
  ...(args.text ?? []),
  ...(args.report ?? []),
]) {
  if (!existsSync(file)) usageError(`${file}: no such file`);
}
const devInTraining = args.train.some((file) => path.resolve(file) === path.resolve(args.dev));

/** mulberry32: small seeded PRNG so document order (and so the model) is reproducible. */
function random(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Entity scores of `scorer` on `documents`; given `first` (first-stage labels per document), `scorer` is scored as the second stage. */
function evaluate(
  scorer: Scorer,
  lexicon: Lexicon,
  documents: readonly ConllDocument[],
  first?: readonly Int32Array[][],
): EntityScore {
  const score = new EntityScore();
  const state = new TaggerState();
  documents.forEach((doc, d) => {
    const predicted =
      first === undefined
        ? tagDocument(scorer, lexicon, doc.sentences, state)
        : tagSecondStage(scorer, new DocumentFeatures(doc.sentences, lexicon), first[d], state);
    doc.tags.forEach((tags, s) => score.add(fromIob(tags), predicted[s]));
  });
  return score;
}

const started = Date.now();
const train = args.train.flatMap((file) => readConll(file));
const dev = readConll(args.dev);
const count = (docs: ConllDocument[]) => docs.reduce((n, d) => n + d.sentences.reduce((m, s) => m + s.length, 0), 0);
console.log(
  `train ${train.length} documents / ${count(train)} tokens, dev ${dev.length} documents / ${count(dev)} tokens`,
);
if (devInTraining)
  console.log('dev is part of the training data: every run keeps its last epoch, and dev scores are in-sample');
// Unlabelled text for capitalisation ratios and clusters: train + dev tokens plus any --unlabelled
// CoNLL files (their tags are ignored) and --text corpora (plain text, tokenised here).
const unlabelledFiles = args.unlabelled ?? [];
const textFiles = args.text ?? [];
const unlabelled = [
  ...train,
  ...(devInTraining ? [] : dev),
  ...unlabelledFiles.flatMap((file) => readConll(file)),
  ...textFiles.flatMap((file) => readTextCorpus(file)),
];
console.log(`unlabelled text: ${count(unlabelled)} tokens`);
const capBins = capitalisationBins(unlabelled);
const gazetteer = new GazetteerBuilder();
const compromiseSource = await addCompromiseGazetteer(gazetteer);
const gazetteerSources: GazetteerSource[] =
  args.gazetteers === undefined
    ? []
    : addPackageGazetteers(gazetteer, args.gazetteers, (word) => {
        const bin = capBins.get(hashLower(word)) ?? 0;
        return bin >= 1 && bin <= 3;
      });
const [coarseK, fineK] = args.clusters.split(',').map(Number);
const clusterStart = Date.now();
const clusters =
  fineK > 0
    ? wordClusters(
        unlabelled.flatMap((doc) => doc.sentences),
        { coarse: coarseK, fine: fineK, minCount: 2, contexts: 300, iterations: 8, seed },
      )
    : new Map<number, [number, number]>();
if (fineK > 0)
  console.log(
    `clusters: ${clusters.size} words into ${coarseK}/${fineK} in ${((Date.now() - clusterStart) / 1000).toFixed(0)} s`,
  );
const lexicon = buildLexicon(gazetteer.entries, gazetteer.maxPhrase, capBins, clusters);
console.log(
  `gazetteer ${gazetteer.entries.size} phrases ${JSON.stringify(gazetteer.counts)}, capitalisation bins ${capBins.size} words`,
);

// Case augmentation (Mayhew et al. 2019): lower-cased copies of some training documents teach the
// tagger names in text that does not capitalise them (web and social text), at little cost on news.
const pick = random(seed + 1000);
const lowered = train
  .filter(() => pick() < lowercase)
  .map((doc) => ({ sentences: doc.sentences.map((s) => s.map((w) => w.toLowerCase())), tags: doc.tags }));
if (lowered.length > 0) console.log(`case augmentation: ${lowered.length} lower-cased document copies`);
train.push(...lowered);
const gold = train.map((doc) => doc.tags.map(fromIob));
const state = new TaggerState();
const predicted = new Int32Array(1024);

/**
 * What one perceptron run learns from: the documents (indices into `train`), for a second stage
 * their first-stage labels, and how to score it on dev after each epoch (none: keep the last epoch).
 */
interface RunData {
  documents: readonly number[];
  first?: readonly Int32Array[][];
  dev?: (scorer: Scorer) => EntityScore;
  name: string;
}

/** One averaged perceptron trained on documents shuffled by `runSeed`; its best epoch on dev (its last when dev is trained on). */
function trainRun(runSeed: number, data: RunData): { epoch: number; f1: number; averaged: StageWeights } {
  const perceptron = new PerceptronWeights();
  const next = random(runSeed);
  const order = [...data.documents];
  let best = { epoch: 0, f1: -1, averaged: perceptron.averaged() };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    for (const d of order) {
      const doc = new DocumentFeatures(train[d].sentences, lexicon);
      if (data.first !== undefined) doc.useFirstStage(data.first[d]);
      for (let s = 0; s < doc.sentenceCount; s++) {
        const n = train[d].sentences[s].length;
        const labels = predicted.subarray(0, n);
        doc.extract(s, state.features);
        state.decoder.decode(perceptron, state.features, n, labels);
        for (let t = 0; t < n; t++) if (labels[t] !== gold[d][s][t]) errors++;
        perceptron.update(state.features, gold[d][s], labels);
        // Later sentences see this model's own decisions, as they will at run time (R&R 2009).
        doc.record(s, labels);
      }
    }
    if (data.dev === undefined && epoch < epochs) continue;
    const averaged = perceptron.averaged();
    const score = data.dev?.(new FixedWeights(averaged));
    console.log(
      `${data.name} seed ${runSeed} epoch ${epoch}: ${errors} token errors on train, ${averaged.keys.length} features${score === undefined ? '' : `, dev ${score.summary()}`}, ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    const f1 = score?.f1() ?? -1;
    if (devInTraining || score === undefined ? epoch === epochs : f1 > best.f1) best = { epoch, f1, averaged };
  }
  return best;
}

// Parameter mixing (McDonald et al. 2010): the mean of perceptrons trained on different document
// orders is one model of the same size per look-up that scores like a small ensemble.
const allDocuments = train.map((_, d) => d);
const runs = Array.from({ length: mix }, (_, r) =>
  trainRun(seed + r, { documents: allDocuments, dev: (scorer) => evaluate(scorer, lexicon, dev), name: 'stage 1' }),
);
const mixed = mixWeights(runs.map((run) => run.averaged));
const mixedScore = evaluate(new FixedWeights(mixed), lexicon, dev);
console.log(
  `${mix} run(s), best epochs ${runs.map((run) => run.epoch).join(', ')} (dev F1 ${runs.map((run) => run.f1.toFixed(2)).join(', ')}); mixed: ${mixed.keys.length} features, dev ${mixedScore.summary()}`,
);
const pruned = prune(mixed, budget);

/**
 * Two-stage prediction aggregation (Ratinov & Roth 2009): the second stage learns from the
 * first stage's labels of whole documents. On the training documents those labels come from
 * K-fold cross-validation (each fold tagged by a first stage trained on the other folds), so
 * they are as wrong as the first stage will be on unseen text.
 */
function trainSecondStage(): { weights: StageWeights; runs: { epoch: number; f1: number }[]; f1: number } {
  const first: Int32Array[][] = new Array(train.length);
  const tagger = new TaggerState();
  for (let f = 0; f < folds; f++) {
    const documents = allDocuments.filter((d) => d % folds !== f);
    const foldRuns = Array.from({ length: foldMix }, (_, r) =>
      trainRun(seed + r, { documents, name: `fold ${f + 1}/${folds}` }),
    );
    const foldMixed = mixWeights(foldRuns.map((run) => run.averaged));
    const scorer = new FixedWeights(prune(foldMixed, budget));
    for (let d = f; d < train.length; d += folds) first[d] = tagDocument(scorer, lexicon, train[d].sentences, tagger);
  }
  const firstScorer = new FixedWeights(pruned);
  const devFirst = dev.map((doc) => tagDocument(firstScorer, lexicon, doc.sentences, tagger));
  const secondRuns = Array.from({ length: mix }, (_, r) =>
    trainRun(seed + r, {
      documents: allDocuments,
      first,
      dev: (scorer) => evaluate(scorer, lexicon, dev, devFirst),
      name: 'stage 2',
    }),
  );
  const secondMixed = mixWeights(secondRuns.map((run) => run.averaged));
  const score = evaluate(new FixedWeights(secondMixed), lexicon, dev, devFirst);
  console.log(
    `stage 2: best epochs ${secondRuns.map((run) => run.epoch).join(', ')} (dev F1 ${secondRuns.map((run) => run.f1.toFixed(2)).join(', ')}); mixed: ${secondMixed.keys.length} features, dev ${score.summary()}`,
  );
  return { weights: prune(secondMixed, budget), runs: secondRuns, f1: score.f1() };
}
const second = folds > 0 ? trainSecondStage() : undefined;

const file = encodeModel(pruned, lexicon, second?.weights);
mkdirSync(args.out, { recursive: true });
const modelPath = path.join(args.out, 'ner.bin.gz');
writeFileSync(modelPath, file);
const loadStart = performance.now();
const model = decodeModel(file);
const loadMs = performance.now() - loadStart;
const devScore = evaluate(model, model.lexicon, dev);
console.log(
  `committed model: ${model.size} features, ${(statSync(modelPath).size / 1e6).toFixed(2)} MB, loads in ${loadMs.toFixed(0)} ms, dev ${devScore.summary()}`,
);

const reports = Object.fromEntries(
  (args.report ?? []).map((file) => {
    const score = evaluate(model, model.lexicon, readConll(file));
    console.log(`report ${sharedPath(file)}: ${score.summary()}`);
    return [
      sharedPath(file),
      {
        f1: round(score.f1()),
        ...Object.fromEntries(['PER', 'ORG', 'LOC', 'MISC'].map((t, i) => [t, round(score.f1(i))])),
      },
    ];
  }),
);

const manifest = {
  model: 'ner.bin.gz',
  format: `gzip; magic GNER1; int8 weights with one float32 scale per feature row; gazetteer values carry a prefix bit for multi-word phrases${second === undefined ? '' : "; the second stage's weights follow the first's"}; see src/lib/tagger/model.ts`,
  task: 'named entities PER/ORG/LOC/MISC (CoNLL-2003 semantics), BILOU labels, first-order Viterbi with valid-transition constraints',
  algorithm: `structured averaged perceptron (Collins 2002)${mix > 1 ? `, mean of ${mix} runs on differently shuffled documents (parameter mixing, McDonald et al. 2010)` : ''}, document-level features after Ratinov & Roth (2009)${second === undefined ? '' : `; a second stage of the same kind re-tags each document with the first stage's labels of the whole document as features (two-stage prediction aggregation, Ratinov & Roth 2009), trained on first-stage labels from ${folds}-fold cross-validation`}`,
  featureVersion: FEATURE_VERSION,
  labels: LABEL_COUNT,
  features: [
    'word form, lower-case form (digits folded by shape), word shape, prefixes and suffixes 1-4',
    'lower-case words at -2..+2, shapes at -1..+1 with bigram/trigram conjunctions, word bigrams (-1,0) and (0,+1), suffix-3 of neighbours',
    'sentence position, all-caps sentence flag',
    'capitalisation ratio bin of the word in unlabelled text (train+dev tokens plus --unlabelled files)',
    ...(fineK > 0
      ? [
          'distributional word clusters (coarse and fine spherical k-means over left/right neighbour words in the same unlabelled text) of the word and its neighbours',
        ]
      : []),
    `gazetteer hits (BILOU position per class, alone and with the word's case) and neighbour gazetteer classes: compromise lexicon names, places, organisations, demonyms, honorifics${gazetteerSources.length > 0 ? '; name, company, country and city lists from npm packages (see training.gazetteers)' : ''}`,
    'document: word also written in lower case / capitalised mid-sentence elsewhere in the document',
    'document: entity types given to the same word earlier in the document (extended prediction history)',
    'document: words around up to 6 other occurrences of the same capitalised word (context aggregation)',
    'after tagging: a one-word name left untagged takes the type given to it elsewhere in the document (label propagation, src/lib/tagger/propagate.ts)',
    ...(second === undefined
      ? []
      : [
          'second stage: all of the above plus the first-stage labels of the token and its neighbours at -2..+2, and the labels and types the first stage gave the same capitalised word elsewhere in the document, later sentences included',
        ]),
  ],
  training: {
    train: args.train.map(sharedPath),
    dev: sharedPath(args.dev),
    ...(devInTraining
      ? {
          devNote:
            'dev is also trained on: epochs, mixing and budget were chosen on dev with train alone (see the package README); each run keeps its last epoch, and the dev scores below are in-sample, kept so that a stale model is caught',
        }
      : {}),
    data: 'CoNLL-2003 English (Tjong Kim Sang & De Meulder 2003), Reuters RCV1 text',
    licence:
      'CoNLL-2003 annotations are freely distributed for research; the text belongs to Reuters (RCV1, licensed for research use). Weights trained on the train (and dev) splits are distributed as other taggers (Stanford NER, Flair) do; the corpus itself is not included.',
    gazetteer: `${compromiseSource} and the lists below, extracted at training time: ${JSON.stringify(gazetteer.counts)}`,
    gazetteers: gazetteerSources,
  },
  unlabelledText: [
    ...[...new Set([...args.train, args.dev, ...unlabelledFiles].map(sharedPath))].map(
      (f) => `${f} (tokens only, tags ignored)`,
    ),
    ...textFiles.map((f) => `${sharedPath(f)} (plain text)`),
  ],
  hyperParameters: {
    epochs,
    bestEpochs: runs.map((run) => run.epoch),
    seed,
    mixedRuns: mix,
    featureBudget: budget,
    lowercasedDocuments: lowercase,
    clusters: fineK > 0 ? { coarse: coarseK, fine: fineK, contexts: 300, iterations: 8, minCount: 2 } : 'off',
    ...(second === undefined
      ? {}
      : { secondStage: { folds, foldRuns: foldMix, bestEpochs: second.runs.map((run) => run.epoch) } }),
    shuffle: 'documents, mulberry32(seed)',
  },
  scores: {
    devF1Runs: runs.map((run) => round(run.f1)),
    devF1Mixed: round(mixedScore.f1()),
    ...(second === undefined
      ? {}
      : { devF1SecondStageRuns: second.runs.map((run) => round(run.f1)), devF1SecondStageMixed: round(second.f1) }),
    devF1Committed: round(devScore.f1()),
    devPerType: Object.fromEntries(['PER', 'ORG', 'LOC', 'MISC'].map((t, i) => [t, round(devScore.f1(i))])),
    reported: reports,
    note: 'entity-level F1 in percent (conlleval rules); reported files were scored after training, never used for model selection',
  },
  size: {
    features: model.size,
    ...(model.secondStage === undefined ? {} : { secondStageFeatures: model.secondStage.size }),
    bytes: statSync(modelPath).size,
    loadMs: Math.round(loadMs),
  },
  command: ['npm run train:ner --', ...process.argv.slice(2)].join(' '),
};
writeFileSync(path.join(args.out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`wrote ${modelPath} and manifest.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);

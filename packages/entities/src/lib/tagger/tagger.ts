import { Decoder, type Scorer } from './decode.js';
import { DecodeCache } from './decode-cache.js';
import { DocumentFeatures, FeatureBuffer, type Lexicon } from './features.js';
import { propagateLabels } from './propagate.js';

/** Reusable buffers for tagging; one per caller keeps tagging free of per-sentence allocation. */
export class TaggerState {
  readonly features = new FeatureBuffer();
  readonly decoder = new Decoder();
}

/**
 * BILOU label numbers for every token of one document's sentences, tagged in order so that each
 * sentence sees the document-level history of the ones before it; then one-word names the tagger
 * missed somewhere get the type it gave them elsewhere (see {@link propagateLabels}). A scorer
 * with a second stage then tags the document again, seeing these labels for every sentence
 * (see {@link tagSecondStage}). One array per sentence, views into one array of the whole
 * document; {@link tagTokens} gives that array alone.
 */
export function tagDocument(
  scorer: Scorer,
  lexicon: Lexicon,
  sentences: readonly (readonly string[])[],
  state: TaggerState = new TaggerState(),
): Int32Array[] {
  const doc = new DocumentFeatures(sentences, lexicon);
  return bySentence(doc, tagTokens(scorer, doc, state));
}

/**
 * As {@link tagDocument}, for a document already read into `doc`: the labels of all its tokens in
 * one array, sentence `s` at `doc.sentenceStarts[s]` up to `doc.sentenceStarts[s + 1]`. A text of
 * 300,000 one-word sentences costs one array, not 300,000.
 */
export function tagTokens(scorer: Scorer, doc: DocumentFeatures, state: TaggerState = new TaggerState()): Int32Array {
  const first = tagPass(scorer, doc, state);
  if (scorer.secondStage === undefined) return first;
  doc.useFirstStage(first);
  return tagPass(scorer.secondStage, doc, state);
}

/** The second pass of two-stage prediction aggregation (Ratinov & Roth 2009) over `doc`, given the first stage's labels. */
export function tagSecondStage(
  scorer: Scorer,
  doc: DocumentFeatures,
  first: readonly Int32Array[],
  state: TaggerState = new TaggerState(),
): Int32Array[] {
  doc.useFirstStage(first);
  return bySentence(doc, tagPass(scorer, doc, state));
}

function tagPass(scorer: Scorer, doc: DocumentFeatures, state: TaggerState): Int32Array {
  const starts = doc.sentenceStarts;
  const result = new Int32Array(starts[doc.sentenceCount]);
  const cache = new DecodeCache();
  // One sentence's labels, copied into `result`: a view per sentence cost more than the copy.
  let labels = new Int32Array(256);
  for (let s = 0; s < doc.sentenceCount; s++) {
    const from = starts[s];
    const tokens = starts[s + 1] - from;
    if (labels.length < tokens) labels = new Int32Array(2 * tokens);
    doc.extract(s, state.features, scorer.known);
    if (!cache.lookup(state.features, tokens, labels)) {
      state.decoder.decode(scorer, state.features, tokens, labels);
      cache.remember(tokens, labels);
    }
    doc.record(s, labels);
    for (let t = 0; t < tokens; t++) result[from + t] = labels[t];
  }
  propagateLabels(doc, result);
  return result;
}

/** A document's labels as one view per sentence. */
function bySentence(doc: DocumentFeatures, labels: Int32Array): Int32Array[] {
  const starts = doc.sentenceStarts;
  return Array.from({ length: doc.sentenceCount }, (_, s) => labels.subarray(starts[s], starts[s + 1]));
}

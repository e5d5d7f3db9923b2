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
 * (see {@link tagSecondStage}).
 */
export function tagDocument(
  scorer: Scorer,
  lexicon: Lexicon,
  sentences: readonly (readonly string[])[],
  state: TaggerState = new TaggerState(),
): Int32Array[] {
  const doc = new DocumentFeatures(sentences, lexicon);
  const first = tagPass(scorer, doc, state);
  return scorer.secondStage === undefined ? first : tagSecondStage(scorer.secondStage, doc, first, state);
}

/** The second pass of two-stage prediction aggregation (Ratinov & Roth 2009) over `doc`, given the first stage's labels. */
export function tagSecondStage(
  scorer: Scorer,
  doc: DocumentFeatures,
  first: readonly Int32Array[],
  state: TaggerState = new TaggerState(),
): Int32Array[] {
  doc.useFirstStage(first);
  return tagPass(scorer, doc, state);
}

function tagPass(scorer: Scorer, doc: DocumentFeatures, state: TaggerState): Int32Array[] {
  const result: Int32Array[] = [];
  const cache = new DecodeCache();
  for (let s = 0; s < doc.sentenceCount; s++) {
    const labels = new Int32Array(doc.sentenceStarts[s + 1] - doc.sentenceStarts[s]);
    doc.extract(s, state.features, scorer.known);
    if (!cache.lookup(state.features, labels.length, labels)) {
      state.decoder.decode(scorer, state.features, labels.length, labels);
      cache.remember(state.features, labels.length, labels);
    }
    doc.record(s, labels);
    result.push(labels);
  }
  propagateLabels(doc, result);
  return result;
}

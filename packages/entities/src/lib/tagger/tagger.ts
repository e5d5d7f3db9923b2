import { Decoder, type Scorer } from './decode.js';
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
 * missed somewhere get the type it gave them elsewhere (see {@link propagateLabels}).
 */
export function tagDocument(scorer: Scorer, lexicon: Lexicon, sentences: readonly (readonly string[])[],
  state: TaggerState = new TaggerState()): Int32Array[] {
  const doc = new DocumentFeatures(sentences, lexicon);
  const result: Int32Array[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const labels = new Int32Array(sentences[s].length);
    doc.extract(s, state.features, scorer.known);
    state.decoder.decode(scorer, state.features, labels.length, labels);
    doc.record(s, labels);
    result.push(labels);
  }
  propagateLabels(doc, result);
  return result;
}


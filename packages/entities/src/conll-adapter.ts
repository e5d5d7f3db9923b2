/**
 * Adapter for the shared NER harness (`shared/tools/ner-eval.mjs --module`): tags one document's
 * pre-tokenised sentences per call with the committed model and returns IOB2 tags.
 */
import { toIob2 } from './lib/tagger/labels.js';
import { defaultModel } from './lib/tagger/model.js';
import { tagDocument, TaggerState } from './lib/tagger/tagger.js';

const state = new TaggerState();

/** Load the model before the harness starts timing. */
export function init(): void {
  defaultModel();
}

/** IOB2 tags (B-PER, I-ORG, O, …) for each token of one document's sentences. */
export function tag(sentences: string[][]): string[][] {
  const model = defaultModel();
  return tagDocument(model, model.lexicon, sentences, state).map((labels) => toIob2(labels));
}

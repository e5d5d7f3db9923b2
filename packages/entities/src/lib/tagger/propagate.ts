import type { DocumentFeatures } from './features.js';
import { CountRows } from './key-index.js';
import { labelPart, labelType, makeLabel } from './labels.js';

const U = 3;

/**
 * One sense per document for single-word names (Krishnan & Manning 2006; the label propagation
 * of Ratinov & Roth 2009): a capitalised word that the tagger left outside any entity in one
 * sentence but tagged as a one-word entity elsewhere takes the type most often given to it. Only
 * words the document never writes in lower case (see `DocumentFeatures.nameKey`), and only where
 * both neighbours are outside entities, so no span is cut or merged. `labels` (every token's, in
 * one array; sentences as `doc.sentenceStarts` says) are changed in place.
 */
export function propagateLabels(doc: DocumentFeatures, labels: Int32Array): void {
  const votes = new CountRows(4);
  for (let k = 0; k < labels.length; k++) {
    const label = labels[k];
    if (label === 0 || labelPart(label) !== U) continue;
    const key = doc.nameKey(k);
    if (key === 0) continue;
    votes.increment(key, labelType(label));
  }
  if (votes.size === 0) return;
  const starts = doc.sentenceStarts;
  for (let s = 0; s < doc.sentenceCount; s++) {
    const from = starts[s];
    const to = starts[s + 1];
    for (let k = from; k < to; k++) {
      if (labels[k] !== 0 || (k > from && labels[k - 1] !== 0) || (k + 1 < to && labels[k + 1] !== 0)) continue;
      const key = doc.nameKey(k);
      const at = key === 0 ? -1 : votes.offset(key);
      if (at < 0) continue;
      const counts = votes.counts;
      let best = 0;
      for (let t = 1; t < 4; t++) if (counts[at + t] > counts[at + best]) best = t;
      labels[k] = makeLabel(best, U);
    }
  }
}

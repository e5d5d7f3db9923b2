import type { DocumentFeatures } from './features.js';
import { CountRows } from './key-index.js';
import { labelPart, labelType, makeLabel } from './labels.js';

const U = 3;

/**
 * One sense per document for single-word names (Krishnan & Manning 2006; the label propagation
 * of Ratinov & Roth 2009): a capitalised word that the tagger left outside any entity in one
 * sentence but tagged as a one-word entity elsewhere takes the type most often given to it. Only
 * words the document never writes in lower case (see `DocumentFeatures.nameKey`), and only where
 * both neighbours are outside entities, so no span is cut or merged. `labels` (one array per
 * sentence) are changed in place.
 */
export function propagateLabels(doc: DocumentFeatures, labels: Int32Array[]): void {
  const votes = new CountRows(4);
  for (let s = 0, k = 0; s < labels.length; s++) {
    for (let i = 0; i < labels[s].length; i++, k++) {
      const label = labels[s][i];
      if (label === 0 || labelPart(label) !== U) continue;
      const key = doc.nameKey(k);
      if (key === 0) continue;
      votes.increment(key, labelType(label));
    }
  }
  if (votes.size === 0) return;
  for (let s = 0, k = 0; s < labels.length; s++) {
    const row = labels[s];
    for (let i = 0; i < row.length; i++, k++) {
      if (row[i] !== 0 || (i > 0 && row[i - 1] !== 0) || (i + 1 < row.length && row[i + 1] !== 0)) continue;
      const key = doc.nameKey(k);
      const at = key === 0 ? -1 : votes.offset(key);
      if (at < 0) continue;
      const counts = votes.counts;
      let best = 0;
      for (let t = 1; t < 4; t++) if (counts[at + t] > counts[at + best]) best = t;
      row[i] = makeLabel(best, U);
    }
  }
}

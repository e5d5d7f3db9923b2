import type { DocumentFeatures } from './features.js';
import { IntMap } from './key-index.js';
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
  const rows = new IntMap(64);
  let votes = new Int32Array(64 * 4);
  for (let s = 0, k = 0; s < labels.length; s++) {
    for (let i = 0; i < labels[s].length; i++, k++) {
      const label = labels[s][i];
      if (label === 0 || labelPart(label) !== U) continue;
      const key = doc.nameKey(k);
      if (key === 0) continue;
      let row = rows.get(key, -1);
      if (row < 0) {
        row = rows.size;
        rows.set(key, row);
        if ((row + 1) * 4 > votes.length) {
          const grown = new Int32Array(votes.length * 2);
          grown.set(votes);
          votes = grown;
        }
      }
      votes[row * 4 + labelType(label)]++;
    }
  }
  if (rows.size === 0) return;
  for (let s = 0, k = 0; s < labels.length; s++) {
    const row = labels[s];
    for (let i = 0; i < row.length; i++, k++) {
      if (row[i] !== 0 || (i > 0 && row[i - 1] !== 0) || (i + 1 < row.length && row[i + 1] !== 0)) continue;
      const key = doc.nameKey(k);
      const r = key === 0 ? -1 : rows.get(key, -1);
      if (r < 0) continue;
      let best = 0;
      for (let t = 1; t < 4; t++) if (votes[r * 4 + t] > votes[r * 4 + best]) best = t;
      row[i] = makeLabel(best, U);
    }
  }
}

import { labelPart, labelType, makeLabel } from './labels.js';

const U = 3;

/**
 * One sense per document for single-word names (Krishnan & Manning 2006; the label propagation
 * of Ratinov & Roth 2009): a capitalised word that the tagger left outside any entity in one
 * sentence but tagged as a one-word entity elsewhere takes the type most often given to it. Only
 * words the document never writes in lower case, and only where both neighbours are outside
 * entities, so no span is cut or merged. `labels` are changed in place.
 */
export function propagateLabels(sentences: readonly (readonly string[])[], labels: Int32Array[]): void {
  const votes = new Map<string, number[]>();
  const lowered = new Set<string>();
  for (let s = 0; s < sentences.length; s++) {
    for (let i = 0; i < sentences[s].length; i++) {
      const word = sentences[s][i];
      const first = word.charAt(0);
      if (first !== first.toUpperCase()) lowered.add(word.toLowerCase());
      const label = labels[s][i];
      if (label === 0 || labelPart(label) !== U) continue;
      let counts = votes.get(word);
      if (counts === undefined) votes.set(word, (counts = [0, 0, 0, 0]));
      counts[labelType(label)]++;
    }
  }
  if (votes.size === 0) return;
  for (let s = 0; s < sentences.length; s++) {
    const words = sentences[s];
    const row = labels[s];
    for (let i = 0; i < words.length; i++) {
      if (row[i] !== 0 || (i > 0 && row[i - 1] !== 0) || (i + 1 < words.length && row[i + 1] !== 0)) continue;
      const counts = votes.get(words[i]);
      if (counts === undefined || lowered.has(words[i].toLowerCase())) continue;
      let best = 0;
      for (let t = 1; t < 4; t++) if (counts[t] > counts[best]) best = t;
      row[i] = makeLabel(best, U);
    }
  }
}

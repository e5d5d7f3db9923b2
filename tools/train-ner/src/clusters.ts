import { hashLower } from '@galley/entities/tagger';

const DIGIT = /\d/;

/**
 * Distributional word clusters from unlabelled text: each word is described by which frequent
 * words occur immediately left and right of it (sqrt-damped counts, unit length), and spherical
 * k-means groups words with similar contexts. A cheap stand-in for Brown clusters (used by
 * Ratinov & Roth 2009): words never seen with a label still share weights with their cluster.
 * Returns word hash → [coarse id, fine id], ids from 1.
 */
export function wordClusters(
  sentences: readonly (readonly string[])[],
  options: { coarse: number; fine: number; minCount: number; contexts: number; iterations: number; seed: number },
): Map<number, [number, number]> {
  const counts = new Map<string, number>();
  const fold = (w: string) => w.toLowerCase();
  for (const sentence of sentences) for (const w of sentence) counts.set(fold(w), (counts.get(fold(w)) ?? 0) + 1);
  const ranked = [...counts]
    .filter(([w, n]) => n >= options.minCount && !DIGIT.test(w))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocab = new Map(ranked.map(([w], i) => [w, i]));
  const contextIds = new Map(ranked.slice(0, options.contexts).map(([w], i) => [w, i]));
  const dims = 2 * options.contexts + 4;
  // Sparse context counts per word: Map<dimension, count>.
  const rows = ranked.map(() => new Map<number, number>());
  for (const sentence of sentences) {
    for (let i = 0; i < sentence.length; i++) {
      const row = vocab.get(fold(sentence[i]));
      if (row === undefined) continue;
      const left = i === 0 ? dims - 4 : (contextIds.get(fold(sentence[i - 1])) ?? dims - 3);
      const right =
        i + 1 === sentence.length
          ? dims - 2
          : options.contexts + (contextIds.get(fold(sentence[i + 1])) ?? options.contexts + 1);
      rows[row].set(left, (rows[row].get(left) ?? 0) + 1);
      rows[row].set(right, (rows[row].get(right) ?? 0) + 1);
    }
  }
  const index: Int32Array[] = [];
  const value: Float64Array[] = [];
  for (const row of rows) {
    const keys = Int32Array.from(row.keys());
    const values = Float64Array.from(row.values(), Math.sqrt);
    const norm = Math.hypot(...values) || 1;
    for (let i = 0; i < values.length; i++) values[i] /= norm;
    index.push(keys);
    value.push(values);
  }
  const fine = kmeans(index, value, dims, options.fine, options.iterations, options.seed);
  const coarse = kmeans(index, value, dims, options.coarse, options.iterations, options.seed + 1);
  const out = new Map<number, [number, number]>();
  ranked.forEach(([w], i) => out.set(hashLower(w), [coarse[i] + 1, fine[i] + 1]));
  return out;
}

/** Spherical k-means over sparse unit vectors; centroids start at the k most frequent words shuffled by seed. */
function kmeans(
  index: Int32Array[],
  value: Float64Array[],
  dims: number,
  k: number,
  iterations: number,
  seed: number,
): Int32Array {
  const n = index.length;
  k = Math.min(k, n);
  const centroids = new Float64Array(k * dims);
  // Seeds spread over the frequency ranking so that clusters are not all function words.
  for (let c = 0; c < k; c++) {
    const w = Math.floor(((c + ((seed * 7919) % 97) / 97) * n) / k) % n;
    for (let j = 0; j < index[w].length; j++) centroids[c * dims + index[w][j]] = value[w][j];
  }
  const assignment = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    for (let w = 0; w < n; w++) {
      let best = 0;
      let top = -Infinity;
      const keys = index[w];
      const values = value[w];
      for (let c = 0; c < k; c++) {
        let dot = 0;
        const base = c * dims;
        for (let j = 0; j < keys.length; j++) dot += centroids[base + keys[j]] * values[j];
        if (dot > top) {
          top = dot;
          best = c;
        }
      }
      assignment[w] = best;
    }
    centroids.fill(0);
    for (let w = 0; w < n; w++) {
      const base = assignment[w] * dims;
      for (let j = 0; j < index[w].length; j++) centroids[base + index[w][j]] += value[w][j];
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += centroids[c * dims + d] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d++) centroids[c * dims + d] /= norm;
    }
  }
  return assignment;
}

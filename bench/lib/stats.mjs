// Order statistics for repeated timings: the median is the figure, min–max and IQR its spread.

/** Value at quantile `q` (0–1) of `values`, linear between neighbours. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median, quartiles and range of a sample, rounded for printing and JSON. */
export function summarize(values, digits = 3) {
  const round = (x) => +x.toFixed(digits);
  return {
    median: round(quantile(values, 0.5)),
    q1: round(quantile(values, 0.25)),
    q3: round(quantile(values, 0.75)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    n: values.length,
  };
}

/** "median (min–max)" for a summary. */
export function formatSpread(s, digits = 1) {
  const f = (x) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

/** Whitespace-separated tokens, the word count used for words/s. */
export function countWords(text) {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

const diacritics = /[\u0300-\u036f]/g;
const spaces = /\s+/g;
const leadingArticle = /^the /;
/** Characters that may wrap a name in running text without being part of it. */
const edgeCharacters = new Set([...' "\'‘’“”.,;:()[]']);

/** Trim edge characters by scanning, not by an end-anchored regex, so it stays linear. */
function trimEdges(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && edgeCharacters.has(value[start])) start++;
  while (end > start && edgeCharacters.has(value[end - 1])) end--;
  return value.slice(start, end);
}

/**
 * The form two entity names are compared in across articles: case, accents, spacing, edge
 * punctuation and a leading "the" do not make two entities different ("The Kremlin" = "Kremlin").
 */
export function normaliseName(name: string): string {
  const folded = name.normalize('NFKD').replace(diacritics, '').toLowerCase().replace(spaces, ' ');
  return trimEdges(folded).replace(leadingArticle, '');
}

/** The key of a canonical entity across articles: its label and its normalised name. */
export function entityKey(label: string, name: string): string {
  return `${label}\u0000${normaliseName(name)}`;
}

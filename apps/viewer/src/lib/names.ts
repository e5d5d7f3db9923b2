import { isCorpusLabel, normaliseName } from '@galley/corpus';

export { entityKey, normaliseName } from '@galley/corpus';

/** The viewer's URL of a corpus entity's page. */
export function entityHref(label: string, name: string): string {
  return `/entities/${encodeURIComponent(label)}/${encodeURIComponent(normaliseName(name))}`;
}

/** Whether an entity of this label has a page of its own (names do; dates and amounts do not). */
export function hasEntityPage(label: string): boolean {
  return isCorpusLabel(label);
}

/**
 * Longest title kept, in characters. Headlines run to a hundred or so; a few hundred leaves room
 * for the longest while keeping a title a title: it is repeated in lists, page heads, indexes
 * and job results, so one without a bound multiplies whatever the input puts into it.
 */
export const MAX_TITLE_CHARS = 300;

/**
 * A title cut to {@link MAX_TITLE_CHARS}: at the last word break before the limit (or at the
 * limit in a text without spaces), with an ellipsis, and never between the two halves of a
 * surrogate pair. Titles within the limit come back unchanged.
 */
export function clipTitle(title: string, max = MAX_TITLE_CHARS): string {
  if (title.length <= max) return title;
  let end = max - 1;
  const space = title.lastIndexOf(' ', end);
  if (space > max / 2) end = space;
  else if (/[\ud800-\udbff]/.test(title[end - 1] ?? '')) end--;
  return `${title.slice(0, end).trimEnd()}…`;
}

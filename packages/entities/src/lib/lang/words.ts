/** A set of the words of a list written one or more a line, white space between (lists stay readable). */
export function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

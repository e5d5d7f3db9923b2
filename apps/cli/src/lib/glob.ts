import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Whether a command-line argument is a glob pattern (the shell left it unexpanded). */
export function isGlob(arg: string): boolean {
  return /[*?]/.test(arg);
}

/**
 * Expand a glob (`*`, `?`, `**` for any depth) to the files it matches, sorted. Node 20 has no
 * `fs.glob`, and shells on Windows (or quoted arguments) pass patterns through unexpanded.
 */
export async function expandGlob(pattern: string): Promise<string[]> {
  const parts = pattern.split(/[\\/]/);
  const firstWild = parts.findIndex(isGlob);
  const base = parts.slice(0, firstWild).join('/') || (pattern.startsWith('/') ? '/' : '.');
  const rest = parts.slice(firstWild);
  let entries;
  try {
    entries = await readdir(base, { withFileTypes: true, recursive: rest.length > 1 || rest[0] === '**' });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(base, path.join(e.parentPath, e.name)).split(path.sep))
    .filter((segments) => matchSegments(rest, 0, segments, 0))
    .map((segments) => path.join(base, ...segments))
    .sort();
}

/** Match path segments against pattern segments; `**` takes zero or more segments. */
function matchSegments(pattern: string[], p: number, segments: string[], s: number): boolean {
  if (p === pattern.length) return s === segments.length;
  if (pattern[p] === '**') {
    for (let k = s; k <= segments.length; k++) if (matchSegments(pattern, p + 1, segments, k)) return true;
    return false;
  }
  return (
    s < segments.length && matchWildcard(pattern[p], segments[s]) && matchSegments(pattern, p + 1, segments, s + 1)
  );
}

/**
 * `*` and `?` wildcard match in one pass with backtracking to the last star only, so the time
 * is O(pattern × name) at worst, never exponential.
 */
export function matchWildcard(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkArticleSize } from '@galley/pipeline';

/** One article to read: a file path, or `-` for standard input. */
export interface InputSource {
  /** Path as the user gave it (or `-`). */
  name: string;
  read(): Promise<Uint8Array>;
}

/** Extensions taken from a directory; other files in it are skipped. */
export const ARTICLE_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown', '.html', '.htm']);

/**
 * Expand command-line arguments into article sources: files as given, directories to their
 * article files (sorted, recursively), `-` to standard input. Missing paths are reported as
 * failures by the caller, so one bad argument does not stop the rest. `checkSize` (default: the
 * `galley process` limit) refuses an input by its size before its content is read.
 */
export async function expandInputs(
  args: readonly string[],
  checkSize: (bytes: number) => void = checkArticleSize,
): Promise<Array<InputSource | { name: string; error: string }>> {
  const out: Array<InputSource | { name: string; error: string }> = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push({ name: '-', read: () => readStdin(checkSize) });
      continue;
    }
    let info;
    try {
      info = await stat(arg);
    } catch {
      out.push({ name: arg, error: 'no such file or directory' });
      continue;
    }
    if (info.isDirectory()) {
      for (const file of await listArticles(arg)) out.push(fileSource(file, checkSize));
    } else {
      out.push(fileSource(arg, checkSize));
    }
  }
  return out;
}

/** A file is refused by its size before it is read, so a huge file costs no memory. */
function fileSource(file: string, checkSize: (bytes: number) => void): InputSource {
  return {
    name: file,
    read: async () => {
      checkSize((await stat(file)).size);
      return readFile(file);
    },
  };
}

async function listArticles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && ARTICLE_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Standard input, refused as soon as it passes the size limit rather than after reading it all. */
async function readStdin(checkSize: (bytes: number) => void): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of process.stdin) {
    bytes += (chunk as Buffer).byteLength;
    checkSize(bytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

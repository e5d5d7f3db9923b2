import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@galley/document';
import type { ArticleInput } from '@galley/queue';
import { expandGlob, isGlob } from './glob.js';

/** One article to read: a file path, or `-` for standard input. */
export interface InputSource {
  /** Path as the user gave it (or `-`). */
  name: string;
  read(): Promise<Uint8Array>;
}

/** An argument that names no input, with why (code `GALLEY_INPUT_NOT_FOUND`). */
export interface MissingInput {
  name: string;
  error: InputError;
}

const notFound = (name: string, reason: string): MissingInput => ({
  name,
  error: new InputError(reason, 'GALLEY_INPUT_NOT_FOUND'),
});

/** Extensions taken from a directory; other files in it are skipped. */
export const ARTICLE_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown', '.html', '.htm']);

/** Whether a command-line argument is a URL (`scheme://…`) rather than a path. */
export function isUrl(arg: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(arg);
}

/**
 * Turn command-line arguments into articles, the same way for `process` and `queue`: URLs as
 * given (fetched later, with the fetch safeguards), `-` as standard input, files as given,
 * directories to their article files (sorted, recursively), and globs the shell left unexpanded
 * (`'feeds/**\/*.html'`) to the files they match. Arguments that name nothing come back as
 * `missing`, so one bad argument does not stop the rest. `checkSize` refuses a file by its size
 * before its content is read (and standard input as soon as it passes the size).
 */
export async function collectInputs(
  args: readonly string[],
  checkSize: (bytes: number) => void,
): Promise<{ inputs: ArticleInput[]; missing: MissingInput[] }> {
  const inputs: ArticleInput[] = [];
  const missing: MissingInput[] = [];
  for (const arg of args) {
    if (isUrl(arg)) {
      inputs.push({ url: arg });
      continue;
    }
    if (arg === '-') {
      inputs.push({ name: '-', read: () => readStdin(checkSize) });
      continue;
    }
    const info = await stat(arg).catch(() => undefined);
    if (info?.isDirectory()) {
      const files = await listArticles(arg);
      if (!files.length) missing.push(notFound(arg, 'no article files (.txt, .md, .html) in this folder'));
      for (const file of files) inputs.push(fileSource(file, checkSize));
    } else if (info) {
      inputs.push(fileSource(arg, checkSize));
    } else if (isGlob(arg)) {
      const files = await expandGlob(arg);
      if (!files.length) missing.push(notFound(arg, 'no file matches this pattern'));
      for (const file of files) inputs.push(fileSource(file, checkSize));
    } else {
      missing.push(notFound(arg, 'no such file or directory'));
    }
  }
  return { inputs, missing };
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

import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CorpusCase } from './corpus.js';

/** A fresh temporary directory, and a function that removes it. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `galley-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Write one corpus case into `dir`; sparse cases get their size without their bytes. */
export async function writeCase(dir: string, testCase: CorpusCase): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${testCase.name}${testCase.ext}`);
  if (testCase.sparse) {
    const handle = await open(file, 'w');
    await handle.truncate(testCase.sparse);
    await handle.close();
  } else {
    await writeFile(file, testCase.content());
  }
  return file;
}

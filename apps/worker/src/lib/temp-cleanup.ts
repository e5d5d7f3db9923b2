import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DirectoryStore, OutputStore } from '@galley/publish';

/** Temporary files `writeAtomic` leaves when its process dies between write and rename. */
const TEMP_FILE = /^article\.(?:json|md|html)\.\d+\.[0-9a-f]+\.tmp$/;

/**
 * A directory store that first removes temporary files left in an article's folder by a worker
 * that was killed mid-write. The job of a killed worker is re-run by another worker, which
 * publishes to the same folder, so that is where the leftovers are found. (A better home for
 * this is `DirectoryStore.put` itself; it lives here until publish owns it.)
 */
export function withTempCleanup(store: DirectoryStore): OutputStore {
  return {
    locate: (id) => store.locate(id),
    async put(id, files) {
      await removeTempFiles(store.locate(id));
      await store.put(id, files);
    },
  };
}

/** Remove leftover temporary article files in one folder; a missing folder is fine. */
export async function removeTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((name) => TEMP_FILE.test(name));
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true })));
  return stale;
}

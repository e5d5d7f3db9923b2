import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isArticleId } from '@galley/document';

/** The files published for one article, by file name. */
export type PublishedFiles = Record<'article.json' | 'article.md' | 'article.html', string>;

/**
 * Where published articles go. A directory by default; an object store can implement the same
 * two methods without touching the stages.
 */
export interface OutputStore {
  /** Publish all files of one article so that readers see either none or all of them. */
  put(id: string, files: PublishedFiles): Promise<void>;
  /** Human-readable location of an article, for messages. */
  locate(id: string): string;
}

/**
 * A directory store: `<root>/<id>/article.{json,md,html}`. Each file is written to a temporary
 * name, flushed and renamed into place, so a crash never leaves a half-written file under the
 * final name; `article.json` goes last, since readers treat it as the marker of a whole article.
 * Temporary files a killed process left in the article's folder are removed when the article is
 * published again (a killed worker's job is re-run, and publishes to the same folder).
 */
export class DirectoryStore implements OutputStore {
  readonly root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  locate(id: string): string {
    return path.join(this.root, id);
  }

  async put(id: string, files: PublishedFiles): Promise<void> {
    if (!isArticleId(id)) throw new Error(`refusing to publish under unsafe id "${id}"`);
    const dir = this.locate(id);
    await mkdir(dir, { recursive: true });
    await removeTempFiles(dir);
    // All three are written and flushed at once (one wait for the disk, not three); the renames
    // then go in order, so article.json, the marker, appears only when the other two are there.
    const order: Array<keyof PublishedFiles> = ['article.md', 'article.html', 'article.json'];
    const written = await Promise.allSettled(order.map((name) => writeTemp(path.join(dir, name), files[name])));
    const temps = written.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = written.find((result) => result.status === 'rejected');
    try {
      if (failure) throw failure.reason;
      for (const [i, name] of order.entries()) await rename(temps[i]!, path.join(dir, name));
    } catch (error) {
      await Promise.all(temps.map((temp) => rm(temp, { force: true })));
      throw error;
    }
  }
}

/** Temporary files `writeTemp` leaves when its process dies between write and rename. */
const TEMP_FILE = /^article\.(?:json|md|html)\.(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * Remove leftover temporary article files in one folder; a missing folder is fine. Only files
 * whose writing process is gone are removed: another live process may be publishing the same
 * article (the same content queued with other stages) and its file must survive.
 */
export async function removeTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const pid = TEMP_FILE.exec(name)?.[1];
    return pid !== undefined && !processAlive(Number(pid));
  });
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true })));
  return stale;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Write `content` to a temporary sibling of `target` and flush it to disk; returns its path. The
 * name carries this process's pid, so {@link removeTempFiles} can tell a dead writer's leftovers.
 */
async function writeTemp(target: string, content: string): Promise<string> {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temp;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { isArticleId } from '@galley/document';

/** The files published for one article, by file name. */
export type PublishedFiles = Record<'article.json' | 'article.md' | 'article.html', string>;

/** The path of one published file: the one place the `<root>/<id>/article.*` layout is spelled out. */
export function articleFile(root: string, id: string, name: keyof PublishedFiles): string {
  return path.join(root, id, name);
}

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
 * `put` resolves only once the renames are durable too (the folders are flushed), so an article
 * acknowledged after it survives a power cut, not only a crash of the process. Temporary files a
 * killed process left in the article's folder are removed when the article is published again (a
 * killed worker's job is re-run, and publishes to the same folder).
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
    const created = await mkdir(dir, { recursive: true });
    // Only a folder that was there before can hold a killed writer's leftovers.
    if (created === undefined) await removeTempFiles(dir);
    // All three are written and flushed at once (one wait for the disk, not three); the renames
    // then go in order, so article.json, the marker, appears only when the other two are there.
    const order: Array<keyof PublishedFiles> = ['article.md', 'article.html', 'article.json'];
    const written = await Promise.allSettled(
      order.map((name) => writeTemp(articleFile(this.root, id, name), files[name])),
    );
    const temps = written.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = written.find((result) => result.status === 'rejected');
    try {
      if (failure) throw failure.reason;
      for (const [i, name] of order.entries()) await rename(temps[i]!, articleFile(this.root, id, name));
    } catch (error) {
      await Promise.all(temps.map((temp) => rm(temp, { force: true })));
      throw error;
    }
    // A rename is an entry in its folder and a new folder an entry in its parent: neither is on
    // disk until that folder is flushed, even though the file's own bytes are.
    await Promise.all([dir, ...(created === undefined ? [] : newFolderParents(created, dir))].map(flushFolder));
  }
}

/** The folders whose entries changed when `mkdir -p` made `first` and everything below it down to `last`. */
function newFolderParents(first: string, last: string): string[] {
  const parents: string[] = [];
  for (let folder = last; folder !== first; folder = path.dirname(folder)) parents.push(path.dirname(folder));
  return [...parents, path.dirname(first)];
}

/** Folder flushes under way, and the one queued behind each, by path. */
const folderFlushes = new Map<string, { current: Promise<void>; next?: Promise<void> }>();

/**
 * Flush a folder's entries to disk. A flush covers every change made before it began, so callers
 * share them (group commit): one that asks while a flush is under way waits for the next one, which
 * every caller arriving meanwhile shares; many articles published at once into new folders of one
 * root cost the root a few flushes, not one each.
 */
function flushFolder(folder: string): Promise<void> {
  const flushes = folderFlushes.get(folder);
  if (flushes?.next) return flushes.next;
  const start = (): Promise<void> => {
    const entry: { current: Promise<void>; next?: Promise<void> } = { current: syncFolder(folder) };
    folderFlushes.set(folder, entry);
    const forget = (): void => {
      if (folderFlushes.get(folder) === entry && !entry.next) folderFlushes.delete(folder);
    };
    entry.current.then(forget, forget);
    return entry.current;
  };
  if (!flushes) return start();
  flushes.next = flushes.current.catch(() => undefined).then(start);
  return flushes.next;
}

/**
 * Errors of file systems that cannot flush a folder (Windows opens none; some network file
 * systems refuse): there is nothing more to do there, and the files themselves are flushed.
 */
const NO_FOLDER_SYNC = new Set(['EISDIR', 'EINVAL', 'EPERM', 'ENOTSUP', 'EBADF']);

async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (!NO_FOLDER_SYNC.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
}

/**
 * Temporary files `writeTemp` leaves when its process dies between write and rename:
 * `article.<ext>.<host>-<pid>.<random>.tmp` (files of earlier versions have no host part).
 */
const TEMP_FILE = /^article\.(?:json|md|html)\.(?:([0-9a-f]{8})-)?(\d+)\.[0-9a-f]+\.tmp$/;

/** This machine, as it appears in temporary file names: several hosts may share one output folder. */
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/**
 * How old another machine's temporary file must be before it counts as left over. Its process
 * cannot be asked whether it is alive, and no write takes anywhere near this long (a job's
 * stages are stopped after 60 s by default).
 */
export const FOREIGN_TEMP_FILE_MS = 60 * 60 * 1000;

/**
 * Remove leftover temporary article files in one folder; a missing folder is fine. Only files
 * whose writing process is gone are removed: another live process may be publishing the same
 * article (the same content queued with other stages) and its file must survive. A file from
 * another machine sharing the folder is removed once it is {@link FOREIGN_TEMP_FILE_MS} old.
 */
export async function removeTempFiles(dir: string, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = await Promise.all(
    names.map(async (name) => {
      const match = TEMP_FILE.exec(name);
      if (!match) return false;
      const [, host, pid] = match;
      return writerGone(host, Number(pid), path.join(dir, name), now);
    }),
  );
  const removed = names.filter((_, i) => stale[i]);
  await Promise.all(removed.map((name) => rm(path.join(dir, name), { force: true })));
  return removed;
}

/**
 * This process as files it alone writes name it, `<host>-<pid>` (the host hashed to 8 hex
 * digits): several machines and processes may share one output folder.
 */
export const WRITER = `${HOST}-${process.pid}`;

/**
 * Whether the process that wrote `file`, named by its writer tag (see {@link WRITER}; `host`
 * undefined for files of earlier versions, which had none), is gone: on this machine, no process
 * has that pid any more; from another machine (it cannot be asked), the file is
 * {@link FOREIGN_TEMP_FILE_MS} old.
 */
export async function writerGone(
  host: string | undefined,
  pid: number,
  file: string,
  now = Date.now(),
): Promise<boolean> {
  if (host === undefined || host === HOST) return !processAlive(pid);
  const modified = await stat(file).then(
    (s) => s.mtimeMs,
    () => now,
  );
  return now - modified > FOREIGN_TEMP_FILE_MS;
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
 * name carries this machine and this process's pid, so {@link removeTempFiles} can tell a dead
 * writer's leftovers.
 */
async function writeTemp(target: string, content: string): Promise<string> {
  const temp = `${target}.${WRITER}.${randomBytes(4).toString('hex')}.tmp`;
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

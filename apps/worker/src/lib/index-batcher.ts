import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { type Article, isArticleId } from '@galley/document';
import { DirectoryReader, WRITER, writerGone } from '@galley/publish';

/**
 * Where a worker notes the articles it published but has not indexed yet: one file per process,
 * `<outDir>/corpus.pending/<host>-<pid>`, one article id a line. A folder of its own, so a
 * starting worker lists these files, not the million article folders beside them; its name is
 * not an article id, so readers of the output folder never take it for an article.
 */
export const PENDING_FOLDER = 'corpus.pending';
const PENDING_FILE = /^([0-9a-f]{8})-(\d+)$/;

/** Articles per index transaction, at most (default of {@link IndexBatcherOptions.maxArticles}). */
export const INDEX_BATCH_ARTICLES = 32;
/**
 * How long a published article waits for others to share its transaction, ms (default of
 * {@link IndexBatcherOptions.maxDelayMs}). Longer waits make larger batches (less CPU per
 * article: 1.15 ms alone, 0.76 in fours, 0.52 in sixteens, 0.36 in thirty-twos on the bench's
 * articles) but cost RSS: a worker on the bench peaked at 182–186 MB with 50 ms, 197–203 MB
 * with 100–200 ms.
 */
export const INDEX_BATCH_MS = 50;
/** Articles kept in memory while the index fails; past this, the oldest wait for the next start (they stay noted). */
const MAX_HELD = 1000;

/** Options of {@link IndexBatcher}. */
export interface IndexBatcherOptions {
  /** The worker's output folder, where the pending list goes. */
  outDir: string;
  /** Writes articles to the index, all in one transaction. */
  index: (articles: Article[]) => Promise<void>;
  /** Flush once this many articles wait (default {@link INDEX_BATCH_ARTICLES}). */
  maxArticles?: number;
  /** Flush this long after the first article waits, ms (default {@link INDEX_BATCH_MS}). */
  maxDelayMs?: number;
  log?: Pick<Logger, 'error' | 'warn'>;
}

/**
 * Adds published articles to the corpus index in groups: the articles of jobs that finish close
 * together share one transaction (the index costs less per article in a batch: one statement
 * per table and one counter update per entity, not one per article), off the jobs' path, since a
 * job is acknowledged once its files are durable and the index can be rebuilt from them.
 *
 * So that no article is left out when the process dies before its batch is written, each id is
 * noted first (one `write` to this process's pending file, which survives the process: the
 * page cache keeps it) and the file is emptied once the batch is in the index; a worker starting
 * on the folder indexes what a dead process noted ({@link repairIndex}). Like SQLite's own
 * commits (`synchronous = NORMAL`), the note is not flushed to disk: after a power cut,
 * `galley reindex` makes the index whole.
 */
export class IndexBatcher {
  readonly #options: IndexBatcherOptions;
  readonly #file: string;
  #fd: number | undefined;
  #opening: Promise<number> | undefined;
  /** Articles waiting for the next batch. */
  #waiting: Article[] = [];
  /** Ids in the pending file not yet indexed. */
  readonly #noted = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  /** The batch being written, if any: batches go one after another. */
  #flushing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: IndexBatcherOptions) {
    this.#options = options;
    this.#file = path.join(options.outDir, PENDING_FOLDER, WRITER);
  }

  /** Articles noted but not in the index yet. */
  get pending(): number {
    return this.#noted.size;
  }

  /**
   * Note `article` and queue it for the next batch: once this resolves, the article is in the
   * index or will be, even if this process dies. Rejects when the note cannot be written.
   */
  async add(article: Article): Promise<void> {
    if (this.#closed) throw new Error('the index batcher is closed');
    if (!this.#noted.has(article.id)) {
      const fd = this.#fd ?? (await (this.#opening ??= this.#open()));
      writeSync(fd, `${article.id}\n`);
      this.#noted.add(article.id);
    }
    this.#waiting.push(article);
    if (this.#waiting.length >= (this.#options.maxArticles ?? INDEX_BATCH_ARTICLES)) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#options.maxDelayMs ?? INDEX_BATCH_MS);
  }

  /** Write the waiting articles to the index now; resolves once they are (or the write failed and was logged). */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#writeBatch());
    return this.#flushing;
  }

  /** Write what waits and remove the pending file (kept if some articles could not be indexed). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
    await this.#opening?.catch(() => undefined);
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    if (this.#noted.size === 0) await rm(this.#file, { force: true });
  }

  async #open(): Promise<number> {
    await mkdir(path.dirname(this.#file), { recursive: true });
    // Appending: after the file is emptied, the next note starts it again at the top.
    this.#fd = openSync(this.#file, 'a');
    return this.#fd;
  }

  async #writeBatch(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#waiting;
    if (!batch.length) return;
    this.#waiting = [];
    try {
      await this.#options.index(batch);
    } catch (error) {
      // Tried again with the next batch; the job's files are there whatever happens here.
      const held = [...batch, ...this.#waiting];
      this.#waiting = held.slice(-MAX_HELD);
      this.#options.log?.error(
        { err: (error as Error).message, articles: batch.length, dropped: held.length - this.#waiting.length },
        'could not add published articles to the corpus index; will try again (they stay noted for the next start)',
      );
      if (!this.#closed)
        this.#timer ??= setTimeout(() => void this.flush(), 5 * (this.#options.maxDelayMs ?? INDEX_BATCH_MS));
      return;
    }
    const queued = new Set(this.#waiting.map((a) => a.id));
    for (const article of batch) if (!queued.has(article.id)) this.#noted.delete(article.id);
    // Emptied only once nothing noted is missing from the index (with SQLite, always: its write
    // is synchronous, so no article arrives in between); otherwise kept as it is, a superset.
    if (this.#noted.size === 0 && this.#fd !== undefined) ftruncateSync(this.#fd, 0);
  }
}

/**
 * Index the articles that workers which died on `outDir` had noted but not indexed (see
 * {@link IndexBatcher}), then remove their pending files. Files of live processes are left alone;
 * indexing an article twice is harmless (it replaces itself), so two workers repairing at once
 * do no damage. Returns the ids indexed.
 */
export async function repairIndex(
  outDir: string,
  index: (articles: Article[]) => Promise<void>,
  log?: Pick<Logger, 'warn'>,
): Promise<string[]> {
  const folder = path.join(outDir, PENDING_FOLDER);
  const names = await readdir(folder).catch(() => [] as string[]);
  const reader = new DirectoryReader(outDir);
  const repaired: string[] = [];
  for (const name of names) {
    const match = PENDING_FILE.exec(name);
    if (!match) continue;
    const [, host, pid] = match;
    const file = path.join(folder, name);
    // This process's own name is a predecessor's (a container's worker is pid 1 every time): this one has noted nothing yet.
    if (`${host}-${pid}` !== WRITER && !(await writerGone(host, Number(pid), file))) continue;
    const ids = [...new Set((await readFile(file, 'utf8').catch(() => '')).split('\n'))].filter(isArticleId);
    const articles: Article[] = [];
    for (const id of ids) {
      try {
        const article = await reader.read(id);
        if (article) articles.push(article);
      } catch (error) {
        log?.warn({ articleId: id, err: (error as Error).message }, 'not indexed: its article.json does not read');
      }
    }
    for (let i = 0; i < articles.length; i += INDEX_BATCH_ARTICLES * 8)
      await index(articles.slice(i, i + INDEX_BATCH_ARTICLES * 8));
    repaired.push(...articles.map((a) => a.id));
    await rm(file, { force: true });
  }
  return repaired;
}

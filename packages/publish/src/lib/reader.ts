import { opendir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Article, isArticleId, parseArticle } from '@galley/document';
import { type PublishedFiles, articleFile } from './store.js';

/** One item of {@link DirectoryReader.articles}: an article, or why its folder could not be read as one. */
export type ReadArticle = { id: string; article: Article } | { id: string; error: Error };

/** Options of {@link DirectoryReader.articles}. */
export interface ReadArticlesOptions {
  /** Files read at once. Default 16. */
  concurrency?: number;
}

/**
 * Reads what a {@link DirectoryStore} published: `<root>/<id>/article.{json,md,html}`. Only
 * folders whose names are article ids are looked at, so nothing outside the data folder (and
 * nothing but article files inside it) is ever read through an id.
 */
export class DirectoryReader {
  readonly root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Article ids in the folder, as the directory lists them (streamed: a million folders never sit in memory). */
  async *ids(): AsyncIterable<string> {
    let dir;
    try {
      dir = await opendir(this.root, { bufferSize: 256 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for await (const entry of dir) if (entry.isDirectory() && isArticleId(entry.name)) yield entry.name;
  }

  /** One published file's content; undefined for a non-id or a missing file. */
  async file(id: string, name: keyof PublishedFiles): Promise<string | undefined> {
    if (!isArticleId(id)) return undefined;
    return readFile(articleFile(this.root, id, name), 'utf8').catch(() => undefined);
  }

  /**
   * One article, parsed and checked; undefined when it is not there (or `id` is not an id).
   * Throws, with the file named, when the file is there but is not a valid article.
   */
  async read(id: string): Promise<Article | undefined> {
    const json = await this.file(id, 'article.json');
    if (json === undefined) return undefined;
    try {
      return parseArticle(JSON.parse(json));
    } catch (error) {
      throw new Error(
        `${articleFile(this.root, id, 'article.json')} is not a valid article: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  /** Every article in the folder, read `concurrency` at a time; folders without a valid `article.json` come as errors. */
  async *articles(options: ReadArticlesOptions = {}): AsyncIterable<ReadArticle> {
    const concurrency = options.concurrency ?? 16;
    const readOne = async (id: string): Promise<ReadArticle> => {
      try {
        const article = await this.read(id);
        return article
          ? { id, article }
          : { id, error: new Error(`${articleFile(this.root, id, 'article.json')} is missing`) };
      } catch (error) {
        return { id, error: error as Error };
      }
    };
    const window: Array<Promise<ReadArticle>> = [];
    for await (const id of this.ids()) {
      window.push(readOne(id));
      if (window.length >= concurrency) yield await window.shift()!;
    }
    while (window.length) yield await window.shift()!;
  }
}

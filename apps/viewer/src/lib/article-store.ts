import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  type Article,
  type EntityLabel,
  type EntityRecord,
  type SourceFormat,
  isArticleId,
  parseArticle,
} from '@galley/document';
import type { Logger } from 'pino';
import { entityKey, normaliseName } from './names.js';

/** What the list page needs of one article, kept in memory for every article. */
export interface ArticleSummary {
  id: string;
  title: string;
  format: SourceFormat;
  byline?: string;
  published?: string;
  processedAt?: string;
  /** Newest first is by this: `processedAt`, else the file's modification time. */
  sortKey: string;
  sentences: number;
  quotes: number;
  /** Entity mentions per label. */
  mentionsByLabel: Partial<Record<EntityLabel, number>>;
  mentions: number;
  entityIndex: EntityRecord[];
  /** Normalised canonical names and aliases, for "articles mentioning X". */
  entityNames: Set<string>;
  /** Lower-cased title and text, for search. */
  haystack: string;
  mtimeMs: number;
  size: number;
}

/** One canonical entity across articles (same label and normalised name). */
export interface EntityGroup {
  key: string;
  label: EntityLabel;
  /** The canonical name as most articles spell it. */
  name: string;
  aliases: string[];
  /** Ids of the articles that mention it, newest first. */
  articleIds: string[];
}

/** A filter and page over the article list. */
export interface ListQuery {
  /** Words that must all occur in the title or text (case-insensitive). */
  q?: string;
  /** A canonical entity name or alias the article must mention. */
  entity?: string;
  /** 1-based page number. */
  page?: number;
  pageSize: number;
}

/** One page of the article list. */
export interface ListPage {
  items: ArticleSummary[];
  total: number;
  page: number;
  pages: number;
}

/** Options of {@link ArticleStore}. */
export interface ArticleStoreOptions {
  logger: Logger;
  /**
   * Minimum milliseconds between two quick checks (the data directory's own mtime, plus the
   * article folders that had no valid `article.json` yet). Default 1000.
   */
  refreshMs?: number;
  /**
   * Minimum milliseconds between two full scans, which stat every `article.json` to catch an
   * article re-published in place under the same id. Default 15000.
   */
  fullScanMs?: number;
  /** How many parsed articles to keep for the article page. Default 32. */
  cacheSize?: number;
}

const scanBatch = 64;
const wordSplit = /\s+/;

/**
 * An in-memory index of the published articles under one directory, so requests never re-read
 * every JSON. New and removed articles change the directory's mtime, which a quick check (at
 * most once per `refreshMs`) notices; folders still waiting for their `article.json` are checked
 * each time too. A full scan (at most once per `fullScanMs`) stats every `article.json` and
 * re-reads only files whose size or mtime changed.
 */
export class ArticleStore {
  readonly root: string;
  #logger: Logger;
  #refreshMs: number;
  #fullScanMs: number;
  #cacheSize: number;
  #summaries = new Map<string, ArticleSummary>();
  /** Files that failed to parse, by id, with the mtime that failed, so each is logged once. */
  #invalid = new Map<string, number>();
  /** Article folders without a valid `article.json` yet (being written, or broken). */
  #pending = new Set<string>();
  #rootMtimeMs = -1;
  #lastFullScan = 0;
  #sorted: ArticleSummary[] = [];
  #entities = new Map<string, EntityGroup>();
  #cache = new Map<string, { mtimeMs: number; article: Article }>();
  #lastScan = 0;
  #scanning: Promise<void> | undefined;
  #version = 0;

  constructor(root: string, options: ArticleStoreOptions) {
    this.root = path.resolve(root);
    this.#logger = options.logger;
    this.#refreshMs = options.refreshMs ?? 1000;
    this.#fullScanMs = options.fullScanMs ?? 15_000;
    this.#cacheSize = options.cacheSize ?? 32;
  }

  /** Grows by one whenever an article is added, changed or removed. */
  get version(): number {
    return this.#version;
  }

  /** Number of indexed articles. */
  get size(): number {
    return this.#summaries.size;
  }

  /**
   * Bring the index up to date when the last check is older than `refreshMs`; `force` runs a
   * full scan now.
   */
  async refresh(force = false): Promise<void> {
    if (this.#scanning) return this.#scanning;
    const now = Date.now();
    if (!force && now - this.#lastScan < this.#refreshMs) return;
    const full = force || now - this.#lastFullScan >= this.#fullScanMs;
    this.#scanning = this.#scan(full).finally(() => {
      this.#lastScan = Date.now();
      this.#scanning = undefined;
    });
    return this.#scanning;
  }

  /** The summary of one indexed article; ids not in the index (or not ids at all) give undefined. */
  summary(id: string): ArticleSummary | undefined {
    return isArticleId(id) ? this.#summaries.get(id) : undefined;
  }

  /** Filter, sort (newest first) and page the index. */
  list(query: ListQuery): ListPage {
    const words = (query.q ?? '').toLowerCase().split(wordSplit).filter(Boolean);
    const entity = query.entity ? normaliseName(query.entity) : '';
    const matches = this.#sorted.filter(
      (s) => (!entity || s.entityNames.has(entity)) && words.every((w) => s.haystack.includes(w)),
    );
    const pages = Math.max(1, Math.ceil(matches.length / query.pageSize));
    const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pages);
    const items = matches.slice((page - 1) * query.pageSize, page * query.pageSize);
    return { items, total: matches.length, page, pages };
  }

  /** The canonical entity with this label and normalised name, if any article mentions it. */
  entity(label: string, name: string): EntityGroup | undefined {
    return this.#entities.get(entityKey(label, name));
  }

  /** The whole article, parsed and validated; undefined for ids not in the index. */
  async article(id: string): Promise<Article | undefined> {
    const summary = this.summary(id);
    if (!summary) return undefined;
    const cached = this.#cache.get(id);
    if (cached && cached.mtimeMs === summary.mtimeMs) {
      this.#cache.delete(id);
      this.#cache.set(id, cached);
      return cached.article;
    }
    const article = await this.#parse(id).catch((error: unknown) => {
      this.#logger.warn({ id, err: error }, 'article is no longer readable');
      return undefined;
    });
    if (!article) return undefined;
    this.#cache.set(id, { mtimeMs: summary.mtimeMs, article });
    if (this.#cache.size > this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value as string);
    return article;
  }

  /** Raw content of one published file of an indexed article. */
  async file(id: string, name: 'article.json' | 'article.md' | 'article.html'): Promise<string | undefined> {
    if (!this.summary(id)) return undefined;
    return readFile(path.join(this.root, id, name), 'utf8').catch(() => undefined);
  }

  async #parse(id: string): Promise<Article> {
    const json = await readFile(path.join(this.root, id, 'article.json'), 'utf8');
    return parseArticle(JSON.parse(json));
  }

  async #scan(full: boolean): Promise<void> {
    const started = Date.now();
    const rootMtimeMs = (await stat(this.root).catch(() => undefined))?.mtimeMs ?? 0;
    let check: string[];
    let changed = false;
    if (full || rootMtimeMs !== this.#rootMtimeMs) {
      const names = await this.#listIds();
      const present = new Set(names);
      for (const id of [...this.#summaries.keys(), ...this.#pending]) {
        if (!present.has(id)) changed = this.#forget(id) || changed;
      }
      check = full ? names : names.filter((id) => !this.#summaries.has(id));
    } else {
      check = [...this.#pending];
    }
    for (let i = 0; i < check.length; i += scanBatch) {
      const results = await Promise.all(check.slice(i, i + scanBatch).map((id) => this.#update(id)));
      if (results.includes(true)) changed = true;
    }
    this.#rootMtimeMs = rootMtimeMs;
    if (full) this.#lastFullScan = started;
    if (changed) this.#reindex();
  }

  async #listIds(): Promise<string[]> {
    try {
      const entries = await readdir(this.root, { withFileTypes: true });
      return entries.filter((e) => e.isDirectory() && isArticleId(e.name)).map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.#logger.warn({ err: error, root: this.root }, 'cannot read the data directory');
      return [];
    }
  }

  /** Drop an article that is gone; returns whether the index changed. */
  #forget(id: string): boolean {
    this.#pending.delete(id);
    this.#invalid.delete(id);
    this.#cache.delete(id);
    return this.#summaries.delete(id);
  }

  /** Re-read one article when its JSON changed; returns whether the index changed. */
  async #update(id: string): Promise<boolean> {
    const file = path.join(this.root, id, 'article.json');
    const info = await stat(file).catch(() => undefined);
    const known = this.#summaries.get(id);
    if (!info) {
      this.#pending.add(id);
      return this.#summaries.delete(id);
    }
    if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return false;
    if (this.#invalid.get(id) === info.mtimeMs) return false;
    try {
      const article = await this.#parse(id);
      this.#invalid.delete(id);
      this.#pending.delete(id);
      this.#summaries.set(id, summarise(id, article, info.mtimeMs, info.size));
      return true;
    } catch (error) {
      this.#invalid.set(id, info.mtimeMs);
      this.#pending.add(id);
      this.#logger.warn(
        { file, err: error instanceof Error ? error.message : String(error) },
        'skipping invalid article',
      );
      return this.#summaries.delete(id);
    }
  }

  #reindex(): void {
    this.#version++;
    this.#sorted = [...this.#summaries.values()].sort((a, b) =>
      a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : a.id.localeCompare(b.id),
    );
    const groups = new Map<string, EntityGroup & { spellings: Map<string, number>; aliasSet: Set<string> }>();
    for (const summary of this.#sorted) {
      for (const record of summary.entityIndex) {
        const key = entityKey(record.label, record.name);
        let group = groups.get(key);
        if (!group) {
          group = {
            key,
            label: record.label,
            name: record.name,
            aliases: [],
            articleIds: [],
            spellings: new Map(),
            aliasSet: new Set(),
          };
          groups.set(key, group);
        }
        group.spellings.set(record.name, (group.spellings.get(record.name) ?? 0) + 1);
        for (const alias of record.aliases) group.aliasSet.add(alias);
        if (group.articleIds.at(-1) !== summary.id) group.articleIds.push(summary.id);
      }
    }
    this.#entities = new Map();
    for (const [key, group] of groups) {
      const name = [...group.spellings].sort((a, b) => b[1] - a[1])[0][0];
      const aliases = [...group.aliasSet].filter((a) => a !== name).sort();
      this.#entities.set(key, { key, label: group.label, name, aliases, articleIds: group.articleIds });
    }
  }
}

/** The in-memory summary of one parsed article. */
export function summarise(id: string, article: Article, mtimeMs: number, size: number): ArticleSummary {
  const mentionsByLabel: Partial<Record<EntityLabel, number>> = {};
  for (const mention of article.entities) mentionsByLabel[mention.label] = (mentionsByLabel[mention.label] ?? 0) + 1;
  const entityNames = new Set<string>();
  for (const record of article.entityIndex) {
    entityNames.add(normaliseName(record.name));
    for (const alias of record.aliases) entityNames.add(normaliseName(alias));
  }
  return {
    id,
    title: article.title,
    format: article.source.format,
    ...(article.byline !== undefined ? { byline: article.byline } : {}),
    ...(article.published !== undefined ? { published: article.published } : {}),
    ...(article.processedAt !== undefined ? { processedAt: article.processedAt } : {}),
    sortKey: article.processedAt ?? new Date(mtimeMs).toISOString(),
    sentences: article.sentences.length,
    quotes: article.quotes.length,
    mentionsByLabel,
    mentions: article.entities.length,
    entityIndex: article.entityIndex,
    entityNames,
    haystack: `${article.title}\n${article.text}`.toLowerCase(),
    mtimeMs,
    size,
  };
}

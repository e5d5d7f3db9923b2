import type { Article } from '@galley/document';

/**
 * Most characters of an article's text an article page renders. Each character of text becomes
 * several of markup (sentences, mentions, quotes), so a page of this much is already a few MB;
 * a long feature is a tenth of it. The rest is in the downloads.
 */
export const MAX_PAGE_TEXT_CHARS = 200_000;

/**
 * Largest `article.json` an article page reads, in bytes. Past this, parsing the document alone
 * costs seconds and hundreds of MB; the page offers the files to download instead.
 */
export const MAX_PAGE_JSON_BYTES = 16 * 1024 * 1024;

/** Most entries an article page lists in each side panel (names, quotes, removed passages). */
export const MAX_PANEL_ITEMS = 500;

/** An article cut for its page: the shown part, and how much of the text that is. */
export interface BoundedArticle {
  article: Article;
  /** Characters of text shown, and in all; equal when the whole article is shown. */
  shown: number;
  total: number;
}

/**
 * The article as its page shows it: whole when its text is within `maxChars`, else its blocks
 * up to the last one that ends within the limit (at least the first, cut), with the sentences,
 * mentions and quotes inside that part and the side lists capped. Offsets stay valid: the shown
 * text is a prefix of the original.
 */
export function boundArticle(article: Article, maxChars = MAX_PAGE_TEXT_CHARS): BoundedArticle {
  const total = article.text.length;
  const lists = {
    removed: article.removed.slice(0, MAX_PANEL_ITEMS),
  };
  if (total <= maxChars) return { article: { ...article, ...lists }, shown: total, total };
  const last = article.blocks.findLast((b) => b.end <= maxChars);
  const cut = last ? last.end : maxChars;
  const within = <T extends { start: number; end: number }>(spans: readonly T[]) =>
    spans.filter((s) => s.start < cut).map((s) => (s.end > cut ? { ...s, end: cut } : s));
  const blocks = last
    ? article.blocks.filter((b) => b.end <= cut)
    : [{ ...(article.blocks[0] ?? { type: 'paragraph' as const, start: 0 }), end: cut }];
  const entities = within(article.entities);
  const quotes = within(article.quotes).slice(0, MAX_PANEL_ITEMS);
  const used = new Set([...entities.map((m) => m.entity), ...quotes.flatMap((q) => (q.speaker ? [q.speaker] : []))]);
  return {
    article: {
      ...article,
      ...lists,
      text: article.text.slice(0, cut),
      blocks,
      sentences: within(article.sentences),
      entities,
      quotes,
      entityIndex: article.entityIndex.filter((r) => used.has(r.id)),
    },
    shown: cut,
    total,
  };
}

import { type Article, type Span, findSpanAt } from '@galley/document';
import { renderExcerpt } from './annotate.js';
import { entityKey } from './names.js';
import type { EntityAppearance } from './views/entity.js';
import type { ArticleSummary } from './article-store.js';

/** Characters either side of a mention when the article has no sentences to quote. */
const contextChars = 90;

/**
 * Where one canonical entity (by `key`) occurs in one article: the mention count and every
 * sentence that mentions it, rendered with the mentions highlighted.
 */
export function findAppearance(summary: ArticleSummary, article: Article, key: string): EntityAppearance {
  const ids = new Set(article.entityIndex.filter((r) => entityKey(r.label, r.name) === key).map((r) => r.id));
  const mentions = article.entities.filter((m) => ids.has(m.entity));
  const excerpts: Span[] = [];
  for (const m of mentions) {
    const index = findSpanAt(article.sentences, m.start);
    const span =
      index >= 0
        ? article.sentences[index]
        : { start: Math.max(0, m.start - contextChars), end: Math.min(article.text.length, m.end + contextChars) };
    const last = excerpts.at(-1);
    if (!last || last.start !== span.start) excerpts.push(span);
  }
  return {
    summary,
    mentions: mentions.length,
    sentences: excerpts.map((s) => renderExcerpt(article.text, s.start, s.end, mentions)),
  };
}

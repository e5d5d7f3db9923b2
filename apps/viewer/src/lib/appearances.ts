import { type Article, type Span, findSpanAt } from '@galley/document';
import { renderExcerpt } from './annotate.js';
import { entityKey } from './names.js';

/** Characters either side of a mention when the article has no sentences to quote. */
const contextChars = 90;

/**
 * The sentences of one article that mention one corpus entity (`label` and normalised `key`),
 * rendered as escaped HTML with the mentions highlighted.
 */
export function mentionSentences(article: Article, label: string, key: string): string[] {
  const wanted = `${label}\u0000${key}`;
  const ids = new Set(article.entityIndex.filter((r) => entityKey(r.label, r.name) === wanted).map((r) => r.id));
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
  return excerpts.map((s) => renderExcerpt(article.text, s.start, s.end, mentions));
}

import type { Article, Block, EntityMention, Figure } from '@galley/document';

// What the three renderings (mdast, Markdown, HTML) share: the walk through a block's text and
// its mentions, and how blocks and figures map to headings and lines.

/** Position in the article's mentions, shared by the blocks of one walk (the mdast, Markdown and HTML renderings each walk the blocks once). */
export interface MentionCursor {
  next: number;
}

/**
 * Cut one block into its unmarked stretches (non-empty) and its mentions, in order. Mentions that
 * overlap an earlier one or cross the block's end are left unmarked.
 */
export function walkBlock(
  article: Article,
  block: Block,
  cursor: MentionCursor,
  visit: (value: string, mention?: EntityMention) => void,
): void {
  const { entities, text } = article;
  let at = block.start;
  while (cursor.next < entities.length && entities[cursor.next].start < block.start) cursor.next++;
  for (; cursor.next < entities.length && entities[cursor.next].start < block.end; cursor.next++) {
    const mention = entities[cursor.next];
    if (mention.start < at || mention.end > block.end) continue;
    if (mention.start > at) visit(text.slice(at, mention.start));
    visit(text.slice(mention.start, mention.end), mention);
    at = mention.end;
  }
  if (at < block.end) visit(text.slice(at, block.end));
}

export function blockText(article: Article, block: Block): string {
  return article.text.slice(block.start, block.end);
}

export function clampDepth(depth: number | undefined): 2 | 3 | 4 | 5 | 6 {
  const d = Math.min(6, Math.max(2, depth ?? 2));
  return d as 2 | 3 | 4 | 5 | 6;
}

/** A figure as one line: its caption, then its credit in brackets. */
export function figureLine(figure: Figure): string {
  return [figure.caption, figure.credit ? `(${figure.credit.raw})` : undefined].filter(Boolean).join(' ');
}

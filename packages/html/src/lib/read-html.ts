import type { List, ListItem, Root, RootContent } from 'mdast';
import { extractArticle } from './extract.js';

/**
 * HTML: the article's main content, found by {@link extractArticle}, as an mdast tree of
 * headings, paragraphs, lists and block quotes. Figures and what the extractor removed ride on
 * `tree.data` for the clean stage; title, byline, date and canonical URL become metadata.
 */
export function htmlToMdast(value: string, url?: string): { tree: Root; meta: Record<string, unknown> } {
  const article = extractArticle(value, url);
  const children: RootContent[] = [];
  let list: List | undefined;
  for (const block of article.blocks) {
    const text = { type: 'text' as const, value: block.text };
    if (block.type === 'list-item') {
      const ordered = block.ordered ?? false;
      if (!list || list.ordered !== ordered) {
        list = { type: 'list', ordered, spread: false, children: [] };
        children.push(list);
      }
      const item: ListItem = { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [text] }] };
      list.children.push(item);
      continue;
    }
    list = undefined;
    if (block.type === 'heading')
      children.push({ type: 'heading', depth: (block.depth ?? 2) as 2 | 3 | 4 | 5 | 6, children: [text] });
    else if (block.type === 'quote')
      children.push({ type: 'blockquote', children: [{ type: 'paragraph', children: [text] }] });
    else children.push({ type: 'paragraph', children: [text] });
  }
  const meta: Record<string, unknown> = { ...article.meta };
  if (article.title) meta.title = article.title;
  if (article.byline) meta.byline = article.byline;
  if (article.published) meta.published = article.published;
  return {
    tree: { type: 'root', children, data: { galleyFigures: article.figures, galleyRemoved: article.removed } },
    meta,
  };
}

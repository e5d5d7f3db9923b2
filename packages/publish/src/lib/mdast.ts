import type { Root as MdastRoot, RootContent, PhrasingContent } from 'mdast';
import type { Article, Block } from '@galley/document';
import { clampDepth, figureLine, type MentionCursor, walkBlock } from './walk.js';

/**
 * The article as an mdast tree for HTML: title as a depth-1 heading, headings, paragraphs and
 * figures, with entity mentions as nodes that become `<mark>` elements (through `data.hName`).
 * {@link renderHtml} writes the same page directly; this tree is for callers that transform it
 * further with unified (`remark-rehype`), and it is the reference the tests hold the page to.
 */
export function articleToMdast(article: Article): MdastRoot {
  const children: RootContent[] = [];
  // Mentions are sorted by start and blocks by position, so one cursor walks both: linear in
  // the article, where a scan of every mention per block was quadratic on long articles.
  const cursor = { next: 0 };
  for (const block of article.blocks) {
    const content = markedPhrasing(article, block, cursor);
    if (block.type === 'title') children.push({ type: 'heading', depth: 1, children: content });
    else if (block.type === 'heading')
      children.push({ type: 'heading', depth: clampDepth(block.depth), children: content });
    else children.push({ type: 'paragraph', children: content });
  }
  for (const figure of article.figures) {
    const parts = figureLine(figure);
    if (!parts) continue;
    children.push({
      type: 'paragraph',
      data: { hName: 'figure', hProperties: { className: ['figure'] } },
      children: [{ type: 'emphasis', children: [{ type: 'text', value: parts }] }],
    });
  }
  return { type: 'root', children };
}

function markedPhrasing(article: Article, block: Block, cursor: MentionCursor): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  walkBlock(article, block, cursor, (value, mention) => {
    if (!mention) {
      out.push({ type: 'text', value });
      return;
    }
    out.push({
      type: 'emphasis',
      data: {
        hName: 'mark',
        hProperties: {
          className: ['entity', `ent-${mention.label}`],
          dataEntity: mention.entity,
          dataLabel: mention.label,
        },
      },
      children: [{ type: 'text', value }],
    });
  });
  return out;
}

import type { Article, Block } from '@galley/document';
import { articleHtml, htmlAttribute, htmlText } from './escape.js';
import { clampDepth, figureLine, type MentionCursor, walkBlock } from './walk.js';

/**
 * A standalone HTML page with every entity mention marked (`<mark class="entity ent-LABEL">`).
 * Written directly rather than through `remark-rehype` and `rehype-stringify`: building the hast
 * tree (which deep-copies every mark's properties) and serialising it through the general
 * machinery cost most of the publish stage. The output is byte for byte what that route gives for
 * {@link articleToMdast} (the tests compare the two on tricky and random articles): the same
 * elements and attribute order, `\n` between blocks, spaces and tabs around line endings trimmed,
 * and the same character references.
 */
export function renderHtml(article: Article): string {
  return (
    `<!doctype html><html lang="${htmlAttribute(article.language)}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${htmlText(article.title || article.id)}</title><style>${PAGE_STYLE}</style></head>` +
    `<body>${htmlBody(article)}</body></html>`
  );
}

/** The page body: {@link articleToMdast} as HTML, one block element per line. */
function htmlBody(article: Article): string {
  const elements: string[] = [];
  const cursor = { next: 0 };
  for (const block of article.blocks) {
    const tag = block.type === 'title' ? 'h1' : block.type === 'heading' ? `h${clampDepth(block.depth)}` : 'p';
    elements.push(`<${tag}>${markedHtml(article, block, cursor)}</${tag}>`);
  }
  for (const figure of article.figures) {
    const parts = figureLine(figure);
    if (parts) elements.push(`<figure class="figure"><em>${articleHtml(parts)}</em></figure>`);
  }
  return elements.join('\n');
}

/** One block's text as HTML with its mentions marked. */
function markedHtml(article: Article, block: Block, cursor: MentionCursor): string {
  let html = '';
  walkBlock(article, block, cursor, (value, mention) => {
    if (!mention) {
      html += articleHtml(value);
      return;
    }
    // The class list is joined and trimmed as hast's space-separated tokens are.
    const className = `entity ent-${mention.label}`.trim();
    html +=
      `<mark class="${htmlAttribute(className)}" data-entity="${htmlAttribute(mention.entity)}" data-label="${htmlAttribute(mention.label)}">` +
      `${articleHtml(value)}</mark>`;
  });
  return html;
}

/** The page's style sheet (exported for the tests' reference rendering). */
export const PAGE_STYLE = `body{font:17px/1.6 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}
mark.entity{border-radius:3px;padding:0 2px}
.ent-PERSON{background:#fde2e4}.ent-ORG{background:#dbeafe}.ent-LOC{background:#dcfce7}.ent-MISC{background:#fef3c7}
.ent-DATE,.ent-TIME{background:#ede9fe}.ent-MONEY,.ent-PERCENT,.ent-CARDINAL,.ent-QUANTITY{background:#e5e7eb}
figure{color:#555;font-size:.9em}`;

import type { Root as MdastRoot, RootContent, PhrasingContent } from 'mdast';
import type { Root as HastRoot } from 'hast';
import { unified } from 'unified';
import remarkStringify from 'remark-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkRehype from 'remark-rehype';
import rehypeDocument from 'rehype-document';
import rehypeStringify from 'rehype-stringify';
import type { Article, Block } from '@galley/document';

/**
 * The article as an mdast tree: title as a depth-1 heading, headings, paragraphs and figures.
 * With `marks`, entity mentions become `<mark>` elements when turned into HTML (through
 * `data.hName`), which Markdown has no syntax for.
 */
export function articleToMdast(article: Article, options: { marks?: boolean } = {}): MdastRoot {
  const children: RootContent[] = [];
  for (const block of article.blocks) {
    const content = options.marks ? markedPhrasing(article, block) : [{ type: 'text' as const, value: slice(article, block) }];
    if (block.type === 'title') children.push({ type: 'heading', depth: 1, children: content });
    else if (block.type === 'heading') children.push({ type: 'heading', depth: clampDepth(block.depth), children: content });
    else children.push({ type: 'paragraph', children: content });
  }
  for (const figure of article.figures) {
    const parts = [figure.caption, figure.credit ? `(${figure.credit.raw})` : undefined].filter(Boolean).join(' ');
    if (!parts) continue;
    children.push({
      type: 'paragraph',
      data: { hName: 'figure', hProperties: { className: ['figure'] } },
      children: [{ type: 'emphasis', children: [{ type: 'text', value: parts }] }],
    });
  }
  return { type: 'root', children };
}

/** Clean Markdown with YAML front matter (title, byline, published, id, source). */
export function renderMarkdown(article: Article): string {
  const tree = articleToMdast(article);
  const front = [
    `id: ${yamlString(article.id)}`,
    `title: ${yamlString(article.title)}`,
    article.byline ? `byline: ${yamlString(article.byline)}` : '',
    article.published ? `published: ${yamlString(article.published)}` : '',
    `source: ${yamlString(article.source.format)}`,
  ].filter(Boolean).join('\n');
  tree.children.unshift({ type: 'yaml', value: front } as RootContent);
  return unified().use(remarkFrontmatter).use(remarkStringify, { bullet: '-', emphasis: '_' }).stringify(tree);
}

/** A standalone HTML page with every entity mention marked (`<mark class="entity ent-LABEL">`). */
export function renderHtml(article: Article): string {
  const processor = unified()
    .use(remarkRehype)
    .use(rehypeDocument, { title: article.title || article.id, language: article.language, style: PAGE_STYLE })
    .use(rehypeStringify);
  const hast = processor.runSync(articleToMdast(article, { marks: true })) as HastRoot;
  return processor.stringify(hast);
}

function markedPhrasing(article: Article, block: Block): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let at = block.start;
  for (const mention of article.entities) {
    if (mention.start < at || mention.end > block.end) continue;
    if (mention.start > at) out.push({ type: 'text', value: article.text.slice(at, mention.start) });
    out.push({
      type: 'emphasis',
      data: {
        hName: 'mark',
        hProperties: { className: ['entity', `ent-${mention.label}`], dataEntity: mention.entity, dataLabel: mention.label },
      },
      children: [{ type: 'text', value: article.text.slice(mention.start, mention.end) }],
    });
    at = mention.end;
  }
  if (at < block.end) out.push({ type: 'text', value: article.text.slice(at, block.end) });
  return out;
}

function slice(article: Article, block: Block): string {
  return article.text.slice(block.start, block.end);
}

function clampDepth(depth: number | undefined): 2 | 3 | 4 | 5 | 6 {
  const d = Math.min(6, Math.max(2, depth ?? 2));
  return d as 2 | 3 | 4 | 5 | 6;
}

/** JSON string literals are valid YAML scalars, and escape every character YAML would misread. */
function yamlString(value: string): string {
  return JSON.stringify(value);
}

const PAGE_STYLE = `body{font:17px/1.6 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}
mark.entity{border-radius:3px;padding:0 2px}
.ent-PERSON{background:#fde2e4}.ent-ORG{background:#dbeafe}.ent-LOC{background:#dcfce7}.ent-MISC{background:#fef3c7}
.ent-DATE,.ent-TIME{background:#ede9fe}.ent-MONEY,.ent-PERCENT,.ent-CARDINAL,.ent-QUANTITY{background:#e5e7eb}
figure{color:#555;font-size:.9em}`;


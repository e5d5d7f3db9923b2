import type { Root as MdastRoot, RootContent, PhrasingContent } from 'mdast';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import type { Article, Block, Figure } from '@galley/document';

/**
 * The article as an mdast tree for HTML: title as a depth-1 heading, headings, paragraphs and
 * figures, with entity mentions as nodes that become `<mark>` elements (through `data.hName`).
 */
export function articleToMdast(article: Article): MdastRoot {
  const children: RootContent[] = [];
  // Mentions are sorted by start and blocks by position, so one cursor walks both: linear in
  // the article, where a scan of every mention per block was quadratic on long articles.
  const cursor = { next: 0 };
  for (const block of article.blocks) {
    const content = markedPhrasing(article, block, cursor);
    if (block.type === 'title') children.push({ type: 'heading', depth: 1, children: content });
    else if (block.type === 'heading') children.push({ type: 'heading', depth: clampDepth(block.depth), children: content });
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

/**
 * Clean Markdown with YAML front matter (id, title, byline, published, source). Written directly
 * rather than through `remark-stringify`: the document is only headings, paragraphs and figure
 * lines, and serialising a tree through the general machinery cost most of the publish stage.
 * The tests parse the output back with `remark-parse` and compare the text, so the escaping is
 * held to CommonMark.
 */
export function renderMarkdown(article: Article): string {
  const lines = [
    '---',
    `id: ${yamlString(article.id)}`,
    `title: ${yamlString(article.title)}`,
    ...(article.byline ? [`byline: ${yamlString(article.byline)}`] : []),
    ...(article.published ? [`published: ${yamlString(article.published)}`] : []),
    `source: ${yamlString(article.source.format)}`,
    '---',
  ];
  for (const block of article.blocks) {
    const value = markdownText(slice(article, block));
    if (!value) continue;
    if (block.type === 'title') lines.push('', `# ${value}`);
    else if (block.type === 'heading') lines.push('', `${'#'.repeat(clampDepth(block.depth))} ${value}`);
    else lines.push('', value);
  }
  for (const figure of article.figures) {
    const parts = figureLine(figure);
    if (parts) lines.push('', `_${markdownText(parts)}_`);
  }
  return `${lines.join('\n')}\n`;
}

/** A figure as one line: its caption, then its credit in brackets. */
function figureLine(figure: Figure): string {
  return [figure.caption, figure.credit ? `(${figure.credit.raw})` : undefined].filter(Boolean).join(' ');
}

/** ASCII punctuation Markdown may read as syntax anywhere in a line. */
const INLINE_SYNTAX = /[\\`*_[\]<>&!]/g;
/** What makes a line start a block construct: ATX headings, quotes, lists, rules, fences, setext underlines. */
const LINE_START_SYNTAX = /^([#>+\-=~]|\d{1,9}[.)])/;

/**
 * Escape text for a Markdown paragraph or heading: inline punctuation everywhere, block syntax at
 * the start of each line, and no leading or trailing white space that would make code blocks or
 * hard breaks.
 */
export function markdownText(value: string): string {
  return value
    .split('\n')
    .map((line) => {
      const escaped = line.trim().replace(/[ \t]+/g, ' ').replace(INLINE_SYNTAX, '\\$&');
      // An ordered-list marker is defused by escaping its `.` or `)`, anything else by escaping itself.
      return escaped.replace(LINE_START_SYNTAX, (m) => (m.length > 1 ? `${m.slice(0, -1)}\\${m.slice(-1)}` : `\\${m}`));
    })
    .filter(Boolean)
    .join('\n');
}

// Processors are built once: configuring unified per article cost more than the rendering.
const hastProcessor = unified().use(remarkRehype).freeze();
const htmlProcessor = unified().use(rehypeStringify).freeze();

/** A standalone HTML page with every entity mention marked (`<mark class="entity ent-LABEL">`). */
export function renderHtml(article: Article): string {
  const body = hastProcessor.runSync(articleToMdast(article)) as HastRoot;
  return htmlProcessor.stringify(htmlPage(article, body.children as ElementContent[]));
}

/** Wrap body content in a standalone page (doctype, charset, viewport, title, style). */
function htmlPage(article: Article, body: ElementContent[]): HastRoot {
  const element = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element =>
    ({ type: 'element', tagName, properties, children });
  const text = (value: string) => ({ type: 'text' as const, value });
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      element('html', { lang: article.language }, [
        element('head', {}, [
          element('meta', { charSet: 'utf-8' }),
          element('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          element('title', {}, [text(article.title || article.id)]),
          element('style', {}, [text(PAGE_STYLE)]),
        ]),
        element('body', {}, body),
      ]),
    ],
  };
}

function markedPhrasing(article: Article, block: Block, cursor: { next: number }): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const { entities } = article;
  let at = block.start;
  while (cursor.next < entities.length && entities[cursor.next].start < block.start) cursor.next++;
  for (; cursor.next < entities.length && entities[cursor.next].start < block.end; cursor.next++) {
    const mention = entities[cursor.next];
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


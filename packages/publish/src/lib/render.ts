import type { Root as MdastRoot, RootContent, PhrasingContent } from 'mdast';
import type { Article, Block, EntityMention, Figure } from '@galley/document';

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
/**
 * Runs of spaces and tabs, which become one space. A lone space is left out of the pattern: it is
 * already one space, and replacing every space between words cost most of the Markdown rendering.
 */
const BLANK_RUNS = /[ \t]{2,}|\t/g;
/** What makes a line start a block construct: ATX headings, quotes, lists, rules, fences, setext underlines. */
const LINE_START_SYNTAX = /^([#>+\-=~]|\d{1,9}[.)])/;

/**
 * Escape text for a Markdown paragraph or heading: inline punctuation everywhere, block syntax at
 * the start of each line, and no leading or trailing white space that would make code blocks or
 * hard breaks.
 */
export function markdownText(value: string): string {
  let text = '';
  // Most blocks are one line, and splitting costs more than escaping one.
  for (const line of value.includes('\n') ? value.split('\n') : [value]) {
    const escaped = markdownLine(line);
    if (escaped) text = text ? `${text}\n${escaped}` : escaped;
  }
  return text;
}

/** One line of a paragraph or heading, escaped as {@link markdownText} describes. */
function markdownLine(line: string): string {
  const escaped = line.trim().replace(BLANK_RUNS, ' ').replace(INLINE_SYNTAX, '\\$&');
  // An ordered-list marker is defused by escaping its `.` or `)`, anything else by escaping itself.
  return escaped.replace(LINE_START_SYNTAX, (m) => (m.length > 1 ? `${m.slice(0, -1)}\\${m.slice(-1)}` : `\\${m}`));
}

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

/** Spaces and tabs next to a line ending, which `mdast-util-to-hast` drops from text (`trim-lines`). */
const LINE_ENDING_BLANKS = /[ \t]*(\r?\n|\r)[ \t]*/g;
/** What `hast-util-to-html` escapes in text: the characters that could start markup. */
const TEXT_SPECIAL = /[&<]/g;
/**
 * What `hast-util-to-html` escapes in a double-quoted attribute value: the quote and `&`, and by
 * default also NUL, `'` and the backtick, which old browsers misread.
 */
const ATTRIBUTE_SPECIAL = /[\0"&'`]/g;

/** Any line ending; most stretches of text have none. */
const LINE_ENDING = /[\r\n]/;

/** Article text as HTML, trimmed around line endings as the mdast route trims it. */
function articleHtml(value: string): string {
  // The trimming pattern starts at every space it meets, so it only runs where it can match.
  return htmlText(LINE_ENDING.test(value) ? value.replace(LINE_ENDING_BLANKS, '$1') : value);
}

/** A text node's HTML, with the references `hast-util-to-html` writes (upper-case hexadecimal). */
function htmlText(value: string): string {
  return withReferences(value, TEXT_SPECIAL);
}

function htmlAttribute(value: string): string {
  return withReferences(value, ATTRIBUTE_SPECIAL);
}

/** `value` with what the global `special` matches written as character references. */
function withReferences(value: string, special: RegExp): string {
  // Tested first: `replace` with a function costs several times a `test` even where nothing
  // matches, and almost nothing does. A global pattern's `test` starts at `lastIndex`.
  special.lastIndex = 0;
  return special.test(value) ? value.replace(special, characterReference) : value;
}

function characterReference(character: string): string {
  return `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`;
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

/** Position in the article's mentions, shared by the blocks of one walk (see {@link articleToMdast}). */
interface MentionCursor {
  next: number;
}

/**
 * Cut one block into its unmarked stretches (non-empty) and its mentions, in order. Mentions that
 * overlap an earlier one or cross the block's end are left unmarked.
 */
function walkBlock(
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

/** The page's style sheet (exported for the tests' reference rendering). */
export const PAGE_STYLE = `body{font:17px/1.6 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}
mark.entity{border-radius:3px;padding:0 2px}
.ent-PERSON{background:#fde2e4}.ent-ORG{background:#dbeafe}.ent-LOC{background:#dcfce7}.ent-MISC{background:#fef3c7}
.ent-DATE,.ent-TIME{background:#ede9fe}.ent-MONEY,.ent-PERCENT,.ent-CARDINAL,.ent-QUANTITY{background:#e5e7eb}
figure{color:#555;font-size:.9em}`;

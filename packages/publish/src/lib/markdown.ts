import type { Article } from '@galley/document';
import { blockText, clampDepth, figureLine } from './walk.js';

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
    const value = markdownText(blockText(article, block));
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

/** JSON string literals are valid YAML scalars, and escape every character YAML would misread. */
function yamlString(value: string): string {
  return JSON.stringify(value);
}

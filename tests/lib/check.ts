import { fromHtml } from 'hast-util-from-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { type Article, type Span, parseArticle } from '@galley/document';

// A lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const startsWithMark = /^\p{M}/u;

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Whether `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/**
 * Problems with a published document beyond its schema: spans that split a surrogate pair or
 * start on a combining mark, lone surrogates in the text, quotes whose text is not their slice,
 * empty blocks. `parseArticle` runs first and throws on what the contract itself forbids.
 */
export function documentProblems(value: unknown): { article: Article; problems: string[] } {
  const article = parseArticle(value);
  const { text } = article;
  const problems: string[] = [];
  if (loneSurrogate.test(text)) problems.push('text contains a lone surrogate');
  const lists: Array<[string, readonly Span[]]> = [
    ['blocks', article.blocks],
    ['sentences', article.sentences],
    ['entities', article.entities],
    ['quotes', article.quotes],
  ];
  for (const [field, spans] of lists) {
    for (const [i, span] of spans.entries()) {
      if (splitsSurrogatePair(text, span.start) || splitsSurrogatePair(text, span.end)) {
        problems.push(`${field}[${i}] ${span.start}-${span.end} splits a surrogate pair`);
      }
      if (span.end === span.start) problems.push(`${field}[${i}] is empty`);
      if (startsWithMark.test(text.slice(span.start, span.start + 2)))
        problems.push(`${field}[${i}] starts on a combining mark`);
    }
  }
  for (const [i, quote] of article.quotes.entries()) {
    if (text.slice(quote.start, quote.end) !== quote.text)
      problems.push(`quotes[${i}].text is not its slice of the text`);
  }
  return { article, problems };
}

/** Elements that run code or pull in active documents when a browser renders them. */
const activeElements = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'frame',
  'frameset',
  'base',
  'form',
  'applet',
]);
const urlProperties = new Set(['href', 'src', 'action', 'formAction', 'xLinkHref', 'poster', 'srcSet', 'data']);
// Schemes a published page may link to; everything else (javascript:, vbscript:, data:, file:) is active or local.
const safeUrl = /^(?:https?:|mailto:|#|\/(?!\/)|\.{0,2}\/|[^:/?#]*(?:[/?#]|$))/i;

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/**
 * Active content in a published HTML page: script-bearing elements, `<meta http-equiv>`, `on*`
 * handlers and links with unsafe schemes.
 * Returns a description of the first found, or undefined.
 */
export function activeContentInHtml(html: string): string | undefined {
  const stack: HastNode[] = [fromHtml(html) as HastNode];
  while (stack.length) {
    const node = stack.pop() as HastNode;
    if (node.type === 'element' && node.tagName) {
      if (activeElements.has(node.tagName)) return `<${node.tagName}>`;
      if (node.tagName === 'meta' && node.properties?.httpEquiv !== undefined) return '<meta http-equiv>';
      for (const [name, value] of Object.entries(node.properties ?? {})) {
        if (/^on/i.test(name)) return `${name} handler on <${node.tagName}>`;
        if (urlProperties.has(name) && !safeUrl.test(String(value).trim()))
          return `${name}="${String(value).slice(0, 40)}" on <${node.tagName}>`;
      }
    }
    for (const child of node.children ?? []) stack.push(child);
  }
  return undefined;
}

/** Raw HTML or unsafe link targets in a published Markdown rendering, or undefined. */
export function activeContentInMarkdown(markdown: string): string | undefined {
  const stack: Array<{ type: string; url?: string; value?: string; children?: unknown[] }> = [fromMarkdown(markdown)];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'html') return `raw HTML ${String(node.value).slice(0, 40)}`;
    if (node.url !== undefined && !safeUrl.test(node.url.trim())) return `link to ${node.url.slice(0, 40)}`;
    for (const child of (node.children ?? []) as typeof stack) stack.push(child);
  }
  return undefined;
}

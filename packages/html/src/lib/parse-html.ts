import type { Element, ElementContent, Properties, Root } from 'hast';
import { Parser } from 'htmlparser2';

// hast names a few attributes differently from HTML; the rest keep their (lower-case) name.
const propertyNames: Record<string, string> = {
  class: 'className',
  for: 'htmlFor',
  datetime: 'dateTime',
  itemprop: 'itemProp',
  itemtype: 'itemType',
  itemscope: 'itemScope',
  'http-equiv': 'httpEquiv',
  'aria-hidden': 'ariaHidden',
  srcset: 'srcSet',
  'accept-charset': 'acceptCharset',
  tabindex: 'tabIndex',
  colspan: 'colSpan',
  rowspan: 'rowSpan',
};
const spaceSeparated = /\s+/;

/** Attributes as hast properties: `class` becomes the `className` list. */
function toProperties(attributes: Record<string, string>): Properties {
  const properties: Properties = {};
  for (const name in attributes) {
    const value = attributes[name];
    if (name === 'class') properties.className = value.split(spaceSeparated).filter(Boolean);
    else properties[propertyNames[name] ?? name] = value;
  }
  return properties;
}

/**
 * Parse HTML into hast with htmlparser2, a streaming parser several times faster than parse5.
 * It repairs less than a browser does (no foster parenting, fewer implied end tags), which
 * article extraction does not need. The tree is built with an explicit stack, so any nesting
 * depth parses without recursion.
 */
export function parseHtml(html: string): Root {
  if (typeof html !== 'string') throw new TypeError('parseHtml expects an HTML string');
  const root: Root = { type: 'root', children: [] };
  const stack: Array<Root | Element> = [root];
  // A second <html>, <head> or <body> (a CMS pasting a whole page into a post) is dropped, as a
  // browser drops it, so its content stays inside the article instead of starting a new page.
  const seen = new Set<string>();
  const ignored = new Map<string, number>();
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'html' || name === 'head' || name === 'body') {
          if (seen.has(name)) {
            ignored.set(name, (ignored.get(name) ?? 0) + 1);
            return;
          }
          seen.add(name);
        }
        const element: Element = { type: 'element', tagName: name, properties: toProperties(attributes), children: [] };
        (stack[stack.length - 1].children as ElementContent[]).push(element);
        stack.push(element);
      },
      onclosetag(name) {
        const pending = ignored.get(name);
        if (pending) {
          ignored.set(name, pending - 1);
          return;
        }
        if (stack.length > 1) stack.pop();
      },
      ontext(value) {
        const parent = stack[stack.length - 1];
        const last = parent.children[parent.children.length - 1];
        if (last?.type === 'text') last.value += value;
        else (parent.children as ElementContent[]).push({ type: 'text', value });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return root;
}

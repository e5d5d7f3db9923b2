import { parseOpml as parseOpmlDocument, type Opml } from 'feedsmith';
import { GalleyError } from '@galley/document';
import { absoluteUrl } from './canonical-url.js';
import { refuseEntityDeclarations } from './xml-guard.js';

/** One feed an OPML file subscribes to. */
export interface OpmlFeed {
  url: string;
  /** The outline's title or text, when it has one. */
  name?: string;
}

type Outline = Opml.Outline<string>;

/**
 * The feeds an OPML subscription list names: every outline with an `xmlUrl`, folders flattened,
 * duplicates (same URL) kept once. Throws `GALLEY_INPUT_INVALID` when the text is not OPML.
 */
export function parseOpml(text: string): OpmlFeed[] {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  refuseEntityDeclarations(body);
  let document: ReturnType<typeof parseOpmlDocument<string>>;
  try {
    document = parseOpmlDocument<string>(body);
  } catch (error) {
    throw new GalleyError('GALLEY_INPUT_INVALID', `not an OPML file: ${(error as Error).message.toLowerCase()}`);
  }
  const feeds = new Map<string, OpmlFeed>();
  const visit = (outlines: readonly Outline[] | undefined): void => {
    for (const outline of outlines ?? []) {
      const url = outline.xmlUrl ? absoluteUrl(outline.xmlUrl) : undefined;
      const name = (outline.title ?? outline.text)?.trim();
      if (url && !feeds.has(url)) feeds.set(url, { url, ...(name ? { name } : {}) });
      visit(outline.outlines);
    }
  };
  visit(document.body?.outlines);
  return [...feeds.values()];
}

import { GalleyError } from '@galley/document';

/**
 * Refuse XML that declares entities. Entity declarations in a DOCTYPE are how "billion laughs"
 * bombs (entities that expand to entities, gigabytes from a kilobyte) and external-entity attacks
 * (an entity that reads a local file or an intranet URL) work, and no real feed or sitemap needs
 * them. A DOCTYPE without declarations (RSS 0.91's) is harmless: no parser here reads DTDs.
 * Only the prolog is looked at, so text inside the feed that mentions `<!ENTITY` is fine.
 */
export function refuseEntityDeclarations(xml: string): void {
  const doctype = xml.indexOf('<!DOCTYPE');
  if (doctype === -1) return;
  const firstElement = firstElementStart(xml, doctype);
  if (doctype > firstElement) return;
  const prolog = xml.slice(doctype, firstElement);
  if (prolog.includes('<!ENTITY')) {
    throw new GalleyError(
      'GALLEY_INPUT_INVALID',
      'declares XML entities in its DOCTYPE, which is refused (the shape of XML bombs and external-entity attacks)',
    );
  }
}

/**
 * Where the root element starts: the first `<` followed by a name character, after the DOCTYPE
 * (whose internal subset, between `[` and `]`, holds `<!…>` declarations only).
 */
function firstElementStart(xml: string, from: number): number {
  for (let i = from; i < xml.length - 1; i++) {
    if (xml[i] !== '<') continue;
    const next = xml[i + 1];
    if (next !== '!' && next !== '?') return i;
  }
  return xml.length;
}

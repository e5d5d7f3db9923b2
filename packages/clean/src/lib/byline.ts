import { collapseSpaces } from '@galley/document';

const urlLike = /^(?:https?:)?\/\//i;
// "By", "Von", "Text:", "Written by": labels before a name, in the languages of the dev set.
const bylineLabel =
  /^(?:(?:posted|written|words|reporting|story|text|photos?|published|geschrieben|verfasst|texte?|tekst)\s*(?:by|von|par|:)?\s*|by\s+|von\s+|par\s+|por\s+|di\s+|door\s+|autor(?:in)?:?\s+|author:?\s+)/i;
// A one-word label before a colon in any language ("Текст: …", "Autor: …").
const anyLabel = /^\p{L}{2,12}:\s+/u;
// Not names: handles and roles that CMSs print where a name goes.
const notNames =
  /^(?:admin|administrator|editor|editorial|redaktion|redaction|staff|webmaster|guest|user|unknown|anonymous|root|null|undefined)$/i;
const nameSeparators = /\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b|\bi\b|\bu\b|\|)\s*/;
const emailLike = /\S+@\S+\.\w+/g;
// Roles and desks that follow a name ("AP Auto Writer", "Staff Reporter", "Opinion Columnist").
const roleWords =
  /\b(?:writer|reporter|correspondent|editor|columnist|contributor|staff|desk|bureau|producer|photographer|journalist|redakteur(?:in)?|korrespondent(?:in)?|special to)\b/i;
const allCapsWord = /^[\p{Lu}'’.-]+$/u;

/** "TOM KRISHER" → "Tom Krisher"; mixed-case names are left alone. */
function titleCaseShouted(name: string): string {
  if (!name.split(' ').every((w) => allCapsWord.test(w)) || name.length < 4) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}
/** Longest byline read from markup: longer text is a bio or a sentence, not names. */
const maxBylineLength = 80;
const maxNameWords = 5;

/** Lower-case letters and digits only: "CBSSports.com" and "cbssports" compare equal. */
function squash(value: string): string {
  return value
    .toLowerCase()
    .replace(/\.(?:com|org|net|co\.uk|de|fr|info|in|ru)$/, '')
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * A byline as names: labels ("By", "Von", "Text:"), e-mail addresses and trailing roles or outlets
 * after the last name are dropped; a site's own name is never a byline; URLs, handles and long
 * text (a bio, a sentence) are not names.
 */
export function cleanByline(value: string, siteNames: readonly string[] = []): string | undefined {
  // Length first: the patterns below need not run over a paragraph, which is never a byline.
  if (value.length > maxBylineLength * 4) return undefined;
  let text = collapseSpaces(value).replace(emailLike, '').trim();
  if (!text || urlLike.test(text) || text.startsWith('@') || text.length > maxBylineLength * 2) return undefined;
  text = text
    .replace(bylineLabel, '')
    .replace(anyLabel, '')
    .replace(/^[:\s|·•–—-]+|[:\s|·•–—-]+$/g, '')
    .trim();
  // "Name | Outlet", "Name - Outlet", "Name. Outlet": keep what comes before the bar, dash or full
  // stop (a full stop after an initial, "Sarah E. Needleman", is part of the name).
  text = text.split(/\s+[|·•–—]\s+|\s+-\s+|(?<=\p{Ll}{2})\.\s+(?=\p{Lu})/u)[0].trim();
  if (!text || text.length > maxBylineLength || /[.!?]\s+\p{Ll}/u.test(text) || /\d{2}/.test(text)) return undefined;
  const sites = siteNames.map(squash).filter(Boolean);
  const parts = text
    .split(nameSeparators)
    .map((n) => n.trim().replace(/\.$/, ''))
    .filter(Boolean);
  const isSite = (n: string) => sites.includes(squash(n)) || sites.some((s) => s.length > 3 && squash(n).includes(s));
  // "SPIEGEL ONLINE, Hamburg, Germany": a line that names the site is the publisher's, not a byline.
  if (parts.length > 1 && parts.some(isSite)) return undefined;
  const people = parts
    .filter((n) => !isSite(n))
    .filter((n) => !notNames.test(n) && !roleWords.test(n) && n.split(' ').length <= maxNameWords)
    .filter((n) => /\p{Lu}/u.test(n[0] ?? ''))
    // "Victor Tangermann, Futurism": one word after a full name is the outlet, not a second author.
    .filter((n, i, all) => i === 0 || n.includes(' ') || !all[i - 1].includes(' '))
    .map(titleCaseShouted);
  if (!people.length) return undefined;
  return people.join(', ');
}

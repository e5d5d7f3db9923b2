import type { Credit } from '@galley/document';

/**
 * Photo agencies and wire services whose names appear in picture credits (general knowledge).
 * Lower-case; matched against whole credit segments.
 */
const knownAgencies = new Set([
  'afp',
  'ap',
  'associated press',
  'reuters',
  'getty',
  'getty images',
  'epa',
  'epa-efe',
  'efe',
  'shutterstock',
  'alamy',
  'pa',
  'pa images',
  'pa wire',
  'pa media',
  'bloomberg',
  'rex',
  'rex features',
  'rex/shutterstock',
  'zuma',
  'zuma press',
  'zuma wire',
  'xinhua',
  'tass',
  'sputnik',
  'anadolu',
  'anadolu agency',
  'nurphoto',
  'wireimage',
  'filmmagic',
  'istock',
  'istockphoto',
  'unsplash',
  'pexels',
  'corbis',
  'dpa',
  'picture alliance',
  'picture-alliance',
  'sipa',
  'sipa usa',
  'abaca',
  'redux',
  'pool',
  'handout',
  'aap',
  'ansa',
  'kyodo',
  'yonhap',
  'imago',
  'eyevine',
  'magnum',
  'magnum photos',
  'wikimedia commons',
  'flickr',
  'nasa',
  'upi',
  'lightrocket',
  'sopa images',
  'bbc',
  'cnn',
  'the new york times',
  'the washington post',
  'the guardian',
  'wenn',
  'splash news',
  'mediapunch',
  'polaris',
  'hulton archive',
  'stringer',
  'file',
  'file photo',
  'courtesy',
]);
/** Length of the longest agency name: a longer line need not be lower-cased to be looked up. */
const longestAgency = Math.max(...[...knownAgencies].map((name) => name.length));

// Words that make a credit segment an organisation rather than a person.
const agencyWord =
  /\b(?:co|corp|corporation|company|plc|ag|entertainment|films?|records|productions?|networks?|tv|channel|images?|photos?|photography|pictures?|press|news|agency|wire|media|stock|archives?|studios?|collection|library|service|group|getty|pool|handout|inc|ltd|llc|gmbh|courtesy|commons|network|magazine|times|post|journal|tribune|herald|gazette|chronicle|daily|observer|courier|telegraph|weekly|record|examiner|agencies|foundation|museum|university|government|ministry|police|department|office|council|club)\b/i;
// An all-capitals acronym of two to six letters (AFP, EPA, TASS, NASA).
const acronym = /^[A-Z][A-Z&-]{1,5}$/;
// "Photo:", "Photograph by", "Image credit:", "Credit:", "Pictured:"-style labels that open a credit.
const creditLabel =
  /^(?:(?:photo|photograph|picture|image|illustration|video|graphic|artwork|cover|header|main|top|lead|feature)(?:\s+(?:credit|courtesy|copyright|source))?s?\s*(?:by\b|:|\/|(?<=(?:credit|copyright|source))\s)|(?:credits?|source|courtesy(?:\s+of)?|copyright)\s*(?:by\b|:|\s)|(?:fotos?|bild(?:er)?|abbildung|bildquelle|quelle|titelbild|beitragsbild|crédits?)\s*(?:von\b|:)|©|\(c\)\s)\s*/i;
// "X via Getty Images", "AP Photo/…", slash-separated photographer/agency lists.
const viaAgency = /\svia\s+\S/i;
const slashList = /^[^\s/|][^/|]{0,60}[/|][^/|]{1,60}(?:[/|][^/|]{1,60}){0,4}$/;
// A person's name: two to four capitalised words (initials, particles and hyphens allowed).
const personName =
  /^(?:[\p{Lu}][\p{L}'’.-]*\s+){1,3}(?:(?:de|da|van|von|del|la|le|di|bin|al)\s+)?[\p{Lu}][\p{L}'’.-]*$/u;
const wrappingParens = /^\((.*)\)$/s;
const segmentSeparators = /\s*(?:\/|\bvia\b|;|\||\s\+\s|\band\b|,|\bfor\b)\s*/i;
const capturedSeparators = /(\s*(?:\/|\bvia\b|;|\||\s\+\s|\band\b|,|\bfor\b)\s*)/i;
const leadingLabel = /^(?:by|photo|photos)\s+/i;
const sentenceEnd = /[.!?]$/;
// "Photo: John A." ends in an initial, not a full stop.
const endsWithInitial = /\b[A-Z]\.$/;
const innerSentenceBreak = /(?<!\b\p{Lu})[.!?]\s/u;
const wordStart = /(^|[\s'’-])(\p{Ll})/gu;
const allCapsWord = /^[\p{Lu}'’.-]+$/u;

/**
 * Whether `text` has more than `max` words, counted as `text.split(' ')` counts them (a space
 * more, a word more), without building the words: this runs on every short block.
 */
function hasMoreWordsThan(text: string, max: number): boolean {
  let at = -1;
  for (let spaces = 0; spaces < max; spaces++) {
    at = text.indexOf(' ', at + 1);
    if (at < 0) return false;
  }
  return true;
}

/** A whole line that is only a picture credit ("(AP Photo/Evan Vucci)", "Photo: Jane Doe/Reuters"). */
export function isCreditLine(line: string): boolean {
  const text = stripParens(line.trim());
  if (!text || text.length > 160) return false;
  if (creditLabel.test(text)) return !hasMoreWordsThan(text, 16);
  // Lower-casing never shortens a string, so a line longer than every agency name is none of them.
  if (text.length <= longestAgency && knownAgencies.has(text.toLowerCase())) return true;
  if (hasMoreWordsThan(text, 12) || (sentenceEnd.test(text) && !endsWithInitial.test(text))) return false;
  // A sentence break inside ("Stalls at dusk. Photo: …/…") is a caption with a credit, not a credit.
  if (innerSentenceBreak.test(text)) return false;
  if (viaAgency.test(text)) return segments(text).some(isAgency);
  if (slashList.test(text)) return segments(text).every((s) => isAgency(s) || isPersonName(s));
  return false;
}

/**
 * A caption that ends in a parenthesised or slash credit: "Protesters march. (Jane Doe/AFP via Getty Images)".
 * Returns the caption and the credit, or `undefined` when the line has no trailing credit.
 */
export function splitCaptionCredit(line: string): { caption: string; credit: string } | undefined {
  const text = line.trim();
  if (!text.endsWith(')')) return splitLabelledCredit(text);
  const open = text.lastIndexOf('(');
  if (open <= 0) return undefined;
  const credit = text.slice(open);
  const caption = text.slice(0, open).trim();
  if (!caption || !isCreditLine(credit)) return undefined;
  return { caption, credit: credit.slice(1, -1).trim() };
}

// A labelled credit closing a caption: "… on Monday. Photograph: Sam Okafor/PA", "… Foto: dpa".
const trailingCreditLabel =
  /(?:^|\s|(?=©))((?:(?:photo(?:graph)?|picture|image|illustration|credit|foto|bild|photographie)s?(?:\s+by\b|\s*:)|©)\s*\S.*)$/i;
/** Longest caption (in words) a trailing labelled credit is split from: longer text is prose. */
const maxCaptionWords = 60;

/** "Caption. Photo: Name/Outlet" → the caption and the credit, when the tail is a credit. */
function splitLabelledCredit(text: string): { caption: string; credit: string } | undefined {
  // Checked first: this runs on every block, and a long paragraph is prose, never a caption.
  if (hasMoreWordsThan(text, maxCaptionWords + 12)) return undefined;
  const match = text.match(trailingCreditLabel);
  if (!match || match.index === undefined) return undefined;
  const credit = match[1].trim();
  const caption = text
    .slice(0, text.length - match[1].length)
    .trim()
    .replace(/\s*[|–—-]$/, '');
  if (!caption || hasMoreWordsThan(caption, maxCaptionWords) || !isCreditLine(credit)) return undefined;
  // After the label only names may follow ("Photo: the queue had grown" is prose).
  const body = credit.replace(creditLabel, '');
  if (!body || hasMoreWordsThan(body, 8) || (sentenceEnd.test(body) && !endsWithInitial.test(body))) return undefined;
  if (!segments(body).every((s) => isAgency(s) || isPersonName(s))) return undefined;
  return { caption, credit };
}

/** Split a credit into the people and the agencies it names; ALL-CAPS names are title-cased. */
export function parseCredit(raw: string): Credit {
  const text = stripParens(raw.trim()).replace(creditLabel, '');
  const people: string[] = [];
  const agencies: string[] = [];
  // A photographer is followed by their outlet ("Jane Doe/Reuters"): a name-shaped segment right
  // after a person, across a slash, is an organisation ("Sara Lind/Riverside Gazette").
  let afterPerson = false;
  for (const { segment, separator } of separatedSegments(text)) {
    const person: boolean = !isAgency(segment) && isPersonName(segment) && !(afterPerson && separator === '/');
    if (person) pushUnique(people, titleCaseShouted(segment));
    else pushUnique(agencies, segment);
    afterPerson = person;
  }
  return { raw: raw.trim(), people, agencies };
}

/** Segments with the separator before each ('/' for slashes, ',' for any other). */
function separatedSegments(text: string): Array<{ segment: string; separator: string }> {
  const out: Array<{ segment: string; separator: string }> = [];
  let separator = '';
  const parts = text.split(capturedSeparators);
  // split() with a capturing group alternates segment, separator, segment…
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 1) {
      separator = parts[i].trim() === '/' ? '/' : ',';
      continue;
    }
    const segment = parts[i].trim().replace(leadingLabel, '');
    if (segment) out.push({ segment, separator });
  }
  return out;
}

function segments(text: string): string[] {
  return text
    .split(segmentSeparators)
    .map((s) => s.trim().replace(leadingLabel, ''))
    .filter(Boolean);
}

/** A credit without the brackets around it: "(AP Photo/Jo Lee)" → "AP Photo/Jo Lee". */
export function stripParens(text: string): string {
  text = text.trim();
  return text.match(wrappingParens)?.[1].trim() ?? text;
}

function isAgency(segment: string): boolean {
  const lower = segment.toLowerCase();
  if (knownAgencies.has(lower)) return true;
  if (acronym.test(segment)) return true;
  if (agencyWord.test(segment)) return true;
  // One word that is not a name on its own (LightRocket, Shutterstock): an organisation.
  return !segment.includes(' ');
}

function isPersonName(segment: string): boolean {
  return personName.test(segment) && !isAgency(segment);
}

/** "OLGA MALTSEVA" → "Olga Maltseva"; mixed-case names are left alone. */
function titleCaseShouted(name: string): string {
  if (!name.split(' ').every((w) => allCapsWord.test(w))) return name;
  return name.toLowerCase().replace(wordStart, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

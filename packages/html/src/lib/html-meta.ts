import type { Element, ElementContent, Root } from 'hast';
import { collapseSpaces } from '@galley/document';
import { cleanByline } from '@galley/clean';
import { parseHtml } from './parse-html.js';

/** The metadata fields read from a page, each of which records where it came from. */
export type MetaField =
  'title' | 'siteName' | 'byline' | 'published' | 'modified' | 'canonical' | 'description' | 'language' | 'image';

/** Page metadata gathered from `<head>`, JSON-LD and the body's markup. */
export interface PageMeta {
  title?: string;
  /** Title as `<title>` gives it, site name included. */
  documentTitle?: string;
  siteName?: string;
  /** The author line, names joined by commas. */
  byline?: string;
  /** The authors one by one (a byline may name several). */
  authors?: string[];
  published?: string;
  modified?: string;
  canonical?: string;
  description?: string;
  language?: string;
  /** The page's lead image (og:image, JSON-LD image). */
  image?: string;
  /**
   * The text a page ships in JSON-LD, paragraphs split by blank lines: an article's `articleBody`,
   * or a recipe's description, ingredients and instructions. Pages rendered by script often carry
   * their only readable copy of the text there.
   */
  articleBody?: string;
  /** Where each field was read from: `json-ld`, `meta[property=og:site_name]`, `<time datetime>`, `url`… */
  provenance: Partial<Record<MetaField, string>>;
}

/**
 * One candidate value with its source and rank: lower ranks win. The ranks follow the order
 * trafilatura and htmldate document: structured data first (JSON-LD, then `<meta>` in the head),
 * then markup in the body (`<time>`, `rel=author`, `itemprop`, class names), then the URL.
 */
interface Candidate {
  value: string;
  source: string;
  rank: number;
}

const rank = { jsonLd: 0, meta: 1, metaWeak: 2, link: 3, itemprop: 4, time: 5, markup: 6, url: 7, guess: 8 } as const;

// <meta name|property|itemprop> keys by the field they fill; within one rank the first seen wins.
const metaFields: Record<string, { field: MetaField; rank: number }> = {
  'og:title': { field: 'title', rank: rank.meta },
  'twitter:title': { field: 'title', rank: rank.metaWeak },
  'dc.title': { field: 'title', rank: rank.metaWeak },
  'sailthru.title': { field: 'title', rank: rank.metaWeak },
  'og:site_name': { field: 'siteName', rank: rank.meta },
  'application-name': { field: 'siteName', rank: rank.metaWeak },
  author: { field: 'byline', rank: rank.meta },
  'article:author': { field: 'byline', rank: rank.meta },
  'dc.creator': { field: 'byline', rank: rank.meta },
  'dcterms.creator': { field: 'byline', rank: rank.meta },
  byl: { field: 'byline', rank: rank.meta },
  'sailthru.author': { field: 'byline', rank: rank.meta },
  'parsely-author': { field: 'byline', rank: rank.meta },
  article_author: { field: 'byline', rank: rank.metaWeak },
  'article:published_time': { field: 'published', rank: rank.meta },
  'og:article:published_time': { field: 'published', rank: rank.meta },
  'article:published': { field: 'published', rank: rank.meta },
  datepublished: { field: 'published', rank: rank.meta },
  'parsely-pub-date': { field: 'published', rank: rank.meta },
  'dc.date.issued': { field: 'published', rank: rank.meta },
  'article.published': { field: 'published', rank: rank.meta },
  'publish-date': { field: 'published', rank: rank.meta },
  pubdate: { field: 'published', rank: rank.meta },
  publishdate: { field: 'published', rank: rank.meta },
  pub_date: { field: 'published', rank: rank.meta },
  date: { field: 'published', rank: rank.metaWeak },
  'dc.date': { field: 'published', rank: rank.metaWeak },
  'dcterms.date': { field: 'published', rank: rank.metaWeak },
  'sailthru.date': { field: 'published', rank: rank.metaWeak },
  datecreated: { field: 'published', rank: rank.metaWeak },
  'article:modified_time': { field: 'modified', rank: rank.meta },
  'article:modified': { field: 'modified', rank: rank.meta },
  'og:updated_time': { field: 'modified', rank: rank.meta },
  datemodified: { field: 'modified', rank: rank.meta },
  'og:description': { field: 'description', rank: rank.meta },
  description: { field: 'description', rank: rank.metaWeak },
  'twitter:description': { field: 'description', rank: rank.metaWeak },
  'og:url': { field: 'canonical', rank: rank.metaWeak },
  'og:image': { field: 'image', rank: rank.meta },
  'og:image:url': { field: 'image', rank: rank.meta },
  'twitter:image': { field: 'image', rank: rank.metaWeak },
  'og:locale': { field: 'language', rank: rank.metaWeak },
  'content-language': { field: 'language', rank: rank.metaWeak },
  'dc.language': { field: 'language', rank: rank.metaWeak },
};
const articleTypes =
  /^(?:\w+:\/\/schema\.org\/)?(?:News|Reportage|Analysis|Opinion|Review|Background|Scholarly|Tech|Satirical|Advertiser\w*)?Article$|^BlogPosting$|^LiveBlogPosting$|^Report$|^WebPage$/;
const siteTypes = /^(?:WebSite|NewsMediaOrganization|Organization)$/;
const urlLike = /^(?:https?:)?\/\//i;
// Class and id names of elements that hold the author's name, and of those that only sit near it.
const authorClass = /(?:^|[\s_-])(?:author|byline|by-?author|author-?name|writer|autor|auteur)(?:$|[\s_-])/;
const notAuthorClass =
  /comment|avatar|image|img|photo|bio|about|info-row|profile|desc|social|follow|share|more|related|company|title|wrapper|time|date/;
const metaHint = /auth|byl|writ|date|time|publi|post|datum|meta|comment|repl|respond/;
const commentClass = /comment|reply|respond/;
const noComments = /no-?comments?/;
const dateClass =
  /(?:^|[\s_-])(?:date|time|timestamp|published|posted|pubdate|datum|dateline|post-?meta|entry-?meta|byline)(?:$|[\s_-])/;

/** Collects candidates for each field during one walk over the page. */
class Collector {
  readonly candidates = new Map<MetaField, Candidate[]>();
  documentTitle?: string;
  articleBody?: string;
  /** JSON-LD nodes with an `@id`, to resolve references (`"author": {"@id": …}`). */
  readonly ids = new Map<string, Record<string, unknown>>();
  readonly pendingAuthorIds: string[] = [];

  add(field: MetaField, value: string | undefined, source: string, order: number): void {
    const clean = value ? collapseSpaces(value).trim() : '';
    if (!clean) return;
    let list = this.candidates.get(field);
    if (!list) this.candidates.set(field, (list = []));
    list.push({ value: clean, source, rank: order });
  }

  best(field: MetaField, accept: (value: string) => string | undefined = (v) => v): Candidate | undefined {
    const list = this.candidates.get(field);
    if (!list) return undefined;
    // Stable sort: within a rank the first candidate in the page wins.
    for (const candidate of [...list].sort((a, b) => a.rank - b.rank)) {
      const value = accept(candidate.value);
      if (value) return { ...candidate, value };
    }
    return undefined;
  }

  jsonLd(source: string): void {
    let data: unknown;
    try {
      data = JSON.parse(source);
    } catch {
      return; // malformed JSON-LD is common and says nothing about the article
    }
    // Breadth-first over arrays and @graph, never deeper than a few levels: the input is untrusted.
    const queue: Array<{ value: unknown; depth: number }> = [{ value: data, depth: 0 }];
    for (let head = 0; head < queue.length && head < 1000; head++) {
      const { value, depth } = queue[head];
      if (!value || typeof value !== 'object' || depth > 4) continue;
      if (Array.isArray(value)) {
        for (const v of value) queue.push({ value: v, depth: depth + 1 });
        continue;
      }
      const node = value as Record<string, unknown>;
      if (typeof node['@id'] === 'string') this.ids.set(node['@id'], node);
      if (Array.isArray(node['@graph'])) queue.push({ value: node['@graph'], depth: depth + 1 });
      const types = ([] as unknown[]).concat(node['@type'] ?? []).map(String);
      if (types.includes('Recipe')) this.articleBody ??= recipeText(node);
      if (types.some((t) => siteTypes.test(t)) && typeof node.name === 'string')
        this.add('siteName', node.name, `json-ld ${types[0]}`, rank.metaWeak);
      if (!types.some((t) => articleTypes.test(t))) continue;
      // A plain WebPage is weaker evidence than an article type.
      const weight = types.some((t) => t !== 'WebPage' && articleTypes.test(t)) ? rank.jsonLd : rank.metaWeak;
      const where = `json-ld ${types.find((t) => articleTypes.test(t))}`;
      if (typeof node.headline === 'string') this.add('title', node.headline, where, weight);
      if (typeof node.datePublished === 'string') this.add('published', node.datePublished, where, weight);
      if (typeof node.dateModified === 'string') this.add('modified', node.dateModified, where, weight);
      if (typeof node.description === 'string') this.add('description', node.description, where, rank.metaWeak);
      if (typeof node.inLanguage === 'string') this.add('language', node.inLanguage, where, rank.metaWeak);
      const image = imageUrl(node.image);
      if (image) this.add('image', image, where, rank.metaWeak);
      if (typeof node.articleBody === 'string') this.articleBody ??= node.articleBody;
      for (const author of ([] as unknown[]).concat(node.author ?? []).slice(0, 20)) {
        if (author && typeof author === 'object' && !('name' in author) && '@id' in author) {
          this.pendingAuthorIds.push(String((author as { '@id': unknown })['@id']));
          continue;
        }
        const organisation = isOrganisation(author);
        for (const name of names(author))
          this.add('byline', name, organisation ? `${where} author (organisation)` : `${where} author`, weight);
      }
      const publisher = node.publisher as Record<string, unknown> | undefined;
      if (publisher && typeof publisher === 'object') {
        const name = names(publisher)[0];
        if (name) this.add('siteName', name, `${where} publisher`, rank.metaWeak);
      }
    }
  }

  /** Authors given only as `{"@id": …}` references, looked up in the page's JSON-LD graph. */
  resolveAuthorIds(): void {
    for (const id of this.pendingAuthorIds) {
      const node = this.ids.get(id);
      if (!node) continue;
      for (const name of names(node)) this.add('byline', name, 'json-ld author (@id)', rank.jsonLd);
    }
  }
}

/** A JSON-LD recipe as text: description, ingredients one a line, then the steps. */
function recipeText(node: Record<string, unknown>): string | undefined {
  const parts = [
    typeof node.description === 'string' ? node.description : '',
    recipeLines(node.recipeIngredient, 0).join('\n'),
    ...recipeLines(node.recipeInstructions, 0),
  ].filter((part) => part.trim());
  return parts.length ? parts.join('\n\n') : undefined;
}

/** Steps given as a string, strings, HowToStep `text`s or HowToSections of steps (nested a few deep). */
function recipeLines(value: unknown, depth: number): string[] {
  if (depth > 3) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.slice(0, 200).flatMap((v) => recipeLines(v, depth + 1));
  if (!value || typeof value !== 'object') return [];
  const step = value as Record<string, unknown>;
  if (step.itemListElement) {
    const heading = typeof step.name === 'string' ? [step.name] : [];
    return [...heading, ...recipeLines(step.itemListElement, depth + 1)];
  }
  return typeof step.text === 'string' ? [step.text] : [];
}

function isOrganisation(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const types = ([] as unknown[]).concat((value as Record<string, unknown>)['@type'] ?? []).map(String);
  return types.some((t) => /Organi[sz]ation$/i.test(t));
}

function imageUrl(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return imageUrl(value[0]);
  if (value && typeof value === 'object' && 'url' in value) return imageUrl((value as { url: unknown }).url);
  return undefined;
}

function names(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() && !urlLike.test(value.trim()) ? [value] : [];
  if (Array.isArray(value)) return value.slice(0, 20).flatMap(names);
  if (value && typeof value === 'object' && 'name' in value) return names((value as { name: unknown }).name);
  return [];
}

function signatureOf(element: Element): string {
  const className = element.properties.className;
  const classes = Array.isArray(className) ? className.join(' ') : typeof className === 'string' ? className : '';
  const id = typeof element.properties.id === 'string' ? element.properties.id : '';
  return (id ? `${classes} ${id}` : classes).toLowerCase();
}

/** Visible text of an element, short-circuited past `limit` characters (bylines are short). */
function shortText(element: Element, limit: number): string {
  const parts: string[] = [];
  let length = 0;
  const stack: ElementContent[] = [...element.children].reverse();
  while (stack.length && length <= limit) {
    const current = stack.pop()!;
    if (current.type === 'text') {
      parts.push(current.value);
      length += current.value.length;
    } else if (current.type === 'element' && current.tagName !== 'script' && current.tagName !== 'style') {
      parts.push(' ');
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]);
    }
  }
  return collapseSpaces(parts.join('')).trim();
}

function rawText(element: Element): string {
  return element.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
}

function metaKey(element: Element): string {
  const p = element.properties;
  return String(p.property ?? p.name ?? p.itemProp ?? p.httpEquiv ?? '').toLowerCase();
}

/**
 * Read a page's metadata: canonical URL, site name, title, byline(s), published and modified
 * dates, language, description and lead image, each with where it was found. `url`, where the
 * page was fetched from, dates it by its path and names the site when the page does not.
 * Accepts an HTML string or a hast tree; one iterative walk, any nesting depth.
 */
export function readPageMeta(input: Root | string, url?: string): PageMeta {
  const tree = typeof input === 'string' ? parseHtml(input) : input;
  const c = new Collector();
  const stack: Element[] = [];
  const depthStack: number[] = [];
  for (let i = tree.children.length - 1; i >= 0; i--) {
    const child = tree.children[i];
    if (child.type === 'element') {
      stack.push(child);
      depthStack.push(0);
    }
  }
  // The depth of an element whose class marks comments: dates and authors there are the readers'.
  const inComment: number[] = [];
  while (stack.length) {
    const node = stack.pop()!;
    const depth = depthStack.pop()!;
    while (inComment.length && inComment[inComment.length - 1] >= depth) inComment.pop();
    const p = node.properties;
    const tag = node.tagName;
    // Most elements carry no class that says anything about metadata: test one cheap pattern first.
    let signature = p.className || p.id ? signatureOf(node) : '';
    if (signature && !metaHint.test(signature)) signature = '';
    if (signature && commentClass.test(signature) && !noComments.test(signature)) inComment.push(depth);
    const commentArea = inComment.length > 0;
    switch (tag) {
      case 'meta': {
        const key = metaKey(node);
        const entry = metaFields[key];
        const content = typeof p.content === 'string' ? p.content : '';
        if (entry && content)
          c.add(
            entry.field,
            content,
            `meta[${p.property ? 'property' : p.name ? 'name' : 'itemprop'}=${key}]`,
            entry.rank,
          );
        // itemprop="datePublished" inside the body says the same as a head meta.
        else if (!entry && p.itemProp && content) {
          const prop = String(p.itemProp)
            .toLowerCase()
            .split(/[\s,]+/);
          if (prop.includes('datepublished')) c.add('published', content, 'meta[itemprop=datePublished]', rank.meta);
        }
        break;
      }
      case 'title':
        c.documentTitle ??= collapseSpaces(rawText(node)).trim();
        break;
      case 'link': {
        const rel = String(p.rel ?? '')
          .toLowerCase()
          .split(' ');
        if (rel.includes('canonical') && typeof p.href === 'string')
          c.add('canonical', p.href, 'link[rel=canonical]', rank.meta);
        break;
      }
      case 'html':
        if (typeof p.lang === 'string') c.add('language', p.lang, 'html[lang]', rank.meta);
        break;
      case 'script':
        if (String(p.type ?? '').toLowerCase() === 'application/ld+json') c.jsonLd(rawText(node));
        continue;
      case 'style':
      case 'noscript':
      case 'template':
      case 'svg':
        continue;
    }
    if (
      !commentArea &&
      tag !== 'meta' &&
      tag !== 'html' &&
      tag !== 'body' &&
      (signature || p.rel || p.itemProp || tag === 'time')
    ) {
      const rel = String(p.rel ?? '').toLowerCase();
      const itemProp = String(p.itemProp ?? '').toLowerCase();
      if (rel.split(' ').includes('author') && tag === 'a')
        c.add('byline', shortText(node, 100), 'a[rel=author]', rank.link);
      else if (itemProp.split(' ').includes('author') || itemProp.split(' ').includes('creator'))
        c.add('byline', shortText(node, 100), '[itemprop=author]', rank.itemprop);
      else if (signature && authorClass.test(signature) && !notAuthorClass.test(signature) && tag !== 'article')
        c.add(
          'byline',
          shortText(node, 100),
          `[class=${signature.split(' ').find((s) => authorClass.test(s)) ?? 'author'}]`,
          rank.markup,
        );
      if (tag === 'time' && typeof p.dateTime === 'string') {
        // An element marked as the publication time outranks a bare <time>, which may be "updated".
        const marked =
          itemProp.includes('datepublished') || 'pubdate' in p || /publish|posted|entry-date/.test(signature);
        c.add(
          'published',
          p.dateTime,
          marked ? '<time datetime> (published)' : '<time datetime>',
          marked ? rank.itemprop : rank.time,
        );
      } else if (itemProp.includes('datepublished') && typeof p.content === 'string') {
        c.add('published', p.content, '[itemprop=datePublished]', rank.itemprop);
      } else if (
        signature &&
        (dateClass.test(signature) || authorClass.test(signature)) &&
        tag !== 'article' &&
        tag !== 'body'
      ) {
        // The date often sits in the byline's box ("Jane Doe · 18 Nov 2019").
        const label = signature.split(' ').find((s) => dateClass.test(s) || authorClass.test(s)) ?? 'date';
        const text = shortText(node, 120);
        const date = text.length <= 120 ? dateInText(text) : undefined;
        if (date) c.add('published', date, `[class=${label}] text`, rank.markup);
      }
    }
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child.type !== 'element') continue;
      stack.push(child);
      depthStack.push(depth + 1);
    }
  }
  c.resolveAuthorIds();
  return resolve(c, url);
}

/** Pick each field's best candidate, check it, and note its source. */
function resolve(c: Collector, url: string | undefined): PageMeta {
  const meta: PageMeta = { provenance: {} };
  const take = (field: MetaField, accept?: (value: string) => string | undefined) => {
    const best = c.best(field, accept);
    if (!best) return undefined;
    meta.provenance[field] = best.source;
    return best.value;
  };
  meta.canonical = take('canonical', (v) => (/^https?:\/\//i.test(v) ? v : undefined));
  const pageUrl = meta.canonical ?? url;
  // "LinkNaija | Nigeria's popular news platform": the name, not the tagline.
  meta.siteName = take('siteName', (v) =>
    urlLike.test(v) ? hostName(v) : v.split(titleSeparator)[0].trim() || undefined,
  );
  // No declared name: the short part a <title> ends with ("Headline - The Daily Planet").
  const suffix = !meta.siteName && c.documentTitle ? titleSuffix(c.documentTitle) : undefined;
  if (suffix) {
    meta.siteName = suffix;
    meta.provenance.siteName = '<title> suffix';
  }
  if (!meta.siteName && pageUrl) {
    const host = hostName(pageUrl);
    if (host) {
      meta.siteName = host;
      meta.provenance.siteName = 'url host';
    }
  }
  meta.title = take('title');
  if (meta.title) meta.title = stripSiteName(meta.title, meta.siteName, false);
  if (c.documentTitle) meta.documentTitle = c.documentTitle;
  const site = meta.siteName;
  const hosts = [site, pageUrl ? hostName(pageUrl) : undefined].filter((s): s is string => Boolean(s));
  const byline = c.best('byline', (v) => cleanByline(v, hosts));
  if (byline) {
    // Several authors come as several candidates from one source (JSON-LD `author: [...]`, meta tags).
    const names: string[] = [];
    for (const other of c.candidates.get('byline') ?? [])
      if (other.source === byline.source && other.rank === byline.rank)
        for (const name of splitNames(cleanByline(other.value, hosts) ?? ''))
          if (!names.includes(name)) names.push(name);
    meta.byline = names.join(', ');
    meta.authors = names;
    meta.provenance.byline = byline.source;
  }
  meta.published = take('published', normaliseDate);
  if (!meta.published && pageUrl) {
    const date = dateInUrl(pageUrl);
    if (date) {
      meta.published = date;
      meta.provenance.published = 'url path';
    }
  }
  meta.modified = take('modified', normaliseDate);
  meta.description = take('description');
  meta.language = take('language', (v) => v.replace('_', '-').split(/[,;]/)[0].trim().toLowerCase() || undefined);
  meta.image = take('image', (v) => (urlLike.test(v) || v.startsWith('/') ? v : undefined));
  if (c.articleBody) meta.articleBody = c.articleBody;
  for (const key of Object.keys(meta) as Array<keyof PageMeta>) if (meta[key] === undefined) delete meta[key];
  return meta;
}

/** The last part of a `<title>` after a separator, when short enough to be a site's name. */
function titleSuffix(title: string): string | undefined {
  const parts = title.split(titleSeparator).map((s) => s.trim());
  if (parts.length < 2) return undefined;
  const last = parts[parts.length - 1];
  if (!last || last.split(' ').length > maxSiteNameWords || last.length > 40) return undefined;
  return last.replace(/^www\./i, '');
}

function hostName(value: string): string | undefined {
  try {
    return new URL(value.startsWith('//') ? `https:${value}` : value).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

function splitNames(byline: string): string[] {
  return byline
    .split(', ')
    .map((n) => n.trim())
    .filter(Boolean);
}

const monthNames: Record<string, number> = {
  jan: 1,
  january: 1,
  januar: 1,
  janvier: 1,
  jänner: 1,
  enero: 1,
  gennaio: 1,
  styczeń: 1,
  feb: 2,
  february: 2,
  februar: 2,
  février: 2,
  febrero: 2,
  febbraio: 2,
  mar: 3,
  march: 3,
  märz: 3,
  mars: 3,
  marzo: 3,
  apr: 4,
  april: 4,
  avril: 4,
  abril: 4,
  aprile: 4,
  may: 5,
  mai: 5,
  mayo: 5,
  maggio: 5,
  jun: 6,
  june: 6,
  juni: 6,
  juin: 6,
  junio: 6,
  giugno: 6,
  jul: 7,
  july: 7,
  juli: 7,
  juillet: 7,
  julio: 7,
  luglio: 7,
  aug: 8,
  august: 8,
  août: 8,
  agosto: 8,
  sep: 9,
  sept: 9,
  september: 9,
  septembre: 9,
  septiembre: 9,
  settembre: 9,
  oct: 10,
  october: 10,
  oktober: 10,
  octobre: 10,
  octubre: 10,
  ottobre: 10,
  nov: 11,
  november: 11,
  novembre: 11,
  noviembre: 11,
  dec: 12,
  december: 12,
  dezember: 12,
  décembre: 12,
  diciembre: 12,
  dicembre: 12,
};
const monthPattern = Object.keys(monthNames)
  .sort((a, b) => b.length - a.length)
  .join('|');
const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$/i;
const isoPrefix = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const compactDate = /^(\d{4})(\d{2})(\d{2})$/;
const dayMonthYear = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s+(${monthPattern})\\.?,?\\s+(\\d{4})\\b`, 'iu');
const monthDayYear = new RegExp(`\\b(${monthPattern})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'iu');
const numericDate = /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b|\b(\d{4})\/(\d{1,2})\/(\d{1,2})\b/;
const urlDate = /\/((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])(?:[/_-](0?[1-9]|[12]\d|3[01]))?(?=[/_.-]|$)/;

function ymd(year: number, month: number, day: number): string | undefined {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date written in running text ("19 November 2019", "Nov. 19, 2019", "19.11.2019"), as `YYYY-MM-DD`. */
export function dateInText(text: string): string | undefined {
  const iso = text.match(isoPrefix);
  if (iso) return ymd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = text.match(dayMonthYear);
  if (dmy) return ymd(Number(dmy[3]), monthNames[dmy[2].toLowerCase()], Number(dmy[1]));
  const mdy = text.match(monthDayYear);
  if (mdy) return ymd(Number(mdy[3]), monthNames[mdy[1].toLowerCase()], Number(mdy[2]));
  const numeric = text.match(numericDate);
  if (numeric?.[1]) return ymd(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  if (numeric?.[4]) return ymd(Number(numeric[4]), Number(numeric[5]), Number(numeric[6]));
  return undefined;
}

/** A date in a URL's path (`/2019/11/19/`, `/2019-11-19-`), day 1 when only year and month are given. */
export function dateInUrl(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = path.match(urlDate);
  if (!match) return undefined;
  return ymd(Number(match[1]), Number(match[2]), Number(match[3] ?? 1));
}

/** ISO dates are kept as written (their precision and zone mean something); others become `YYYY-MM-DD`. */
function normaliseDate(value: string): string | undefined {
  const text = value.trim();
  if (isoDate.test(text))
    return ymd(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))) && text;
  const compact = text.match(compactDate);
  if (compact) return ymd(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  return dateInText(text);
}

const maxSiteNameWords = 4;
const titleSeparator = / [|–—:·•»-] | :: /;
/**
 * "Story headline | Site" → "Story headline": drop the part that names the site; with `guess`
 * (a `<title>`, which nearly always carries the site), keep the longest part when no name is known.
 */
export function stripSiteName(title: string, siteName: string | undefined, guess: boolean): string {
  const parts = title
    .split(titleSeparator)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length < 2) return title.trim();
  const site = siteName?.toLowerCase();
  if (site) {
    const kept = parts.filter((part) => part.toLowerCase() !== site && !site.includes(part.toLowerCase()));
    if (kept.length && kept.length < parts.length) return kept.join(' - ');
  }
  if (!guess) return title.trim();
  // The site name sits at one end and is short: drop a short last part, else a short first part.
  const words = (part: string) => part.split(' ').length;
  const last = parts[parts.length - 1];
  if (words(last) <= maxSiteNameWords) return parts.slice(0, -1).join(' - ');
  if (words(parts[0]) <= maxSiteNameWords) return parts.slice(1).join(' - ');
  return title.trim();
}

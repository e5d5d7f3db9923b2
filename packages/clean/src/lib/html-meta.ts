import type { Element } from 'hast';
import { collapseSpaces } from '@galley/document';

/** Page metadata gathered from `<head>`, JSON-LD and a few body elements. */
export interface PageMeta {
  title?: string;
  /** Title as `<title>` gives it, site name included. */
  documentTitle?: string;
  siteName?: string;
  byline?: string;
  published?: string;
  modified?: string;
  canonical?: string;
  description?: string;
  language?: string;
  /** `articleBody` of a JSON-LD article, when the page gives one. */
  articleBody?: string;
}

// Meta names and properties, by the field they fill; the first one seen wins within a field.
const metaFields: Record<string, keyof PageMeta> = {
  'og:title': 'title',
  'twitter:title': 'title',
  'dc.title': 'title',
  'sailthru.title': 'title',
  'og:site_name': 'siteName',
  'application-name': 'siteName',
  author: 'byline',
  'article:author': 'byline',
  'dc.creator': 'byline',
  byl: 'byline',
  'sailthru.author': 'byline',
  'parsely-author': 'byline',
  'article:published_time': 'published',
  'og:article:published_time': 'published',
  datepublished: 'published',
  date: 'published',
  pubdate: 'published',
  publishdate: 'published',
  'dc.date': 'published',
  'dc.date.issued': 'published',
  'sailthru.date': 'published',
  'parsely-pub-date': 'published',
  'article.published': 'published',
  'publish-date': 'published',
  'article:modified_time': 'modified',
  'og:updated_time': 'modified',
  datemodified: 'modified',
  'og:description': 'description',
  description: 'description',
  'twitter:description': 'description',
  'og:url': 'canonical',
};
const articleTypes =
  /^(?:\w+:\/\/schema\.org\/)?(?:News|Reportage|Analysis|Opinion|Review|Background|Scholarly|Tech|Satirical|Advertiser\w*)?Article$|^BlogPosting$|^LiveBlogPosting$|^Report$/;
const urlLike = /^https?:\/\//i;

/** Collects metadata while the extractor walks the page; `finish` resolves the fallbacks. */
export class MetaCollector {
  readonly meta: PageMeta = {};
  private firstTime?: string;

  /** Look at one element the walk passes (cheap for elements that carry no metadata). */
  element(element: Element, text: () => string): void {
    const p = element.properties;
    switch (element.tagName) {
      case 'meta': {
        const key = String(p.property ?? p.name ?? p.itemProp ?? '').toLowerCase();
        const field = metaFields[key];
        const content = typeof p.content === 'string' ? p.content.trim() : '';
        if (field && content && !this.meta[field] && !(field === 'byline' && urlLike.test(content)))
          this.meta[field] = content;
        break;
      }
      case 'title':
        this.meta.documentTitle ??= collapse(text());
        break;
      case 'link':
        if (
          String(p.rel ?? '')
            .toLowerCase()
            .split(' ')
            .includes('canonical') &&
          typeof p.href === 'string'
        )
          this.meta.canonical = p.href;
        break;
      case 'html':
        if (typeof p.lang === 'string' && p.lang) this.meta.language = p.lang.toLowerCase();
        break;
      case 'time':
        if (!this.firstTime && typeof p.dateTime === 'string') this.firstTime = p.dateTime;
        break;
      case 'script':
        if (String(p.type ?? '').toLowerCase() === 'application/ld+json') this.jsonLd(text());
        break;
    }
  }

  /** Fill what the page left out (the date from `<time>`) and take the site name off the title. */
  finish(): PageMeta {
    const meta = this.meta;
    meta.published ??= this.firstTime;
    if (meta.title) meta.title = stripSiteName(meta.title, meta.siteName, false);
    return meta;
  }

  private jsonLd(source: string): void {
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
      if (Array.isArray(node['@graph'])) queue.push({ value: node['@graph'], depth: depth + 1 });
      const types = ([] as unknown[]).concat(node['@type'] ?? []).map(String);
      if (!types.some((t) => articleTypes.test(t))) continue;
      if (typeof node.headline === 'string' && !this.meta.title) this.meta.title = collapse(node.headline);
      if (typeof node.datePublished === 'string') this.meta.published ??= node.datePublished;
      if (typeof node.dateModified === 'string') this.meta.modified ??= node.dateModified;
      if (typeof node.articleBody === 'string') this.meta.articleBody ??= node.articleBody;
      const authors = names(node.author);
      if (authors.length && !this.meta.byline) this.meta.byline = authors.join(', ');
      const publisher = names(node.publisher);
      if (publisher.length) this.meta.siteName ??= publisher[0];
    }
  }
}

function names(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() && !urlLike.test(value) ? [collapse(value)] : [];
  if (Array.isArray(value)) return value.slice(0, 20).flatMap(names);
  if (value && typeof value === 'object' && 'name' in value) return names((value as { name: unknown }).name);
  return [];
}

function collapse(value: string): string {
  return collapseSpaces(value).trim();
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

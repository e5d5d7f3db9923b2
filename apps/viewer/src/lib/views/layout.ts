import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** Rendered, escaped HTML as Hono's `html` template returns it. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Which top-level section a page belongs to, for the navigation. */
export type Section = 'articles' | 'entities' | 'sources' | 'places' | 'queue' | 'feeds' | 'upload' | 'none';

/** A whole page: the shared header and navigation around `body`. */
export function layout(title: string, section: Section, body: Html): Html {
  const current = (s: Section) => (s === section ? 'page' : 'false');
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · Galley</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/viewer.css">
<script src="/assets/viewer.js" defer></script>
</head>
<body>
<header class="site">
  <a class="brand" href="/">Galley</a>
  <nav aria-label="Sections">
    <a href="/" aria-current="${current('articles')}">Articles</a>
    <a href="/entities" aria-current="${current('entities')}">Entities</a>
    <a href="/sources" aria-current="${current('sources')}">Sources</a>
    <a href="/places" aria-current="${current('places')}">Places</a>
    <a href="/queue" aria-current="${current('queue')}">Queue</a>
    <a href="/feeds" aria-current="${current('feeds')}">Feeds</a>
    <a href="/upload" aria-current="${current('upload')}">Upload</a>
  </nav>
</header>
<main>${body}</main>
</body>
</html>`;
}

/** An ISO timestamp as `2026-11-25 14:25 UTC`; anything unparseable is shown as given. */
export function formatTime(value: string | undefined): string {
  if (!value) return '';
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return new Date(time).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** Made once: building an Intl formatter costs about a millisecond, a list page needs fifty. */
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** An ISO date (or date-time) as `25 Nov 2026`; anything unparseable is shown as given. */
export function formatDate(value: string | undefined): string {
  if (!value) return '';
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return dayFormat.format(time);
}

/** `1 quote`, `2 quotes`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Human names of the entity labels, for legends and chips. */
export const labelNames: Record<string, string> = {
  PERSON: 'Person',
  ORG: 'Organisation',
  LOC: 'Place',
  MISC: 'Other name',
  DATE: 'Date',
  TIME: 'Time',
  MONEY: 'Money',
  PERCENT: 'Percent',
  CARDINAL: 'Number',
  QUANTITY: 'Quantity',
};

/** `?a=1&b=2` of the non-empty values, or `''`. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** "Export: CSV · JSON Lines" links of one list with the page's filters. */
export function exportLinks(
  list: string,
  params: Record<string, string | number | undefined>,
  what = 'this list',
): Html {
  const query = queryString(params);
  return html`<p class="exports">Export ${what}: <a href="/export/${list}.csv${query}" download data-export="${list}.csv">CSV</a> · <a href="/export/${list}.jsonl${query}" download data-export="${list}.jsonl">JSON Lines</a></p>`;
}

/** Pager links of a list: `href(n)` is page n's URL. */
export function pager(
  page: { page: number; pages: number; hasNext: boolean; totalIsLowerBound: boolean },
  href: (n: number) => string,
): Html {
  if (page.pages <= 1 && !page.hasNext) return html``;
  return html`<nav class="pager" aria-label="Pages">
  ${page.page > 1 ? html`<a rel="prev" href="${href(page.page - 1)}">← Previous</a>` : html`<span></span>`}
  <span>Page ${page.page}${page.totalIsLowerBound ? '' : ` of ${page.pages}`}</span>
  ${page.hasNext ? html`<a rel="next" href="${href(page.page + 1)}">Next →</a>` : html`<span></span>`}
</nav>`;
}

/** `1,234` (or `more than 10,000` for a count that stopped early). */
export function count(n: number, lowerBound = false): string {
  return `${lowerBound ? 'more than ' : ''}${n.toLocaleString('en')}`;
}

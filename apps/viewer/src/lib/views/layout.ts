import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** Rendered, escaped HTML as Hono's `html` template returns it. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Which top-level section a page belongs to, for the navigation. */
export type Section = 'articles' | 'entities' | 'queue' | 'none';

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
    <a href="/queue" aria-current="${current('queue')}">Queue</a>
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

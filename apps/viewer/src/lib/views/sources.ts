import type { Page, SiteCount, SourcesReport, SpeakerCount } from '@galley/corpus';
import { html } from 'hono/html';
import { monthChart } from '../chart.js';
import { entityHref } from '../names.js';
import { type Html, count, exportLinks, labelNames, layout, pager, queryString } from './layout.js';

/** Filters of the Sources page. */
export interface SourcesFilters {
  site: string;
  month: string;
}

function share(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : '–';
}

/** Who is quoted most, by site and month, and how many quotes have no named speaker. */
export function sourcesPage(
  report: SourcesReport,
  speakers: Page<SpeakerCount>,
  filters: SourcesFilters,
  sites: SiteCount[],
  months: string[],
): Html {
  const params = { site: filters.site, month: filters.month };
  const { totals } = report;
  const body = html`
<section class="list-head">
  <h1>Sources</h1>
  <form class="search" method="get" action="/sources">
    <label>Site <select name="site"><option value="">All sites</option>${sites.map(
      (s) => html`<option value="${s.site}"${s.site === filters.site ? ' selected' : ''}>${s.site}</option>`,
    )}</select></label>
    <label>Month <select name="month"><option value="">All time</option>${months.map(
      (m) => html`<option value="${m}"${m === filters.month ? ' selected' : ''}>${m}</option>`,
    )}</select></label>
    <button type="submit">Show</button>
  </form>
</section>
<p class="summary" data-summary>${count(totals.quotes)} quotes in ${count(totals.articles)} articles; the speaker is unknown for
  <strong data-unknown-share>${share(totals.unknown, totals.quotes)}</strong> (${count(totals.unknown)}).</p>
<section class="panel wide">
  <h2>Quotes per month</h2>
  ${monthChart(
    report.byMonth.map((m) => ({ month: m.month, value: m.quotes - m.unknown, extra: m.unknown })),
    {
      title: 'Quotes per month, named and unknown speakers',
      noun: 'quote with a named speaker',
      extraNoun: 'quote with an unknown speaker',
      id: 'quotes',
    },
  )}
  ${exportLinks('sources-months', params, 'quotes per month')}
</section>
<div class="columns">
<section class="panel">
  <h2>Quoted most</h2>
  <table class="ranking">
    <thead><tr><th scope="col">Speaker</th><th scope="col">Type</th><th scope="col" class="n">Quotes</th><th scope="col" class="n">Share</th></tr></thead>
    <tbody>${speakers.items.map(
      (s) => html`<tr><td><a href="${entityHref(s.speaker.label, s.speaker.name)}">${s.speaker.name}</a></td>
      <td><span class="chip" data-label="${s.speaker.label}">${labelNames[s.speaker.label]}</span></td>
      <td class="n">${count(s.quotes)}</td><td class="n">${share(s.quotes, totals.quotes)}</td></tr>`,
    )}</tbody>
  </table>
  ${pager(speakers, (n) => `/sources${queryString({ ...params, page: n > 1 ? n : undefined })}`)}
  ${exportLinks('speakers', params)}
</section>
<section class="panel">
  <h2>By site</h2>
  <table class="ranking">
    <thead><tr><th scope="col">Site</th><th scope="col" class="n">Articles</th><th scope="col" class="n">Quotes</th><th scope="col" class="n">Unknown speaker</th></tr></thead>
    <tbody>${report.bySite.map(
      (
        s,
      ) => html`<tr><td><a href="/sources${queryString({ site: s.site, month: filters.month })}">${s.site || 'Unknown site'}</a></td>
      <td class="n">${count(s.articles)}</td><td class="n">${count(s.quotes)}</td><td class="n">${share(s.unknown, s.quotes)}</td></tr>`,
    )}</tbody>
  </table>
  ${exportLinks('sources-sites', params)}
</section>
</div>`;
  return layout('Sources', 'sources', body);
}

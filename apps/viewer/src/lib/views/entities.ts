import { CORPUS_LABELS, type CorpusLabel, type EntitySummary, type Page } from '@galley/corpus';
import { html } from 'hono/html';
import { entityHref } from '../names.js';
import { type Html, count, exportLinks, labelNames, layout, pager, queryString } from './layout.js';

/** Filters of the entities page. */
export interface EntitiesFilters {
  label: CorpusLabel | '';
  month: string;
}

/** Who is in the news: entities ranked by articles, overall or in one month. */
export function entitiesPage(page: Page<EntitySummary>, filters: EntitiesFilters, months: string[]): Html {
  const params = { label: filters.label, month: filters.month };
  const body = html`
<section class="list-head">
  <h1>Entities</h1>
  <form class="search" method="get" action="/entities">
    <label>Type <select name="label"><option value="">All names</option>${CORPUS_LABELS.map(
      (l) => html`<option value="${l}"${l === filters.label ? ' selected' : ''}>${labelNames[l]}</option>`,
    )}</select></label>
    <label>Month <select name="month"><option value="">All time</option>${months.map(
      (m) => html`<option value="${m}"${m === filters.month ? ' selected' : ''}>${m}</option>`,
    )}</select></label>
    <button type="submit">Show</button>
  </form>
</section>
<section id="entities">
  <p class="count">${count(page.total, page.totalIsLowerBound)} ${filters.label ? labelNames[filters.label].toLowerCase() : 'name'}${page.total === 1 ? '' : 's'}${filters.month ? ` mentioned in ${filters.month}` : ''}, most articles first</p>
  <table class="ranking">
    <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col" class="n">Articles</th><th scope="col" class="n">Mentions</th><th scope="col" class="n">Quotes</th></tr></thead>
    <tbody>${page.items.map(
      (e) => html`<tr>
      <td><a href="${entityHref(e.label, e.name)}">${e.name}</a></td>
      <td><span class="chip" data-label="${e.label}">${labelNames[e.label]}</span></td>
      <td class="n">${count(e.articles)}</td><td class="n">${count(e.mentions)}</td><td class="n">${count(e.quotes)}</td>
    </tr>`,
    )}</tbody>
  </table>
  ${pager(page, (n) => `/entities${queryString({ ...params, page: n > 1 ? n : undefined })}`)}
  ${exportLinks('entities', params)}
</section>`;
  return layout('Entities', 'entities', body);
}

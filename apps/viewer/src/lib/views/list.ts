import { entityLabels } from '@galley/document';
import { html } from 'hono/html';
import type { ArticleSummary, ListPage } from '../article-store.js';
import { type Html, formatDate, formatTime, labelNames, layout, plural } from './layout.js';

/** The filters of the list page, as they appear in its URL. */
export interface ListFilters {
  q: string;
  entity: string;
}

/** The articles page: search form plus the live results section. */
export function listPage(page: ListPage, filters: ListFilters, version: number, storeSize: number): Html {
  const body = html`
<section class="list-head">
  <h1>Articles</h1>
  <form class="search" method="get" action="/" role="search">
    <label><span class="sr-only">Search titles and text</span>
      <input type="search" name="q" value="${filters.q}" placeholder="Search titles and text" autocomplete="off"></label>
    <label><span class="sr-only">Mentions entity</span>
      <input type="text" name="entity" value="${filters.entity}" placeholder="Mentions… (name or alias)" autocomplete="off"></label>
    <button type="submit">Search</button>
  </form>
</section>
${listResults(page, filters, version, storeSize)}`;
  return layout(filters.q || filters.entity ? `Search: ${filters.q || filters.entity}` : 'Articles', 'articles', body);
}

/**
 * The part of the list page that changes when articles arrive; the client script polls the
 * version and swaps this section in place, so new articles show without a reload.
 */
export function listResults(page: ListPage, filters: ListFilters, version: number, storeSize: number): Html {
  const filtered = Boolean(filters.q || filters.entity);
  let content: Html;
  if (storeSize === 0) content = emptyState();
  else if (page.total === 0)
    content = html`<p class="notice">No article matches ${describeFilters(filters)}. <a href="/">Show all articles</a>.</p>`;
  else
    content = html`
<p class="count">${plural(page.total, 'article')}${filtered ? html` ${describeFilters(filters)}` : ''}${page.pages > 1 ? ` · page ${page.page} of ${page.pages}` : ''}</p>
<ol class="articles">${page.items.map(articleRow)}</ol>
${pager(page, filters)}`;
  return html`<section id="results" data-live-list data-version="${version}">${content}</section>`;
}

function describeFilters(filters: ListFilters): Html {
  return html`${filters.q ? html`matching <q>${filters.q}</q>` : ''}${filters.q && filters.entity ? ' and ' : ''}${filters.entity ? html`mentioning <q>${filters.entity}</q>` : ''}`;
}

function articleRow(s: ArticleSummary): Html {
  const chips = entityLabels
    .filter((label) => s.mentionsByLabel[label])
    .map(
      (label) =>
        html`<span class="chip" data-label="${label}" title="${labelNames[label]} mentions">${labelNames[label]} ${s.mentionsByLabel[label]}</span>`,
    );
  return html`<li class="article-row" data-id="${s.id}">
  <a class="article-title" href="/articles/${s.id}">${s.title || s.id}</a>
  <div class="meta">
    <span class="format">${s.format}</span>
    ${s.published ? html`<span>Published <time datetime="${s.published}">${formatDate(s.published)}</time></span>` : ''}
    ${s.byline ? html`<span>${s.byline}</span>` : ''}
    ${s.processedAt ? html`<span>Processed <time datetime="${s.processedAt}">${formatTime(s.processedAt)}</time></span>` : ''}
  </div>
  <div class="counts">
    <span>${plural(s.sentences, 'sentence')}</span>
    <span>${plural(s.quotes, 'quote')}</span>
    <span>${plural(s.mentions, 'entity mention')}</span>
    ${chips}
  </div>
</li>`;
}

function pager(page: ListPage, filters: ListFilters): Html {
  if (page.pages <= 1) return html``;
  const href = (n: number) => {
    const params = new URLSearchParams();
    if (filters.q) params.set('q', filters.q);
    if (filters.entity) params.set('entity', filters.entity);
    if (n > 1) params.set('page', String(n));
    const query = params.toString();
    return query ? `/?${query}` : '/';
  };
  return html`<nav class="pager" aria-label="Pages">
  ${page.page > 1 ? html`<a rel="prev" href="${href(page.page - 1)}">← Newer</a>` : html`<span></span>`}
  <span>Page ${page.page} of ${page.pages}</span>
  ${page.page < page.pages ? html`<a rel="next" href="${href(page.page + 1)}">Older →</a>` : html`<span></span>`}
</nav>`;
}

/** What a new user sees before the first article: the three ways to get one. */
function emptyState(): Html {
  return html`<div class="empty">
  <h2>No articles yet</h2>
  <p>Galley shows here every article published to this data directory. To add your first one:</p>
  <ol>
    <li>Process a file right away (no Redis needed):<pre><code>galley process path/to/article.html</code></pre></li>
    <li>Or queue it for a worker (needs Redis):<pre><code>galley worker &amp;
galley queue path/to/article.html</code></pre></li>
    <li>Or start everything at once — Redis, a worker and this viewer:<pre><code>npm start</code></pre></li>
  </ol>
  <p>Text, Markdown and HTML files are accepted. This page updates by itself when the first article arrives.</p>
</div>`;
}

import { type ArticleHit, type ArticleSort, type Page, type SiteCount, type SnippetPart } from '@galley/corpus';
import { clipTitle, entityLabels } from '@galley/document';
import { html } from 'hono/html';
import {
  type Html,
  count,
  exportLinks,
  formatDate,
  formatTime,
  labelNames,
  layout,
  pager,
  plural,
  queryString,
} from './layout.js';

/** The filters of the list page, as they appear in its URL. */
export interface ListFilters {
  q: string;
  entity: string;
  site: string;
  from: string;
  to: string;
  sort: ArticleSort;
}

/** What the list page shows besides its results. */
export interface ListContext {
  version: number;
  /** Articles in the corpus (0: the empty state). */
  corpusSize: number;
  sites: SiteCount[];
  /** Set while the viewer indexes a data folder it found with no index. */
  indexing?: { indexed: number };
}

const sortNames: Record<ArticleSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  processed: 'Recently processed',
};

/** The articles page: search and filter form, the live results and the export links. */
export function listPage(page: Page<ArticleHit>, filters: ListFilters, context: ListContext): Html {
  const body = html`
<section class="list-head">
  <h1>Articles</h1>
  <form class="search" method="get" action="/" role="search">
    <label><span class="sr-only">Search titles and text</span>
      <input type="search" name="q" value="${filters.q}" placeholder="Search titles and text" autocomplete="off"></label>
    <label><span class="sr-only">Mentions entity</span>
      <input type="text" name="entity" value="${filters.entity}" placeholder="Mentions… (name or alias)" autocomplete="off"></label>
    <button type="submit">Search</button>
    <div class="filters">
      <label>Site <select name="site"><option value="">All sites</option>${context.sites.map(
        (s) =>
          html`<option value="${s.site}"${s.site === filters.site ? ' selected' : ''}>${s.site} (${count(s.articles)})</option>`,
      )}</select></label>
      <label>From <input type="date" name="from" value="${filters.from}"></label>
      <label>To <input type="date" name="to" value="${filters.to}"></label>
      <label>Sort <select name="sort">${(Object.keys(sortNames) as ArticleSort[]).map(
        (s) => html`<option value="${s}"${s === filters.sort ? ' selected' : ''}>${sortNames[s]}</option>`,
      )}</select></label>
    </div>
  </form>
</section>
${listResults(page, filters, context)}`;
  return layout(filters.q || filters.entity ? `Search: ${filters.q || filters.entity}` : 'Articles', 'articles', body);
}

/** The query parameters of a filter set (defaults left out), for links and exports. */
export function filterParams(filters: ListFilters): Record<string, string> {
  return {
    q: filters.q,
    entity: filters.entity,
    site: filters.site,
    from: filters.from,
    to: filters.to,
    sort: filters.sort === 'newest' ? '' : filters.sort,
  };
}

/**
 * The part of the list page that changes when articles arrive; the client script polls the
 * version and swaps this section in place, so new articles show without a reload.
 */
export function listResults(page: Page<ArticleHit>, filters: ListFilters, context: ListContext): Html {
  const filtered = Boolean(filters.q || filters.entity || filters.site || filters.from || filters.to);
  const indexing = context.indexing
    ? html`<p class="notice" role="status">Indexing the articles already in this data folder: ${count(context.indexing.indexed)} so far. The lists fill in as it goes.</p>`
    : '';
  let content: Html;
  if (context.corpusSize === 0 && !context.indexing) content = emptyState();
  else if (page.total === 0)
    content = html`<p class="notice">No article matches ${describeFilters(filters)}. <a href="/">Show all articles</a>.</p>`;
  else
    content = html`
<p class="count">${count(page.total, page.totalIsLowerBound)} ${page.total === 1 ? 'article' : 'articles'}${filtered ? html` ${describeFilters(filters)}` : ''}${page.pages > 1 ? ` · page ${page.page}${page.totalIsLowerBound ? '' : ` of ${page.pages}`}` : ''}</p>
<ol class="articles">${page.items.map(articleRow)}</ol>
${pager(page, (n) => `/${queryString({ ...filterParams(filters), page: n > 1 ? n : undefined })}`)}
${exportLinks('articles', filterParams(filters), filtered ? 'these articles' : 'the article list')}`;
  return html`<section id="results" data-live-list data-version="${context.version}">${indexing}${content}</section>`;
}

function describeFilters(filters: ListFilters): Html {
  const parts: Html[] = [];
  if (filters.q) parts.push(html`matching <q>${filters.q}</q>`);
  if (filters.entity) parts.push(html`mentioning <q>${filters.entity}</q>`);
  if (filters.site) parts.push(html`from <q>${filters.site}</q>`);
  if (filters.from && filters.to) parts.push(html`dated ${formatDate(filters.from)} to ${formatDate(filters.to)}`);
  else if (filters.from) parts.push(html`dated from ${formatDate(filters.from)}`);
  else if (filters.to) parts.push(html`dated up to ${formatDate(filters.to)}`);
  return html`${parts.map((p, i) => html`${i ? (i === parts.length - 1 ? ' and ' : ', ') : ''}${p}`)}`;
}

/** A snippet with the matched words marked; every piece is escaped by the template. */
export function snippetHtml(parts: SnippetPart[]): Html {
  return html`${parts.map((p) => (p.hit ? html`<mark class="hit">${p.text}</mark>` : html`${p.text}`))}`;
}

function articleRow(s: ArticleHit): Html {
  const chips = entityLabels
    .filter((label) => s.labels[label])
    .map(
      (label) =>
        html`<span class="chip" data-label="${label}" title="${labelNames[label]} mentions">${labelNames[label]} ${s.labels[label]}</span>`,
    );
  return html`<li class="article-row" data-id="${s.id}">
  <a class="article-title" href="/articles/${s.id}">${clipTitle(s.title) || s.id}</a>
  <div class="meta">
    ${s.site ? html`<span class="site">${s.site}</span>` : html`<span class="site unknown">Unknown site</span>`}
    ${s.published ? html`<span>Published <time datetime="${s.published}">${formatDate(s.published)}</time></span>` : ''}
    ${s.byline ? html`<span>${s.byline}</span>` : ''}
    ${s.processed ? html`<span>Processed <time datetime="${s.processed}">${formatTime(s.processed)}</time></span>` : ''}
    <span class="format">${s.format}</span>
  </div>
  ${
    s.snippet
      ? html`<p class="excerpt snippet">${snippetHtml(s.snippet)}</p>`
      : s.excerpt
        ? html`<p class="excerpt">${s.excerpt}</p>`
        : ''
  }
  <div class="counts">
    <span>${plural(s.sentences, 'sentence')}</span>
    <span>${plural(s.quotes, 'quote')}</span>
    <span>${plural(s.mentions, 'entity mention')}</span>
    ${chips}
  </div>
</li>`;
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
  <p>Text, Markdown and HTML files are accepted. This page updates by itself when the first article arrives.
  Articles published by an older Galley are added with <code>galley reindex</code>.</p>
</div>`;
}

import type { CooccurringEntity, EntityArticle, EntityDetail, MonthCount, Page, QuoteRow } from '@galley/corpus';
import { html, raw } from 'hono/html';
import { monthChart } from '../chart.js';
import { entityHref } from '../names.js';
import { type Html, count, exportLinks, formatDate, labelNames, layout, plural } from './layout.js';

/** One article on an entity page, with the sentences that mention the entity when its file could be read. */
export interface EntityAppearance {
  article: EntityArticle;
  /** Escaped HTML, mentions highlighted. */
  sentences: string[];
}

/** Everything an entity page shows. */
export interface EntityView {
  entity: EntityDetail;
  months: MonthCount[];
  together: CooccurringEntity[];
  /** How many of its newest articles `together` was counted over. */
  sample: number;
  quotes: Page<QuoteRow>;
  appearances: EntityAppearance[];
  articles: Page<EntityArticle>;
}

/** The page of one corpus entity: its mentions over time, who appears with it, what it said, where. */
export function entityPage(view: EntityView): Html {
  const { entity } = view;
  const params = { label: entity.label, name: entity.key };
  const body = html`
<section class="entity-head">
  <p class="kicker"><span class="chip" data-label="${entity.label}">${labelNames[entity.label]}</span>${
    entity.geo
      ? html` <span class="hint">GeoNames ${entity.geo.geonameId} · ${entity.geo.country} · ${entity.geo.lat.toFixed(2)}, ${entity.geo.lon.toFixed(2)}</span>`
      : ''
  }</p>
  <h1>${entity.name}</h1>
  ${entity.aliases.length ? html`<p class="aliases">Also written: ${entity.aliases.map((a, i) => html`${i ? ', ' : ''}<q>${a}</q>`)}</p>` : ''}
  <p class="count">${plural(entity.articles, 'article')} · ${plural(entity.mentions, 'mention')} · ${plural(entity.quotes, 'quote')} · <a href="/?entity=${encodeURIComponent(entity.name)}">list the articles</a></p>
</section>
<section class="panel wide">
  <h2>Mentions over time</h2>
  ${monthChart(
    view.months.map((m) => ({ month: m.month, value: m.mentions })),
    { title: `Mentions of ${entity.name} per month`, noun: 'mention', id: 'mentions' },
  )}
  ${exportLinks('entity-months', params, 'mentions per month')}
</section>
<div class="columns">
<section class="panel">
  <h2>Appears most with</h2>
  ${
    view.together.length
      ? html`<p class="hint">Counted over its ${count(Math.min(view.sample, entity.articles))} newest articles.</p>
  <ol class="ranked">${view.together.map(
    (t) =>
      html`<li><a href="${entityHref(t.label, t.name)}"><span class="dot" data-label="${t.label}"></span>${t.name}</a> <span class="n">${plural(t.articles, 'article')}</span></li>`,
  )}</ol>
  ${exportLinks('cooccurring', params)}`
      : html`<p class="hint">No other name appears in its articles.</p>`
  }
</section>
<section class="panel">
  <h2>Quotes <span class="n">(${count(entity.quotes)})</span></h2>
  ${
    view.quotes.items.length
      ? html`<ol class="quotes">${view.quotes.items.map(
          (q) =>
            html`<li><span class="said">${q.text}</span> <span class="source"><a href="/articles/${q.article.id}">${q.article.title || q.article.id}</a>${q.article.site ? html` · ${q.article.site}` : ''} · ${formatDate(q.article.date)}</span></li>`,
        )}</ol>
  ${view.quotes.hasNext ? html`<p class="hint">The ${view.quotes.items.length} newest; the export has them all.</p>` : ''}
  ${exportLinks('entity-quotes', params, 'all its quotes')}`
      : html`<p class="hint">No quote is attributed to ${entity.name}.</p>`
  }
</section>
</div>
<section>
  <h2>Articles</h2>
  <ol class="appearances">${view.appearances.map(
    (a) => html`<li>
  <h3><a href="/articles/${a.article.id}">${a.article.title || a.article.id}</a></h3>
  <p class="meta">${a.article.site ? html`<span class="site">${a.article.site}</span>` : ''}<span>${formatDate(a.article.date)}</span><span>${plural(a.article.entityMentions, 'mention')}</span></p>
  ${a.sentences.length ? html`<ul class="excerpts">${a.sentences.map((s) => html`<li>${raw(s)}</li>`)}</ul>` : html`<p class="excerpt">${a.article.excerpt}</p>`}
</li>`,
  )}</ol>
  ${view.articles.hasNext ? html`<p class="notice">${count(entity.articles - view.appearances.length)} older articles: <a href="/?entity=${encodeURIComponent(entity.name)}">list them all</a>.</p>` : ''}
  ${exportLinks('entity-articles', params, 'all its articles')}
</section>`;
  return layout(entity.name, 'entities', body);
}

import { html, raw } from 'hono/html';
import type { ArticleSummary, EntityGroup } from '../article-store.js';
import { type Html, formatDate, labelNames, layout, plural } from './layout.js';

/** One article's part of an entity page: its excerpts, already rendered and escaped. */
export interface EntityAppearance {
  summary: ArticleSummary;
  mentions: number;
  /** Sentences that mention the entity, as escaped HTML with the mentions highlighted. */
  sentences: string[];
}

/** The page of one canonical entity across all articles. */
export function entityPage(group: EntityGroup, appearances: EntityAppearance[], omitted: number): Html {
  const mentions = appearances.reduce((sum, a) => sum + a.mentions, 0);
  const body = html`
<section class="entity-head">
  <p class="kicker"><span class="chip" data-label="${group.label}">${labelNames[group.label]}</span></p>
  <h1>${group.name}</h1>
  ${group.aliases.length ? html`<p class="aliases">Also written: ${group.aliases.map((a, i) => html`${i ? ', ' : ''}<q>${a}</q>`)}</p>` : ''}
  <p class="count">${plural(group.articleIds.length, 'article')} · ${plural(mentions, 'mention')}${omitted ? ` in the ${appearances.length} newest` : ''} · <a href="/?entity=${encodeURIComponent(group.name)}">list the articles</a></p>
</section>
<ol class="appearances">${appearances.map(
    (a) => html`<li>
  <h2><a href="/articles/${a.summary.id}">${a.summary.title || a.summary.id}</a></h2>
  <p class="meta">${a.summary.published ? html`<span>${formatDate(a.summary.published)}</span>` : ''}<span>${plural(a.mentions, 'mention')}</span></p>
  <ul class="excerpts">${a.sentences.map((s) => html`<li>${raw(s)}</li>`)}</ul>
</li>`,
  )}</ol>
${omitted ? html`<p class="notice">${plural(omitted, 'older article')} not shown.</p>` : ''}`;
  return layout(group.name, 'entities', body);
}

import { type Article, type Credit, type EntityRecord, type Figure, clipTitle, entityLabels } from '@galley/document';
import { html, raw } from 'hono/html';
import { renderArticle } from '../annotate.js';
import { MAX_PAGE_JSON_BYTES, MAX_PANEL_ITEMS, boundArticle } from '../bound.js';
import { jsonForScript } from '../escape.js';
import { entityHref, hasEntityPage } from '../names.js';
import { type Html, formatDate, formatTime, labelNames, layout, plural } from './layout.js';

const webUrl = /^https?:\/\//i;

/**
 * The article page: header, figures, annotated body and a side panel of tools. A long article
 * is shown up to a bound (see `boundArticle`), with a note pointing to the downloads.
 */
export function articlePage(id: string, whole: Article): Html {
  const { article, shown, total } = boundArticle(whole);
  const records = new Map(article.entityIndex.map((r) => [r.id, r]));
  const entityData = Object.fromEntries(
    article.entityIndex.map((r) => [
      r.id,
      {
        label: r.label,
        labelName: labelNames[r.label],
        name: r.name,
        aliases: r.aliases,
        ...(hasEntityPage(r.label) ? { href: entityHref(r.label, r.name) } : {}),
      },
    ]),
  );
  const rendered = renderArticle(article);
  const body = html`
<div class="article-layout">
<article class="reading" data-article-body>
  <header class="article-head">
    <h1 class="title-block">${rendered.title ? raw(rendered.title) : article.title}</h1>
    <p class="byline">
      ${article.site ? html`<span class="site-name">${article.site}</span>` : ''}
      ${article.byline ? html`<span>${article.byline}</span>` : ''}
      ${article.published ? html`<time datetime="${article.published}">${formatDate(article.published)}</time>` : ''}
      <span class="format">${article.source.format}</span>
      ${article.source.url && webUrl.test(article.source.url) ? html`<a class="source-link" href="${article.source.url}" rel="noopener noreferrer nofollow" target="_blank">Original article</a>` : ''}
    </p>
    ${provenancePanel(article)}
  </header>
  ${article.figures.length ? html`<section class="figures" aria-label="Figures">${article.figures.map(figureCard)}</section>` : ''}
  <div class="body" id="body">${raw(rendered.body)}</div>
  ${shown < total ? truncationNote(id, shown, total) : ''}
  ${removedSection(article)}
</article>
<aside class="tools" aria-label="Annotations">
  ${legend(article)}
  <section class="panel" id="selection" hidden aria-live="polite"></section>
  ${entityList(article)}
  ${quoteList(article, records)}
  ${timings(article)}
  <section class="panel">
    <h2>Download</h2>
    ${downloadList(id)}
  </section>
</aside>
</div>
<div class="hovercard" id="hovercard" role="tooltip" hidden></div>
<script type="application/json" id="entity-data">${raw(jsonForScript(entityData))}</script>`;
  return layout(clipTitle(article.title) || id, 'articles', body);
}

/** The page of an article whose document is too large to show: what it is, and the downloads. */
export function tooLargePage(id: string, bytes: number): Html {
  const body = html`<section class="notice" role="status">
  <h1>Article too large to show</h1>
  <p>Its document is ${(bytes / 1048576).toFixed(0)} MB, more than a page can show in reasonable time (limit ${MAX_PAGE_JSON_BYTES / 1048576} MB). Download it instead:</p>
  ${downloadList(id)}
</section>`;
  return layout(id, 'articles', body);
}

function truncationNote(id: string, shown: number, total: number): Html {
  return html`<p class="notice" role="status">This article is long: the page shows its first ${shown.toLocaleString('en')} of ${total.toLocaleString('en')} characters. The whole article is in the <a href="/articles/${id}/article.json">JSON</a>, <a href="/articles/${id}/article.md" download>Markdown</a> and <a href="/articles/${id}/article.html" download>HTML</a> downloads.</p>`;
}

function downloadList(id: string): Html {
  return html`<ul class="downloads">
      <li><a href="/articles/${id}/article.json" download>JSON</a></li>
      <li><a href="/articles/${id}/article.md" download>Markdown</a></li>
      <li><a href="/articles/${id}/article.html" download>HTML</a></li>
    </ul>`;
}

// The metadata fields shown with their sources, in reading order, with the label a reader sees.
const metadataFields: Array<[string, string, (a: Article) => string | undefined]> = [
  ['canonical', 'URL', (a) => a.source.url],
  ['siteName', 'Site', (a) => a.site],
  ['title', 'Title', (a) => a.title || undefined],
  ['byline', 'Byline', (a) => a.byline],
  ['published', 'Published', (a) => a.published],
  ['modified', 'Modified', (a) => a.modified],
  ['language', 'Language', (a) => a.language],
  ['description', 'Description', (a) => a.description],
  ['image', 'Image', (a) => a.image],
];

/** What the page said about itself and where each value was read from (JSON-LD, a meta tag, the URL). */
function provenancePanel(article: Article): Html | string {
  const provenance = article.provenance ?? {};
  const rows = metadataFields.filter(([field, , value]) => provenance[field] && value(article));
  if (!rows.length) return '';
  return html`<details class="provenance">
    <summary>Metadata and where it came from</summary>
    <dl>${rows.map(([field, label, value]) => html`<dt>${label}</dt><dd><span class="value">${value(article)}</span> <span class="from">from ${provenance[field]}</span></dd>`)}</dl>
  </details>`;
}

function legend(article: Article): Html {
  const counts = new Map<string, number>();
  for (const m of article.entities) counts.set(m.label, (counts.get(m.label) ?? 0) + 1);
  const labels = entityLabels.filter((l) => counts.has(l));
  return html`<section class="panel legend">
  <h2>Entities</h2>
  ${
    labels.length
      ? html`<ul class="legend-items">${labels.map((l) => html`<li><button type="button" class="chip toggle" data-label="${l}" data-toggle-label="${l}" aria-pressed="true"><span class="name">${labelNames[l]}</span> <span class="n" data-count="${l}">${counts.get(l)}</span></button></li>`)}</ul>
  <p class="hint">Click a type to hide or show it; click a name in the text to see all its mentions.</p>`
      : html`<p class="hint">No entities were found in this article.</p>`
  }
  <label class="switch"><input type="checkbox" id="toggle-sentences"> Show sentence boundaries <span class="n">(${article.sentences.length})</span></label>
</section>`;
}

function entityList(article: Article): Html {
  if (!article.entityIndex.length) return html``;
  const sorted = [...article.entityIndex].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  return html`<section class="panel">
  <h2>Names <span class="n">(${article.entityIndex.length})</span></h2>
  <ul class="entity-list">${sorted.slice(0, MAX_PANEL_ITEMS).map((r) => html`<li><button type="button" class="entity-pick" data-select-entity="${r.id}" data-label="${r.label}"><span class="dot" data-label="${r.label}"></span>${r.name}</button> <span class="n">${r.mentions}</span>${r.aliases.length ? html`<span class="aliases">also ${r.aliases.join(', ')}</span>` : ''}</li>`)}</ul>
</section>`;
}

function quoteList(article: Article, records: Map<string, EntityRecord>): Html {
  if (!article.quotes.length) return html``;
  return html`<section class="panel">
  <h2>Quotes <span class="n">(${article.quotes.length})</span></h2>
  <ol class="quotes">${article.quotes.map((q, i) => {
    const speaker = q.speaker ? records.get(q.speaker) : undefined;
    return html`<li${q.scare ? raw(' class="scare"') : ''}><a href="#q-${i}" data-goto-quote="${i}">${q.text}</a>
      <span class="speaker">${speaker ? html`— ${hasEntityPage(speaker.label) ? html`<a href="${entityHref(speaker.label, speaker.name)}">${speaker.name}</a>` : speaker.name}` : q.scare ? 'scare quote' : 'unattributed'}${quoteReason(q)}</span></li>`;
  })}</ol>
</section>`;
}

/** Why the quote has its speaker (or none): the cue and, for an attribution, how sure it is. */
function quoteReason(q: Article['quotes'][number]): Html | string {
  if (!q.cue) return '';
  const sure =
    q.confidence === undefined
      ? ''
      : html`<span class="confidence" data-level="${q.confidence >= 0.8 ? 'high' : q.confidence >= 0.6 ? 'mid' : 'low'}" title="confidence">${Math.round(q.confidence * 100)}%</span> `;
  return html`<span class="cue">${sure}${q.cue}</span>`;
}

function figureCard(figure: Figure): Html {
  const credit = figure.credit;
  return html`<figure class="figure-card">
  ${figure.caption ? html`<figcaption>${figure.caption}</figcaption>` : ''}
  ${credit ? html`<p class="credit">${credit.raw}</p>${creditParts(credit)}` : ''}
  ${figure.alt ? html`<p class="alt">Image description: ${figure.alt}</p>` : ''}
  ${figure.src && webUrl.test(figure.src) ? html`<p class="src"><a href="${figure.src}" rel="noopener noreferrer nofollow" target="_blank">Image source</a></p>` : ''}
</figure>`;
}

function creditParts(credit: Credit): Html {
  const parts: Html[] = [];
  if (credit.people.length)
    parts.push(
      html`<span><span class="what">${credit.people.length > 1 ? 'Photographers' : 'Photographer'}</span> ${credit.people.join(', ')}</span>`,
    );
  if (credit.agencies.length)
    parts.push(
      html`<span><span class="what">${credit.agencies.length > 1 ? 'Agencies' : 'Agency'}</span> ${credit.agencies.join(', ')}</span>`,
    );
  return parts.length ? html`<p class="credit-parts">${parts}</p>` : html``;
}

function removedSection(article: Article): Html {
  if (!article.removed.length) return html``;
  return html`<details class="removed">
  <summary>${plural(article.removed.length, 'passage')} removed while cleaning</summary>
  <ul>${article.removed.map((r) => html`<li><span class="kind">${r.kind}</span> ${r.text}</li>`)}</ul>
</details>`;
}

function timings(article: Article): Html {
  const stages = Object.entries(article.stages);
  if (!stages.length) return html``;
  const total = stages.reduce((sum, [, t]) => sum + t.ms, 0);
  return html`<section class="panel">
  <h2>Processing</h2>
  <table class="timings">
    ${stages.map(([name, t]) => html`<tr><th scope="row">${name}</th><td>${t.ms.toFixed(1)} ms</td></tr>`)}
    <tr class="total"><th scope="row">total</th><td>${total.toFixed(1)} ms</td></tr>
  </table>
  ${article.processedAt ? html`<p class="hint">Processed ${formatTime(article.processedAt)}</p>` : ''}
</section>`;
}

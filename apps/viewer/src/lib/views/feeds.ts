import { html } from 'hono/html';
import type { FeedEntry } from '@galley/feeds';
import { redactUrl } from '@galley/queue/settings';
import type { QueueTarget } from '../queue-client.js';
import { type Html, count, formatTime, layout } from './layout.js';

/** The feeds as the page shows them, or why they cannot be read. */
export type FeedsSnapshot = { ok: true; feeds: Array<FeedEntry & { every: string }> } | { ok: false; error: string };

/** The Feeds page: per feed, the last poll, the last new item, items seen, and errors in words. */
export function feedsPage(target: QueueTarget, snapshot: FeedsSnapshot): Html {
  const body = html`
<section class="list-head"><h1>Feeds</h1>
<p class="hint">Feeds followed for queue <code>${target.queueName}</code> at <code>${redactUrl(target.redisUrl)}</code>.
Add one with <code>galley feeds add URL</code>; <code>galley worker</code> polls them.</p></section>
${feedsTable(snapshot)}`;
  return layout('Feeds', 'feeds', body);
}

function feedsTable(snapshot: FeedsSnapshot): Html {
  if (!snapshot.ok) {
    return html`<div class="notice error" role="alert"><h2>Redis is not reachable</h2><p>${snapshot.error}</p></div>`;
  }
  if (!snapshot.feeds.length) return html`<p class="hint">No feeds yet.</p>`;
  return html`<table class="feeds">
<thead><tr><th scope="col">Feed</th><th scope="col">Every</th><th scope="col">Last poll</th><th scope="col">Last new item</th><th scope="col">Items seen</th><th scope="col">Queued</th><th scope="col">State</th></tr></thead>
<tbody>${snapshot.feeds.map(
    ({ config, state, every }) => html`<tr data-feed="${config.name}">
  <td><strong>${config.name}</strong><br><a href="${safeHref(config.url)}" rel="noreferrer noopener">${config.url}</a>${state.title ? html`<br><span class="hint">${state.title}</span>` : ''}</td>
  <td>${every}</td>
  <td>${state.lastPollAt ? formatTime(state.lastPollAt) : 'never'}</td>
  <td>${state.lastNewItemAt ? formatTime(state.lastNewItemAt) : 'never'}</td>
  <td>${count(state.itemsSeen)}</td>
  <td>${count(state.itemsQueued)}${state.itemsSkipped ? html`<br><span class="hint">${count(state.itemsSkipped)} skipped</span>` : ''}</td>
  <td class="${state.error ? 'reason error' : 'reason'}">${
    state.error ? html`Failing (${state.failures} in a row): ${state.error}` : (state.lastResult ?? 'Not polled yet')
  }${state.lastSkip ? html`<br><span class="hint">Last skipped: ${state.lastSkip}</span>` : ''}</td>
</tr>`,
  )}</tbody>
</table>`;
}

/** Only http(s) links become links: a feed URL is user input. */
function safeHref(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}

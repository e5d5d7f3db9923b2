import { parseFailureReason } from '@galley/document';
import { JOB_STATES, redactUrl } from '@galley/queue/settings';
import { html } from 'hono/html';
import type { QueueSnapshot, QueueTarget } from '../queue-client.js';
import { type Html, formatTime, layout } from './layout.js';

/** The queue page: counts per state and the failed jobs with a retry button each. */
export function queuePage(target: QueueTarget, snapshot: QueueSnapshot, flash: string): Html {
  const body = html`
<section class="list-head"><h1>Queue</h1>
<p class="hint">Queue <code>${target.queueName}</code> at <code>${redactUrl(target.redisUrl)}</code></p></section>
${flash ? html`<p class="notice" role="status">${flash}</p>` : ''}
${queueResults(snapshot)}`;
  return layout('Queue', 'queue', body);
}

/** The live part of the queue page; the client script refreshes it every few seconds. */
export function queueResults(snapshot: QueueSnapshot): Html {
  if (!snapshot.ok) {
    return html`<section id="queue-live" data-live-queue><div class="notice error" role="alert">
  <h2>Redis is not reachable</h2>
  <p>${snapshot.error}</p>
  <p>Articles already published are still listed on the <a href="/">articles page</a>; only the queue needs Redis.</p>
</div></section>`;
  }
  const { counts, failures } = snapshot.status;
  return html`<section id="queue-live" data-live-queue>
<ul class="state-counts">${JOB_STATES.map((s) => stateCount(s, counts[s] ?? 0))}</ul>
<h2>Failed jobs</h2>
${
  failures.length
    ? html`<table class="failed">
  <thead><tr><th scope="col">Job</th><th scope="col">Article</th><th scope="col">Reason</th><th scope="col">Attempts</th><th scope="col">Failed</th><th scope="col"></th></tr></thead>
  <tbody>${failures.map(
    (f) => html`<tr>
    <td><code>${f.jobId}</code></td>
    <td>${f.corrupt ? html`<em class="corrupt">${f.name}</em>` : f.name}</td>
    <td class="reason">${failureReasonCell(f.reason)}</td>
    <td>${f.attemptsMade}</td>
    <td>${f.failedAt ? formatTime(new Date(f.failedAt).toISOString()) : ''}</td>
    <td><form method="post" action="/queue/jobs/${encodeURIComponent(f.jobId)}/retry"><button type="submit">Retry</button></form></td>
  </tr>`,
  )}</tbody>
</table>`
    : html`<p class="hint">No failed jobs.</p>`
}
</section>`;
}

/** One state's count; a zero is marked so that "0 failed" is not drawn in the alarm colour. */
function stateCount(state: string, count: number): Html {
  return html`<li class="state${count ? '' : ' zero'}" data-state="${state}"><span class="n">${count}</span> ${state}</li>`;
}

/** A failure reason in words, with its error code (e.g. `GALLEY_INPUT_EMPTY`) apart when it has one. */
function failureReasonCell(reason: string): Html {
  const { message, code } = parseFailureReason(reason);
  return html`${message}${code ? html` <code class="error-code">${code}</code>` : ''}`;
}

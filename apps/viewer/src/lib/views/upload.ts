import { html } from 'hono/html';
import { MAX_JOB_SOURCE_BYTES } from '@galley/queue/settings';
import { type Html, layout } from './layout.js';

/** One uploaded file's outcome, in words. */
export interface UploadLine {
  name: string;
  ok: boolean;
  text: string;
}

/** The upload page: a form for article files, and the outcome of the last upload. */
export function uploadPage(lines: readonly UploadLine[], maxFiles: number, error = ''): Html {
  const body = html`
<section class="list-head"><h1>Upload articles</h1>
<p class="hint">Plain text, Markdown or HTML files, up to ${maxFiles} at once and ${MAX_JOB_SOURCE_BYTES / 1048576} MB each,
are queued for <code>galley worker</code>, with the checks of <code>galley queue</code>: an article already queued is not queued twice.</p></section>
${error ? html`<p class="notice error" role="alert">${error}</p>` : ''}
${
  lines.length
    ? html`<ul class="upload-outcomes" role="status">${lines.map(
        (line) => html`<li class="${line.ok ? 'ok' : 'error'}"><strong>${line.name}</strong>: ${line.text}</li>`,
      )}</ul>`
    : ''
}
<form method="post" action="/upload" enctype="multipart/form-data">
  <p><label for="files">Article files</label><br><input id="files" type="file" name="files" multiple required accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"></p>
  <p><button type="submit">Queue</button></p>
</form>`;
  return layout('Upload', 'upload', body);
}

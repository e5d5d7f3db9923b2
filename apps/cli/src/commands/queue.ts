import { GalleyError, failureReason } from '@galley/document';
import { decodeSource } from '@galley/pipeline/decode';
import {
  type EnqueueOutcome,
  MAX_JOB_SOURCE_BYTES,
  type QueueWatcher,
  checkJobSourceSize,
  enqueueArticles,
  watchQueue,
} from '@galley/queue';
import { articleOptions, readArticleOptions, urlSafeguards } from '../lib/article-options.js';
import { defineCommand } from '../lib/command.js';
import { inputFailure } from '../lib/errors.js';
import { collectInputs } from '../lib/inputs.js';
import { ProgressView } from '../lib/progress.js';
import { queueEnv } from '../lib/queue-env.js';
import { styles } from '../lib/style.js';

/** `galley queue`: exit 1 when an input was refused or, with --wait, failed. */
export const queueCommand = defineCommand({
  name: 'queue',
  operands: '<file|dir|glob|url|->...',
  arity: 'required',
  missing: 'give at least one file, directory, glob, URL or - (standard input)',
  description: `Queues one job per article for "galley worker" (Redis at $REDIS_URL, default
redis://127.0.0.1:6379; queue $GALLEY_QUEUE, default galley-articles). An article
already queued (same content) is not queued again; a failed one is retried.
Articles travel inside the job, up to ${MAX_JOB_SOURCE_BYTES / 1048576} MB each, and are refused here, before
queueing, for what "galley process" refuses (empty, binary, not UTF-8).
${urlSafeguards}
The worker publishes every job, whatever --stages says.
Exit status: 0 when every input was queued (and, with --wait, processed), 1 otherwise,
2 for a usage mistake.`,
  options: {
    ...articleOptions,
    wait: { type: 'boolean', help: 'show progress until every job is done, then a summary (exit 1 if any failed)' },
  },
  examples: [
    ['galley queue samples/ --wait', 'queue a folder and wait for the workers'],
    ["galley queue 'feeds/**/*.html'", 'a glob the shell left unexpanded'],
    ['galley queue https://example.org/story.html', 'fetch a page here and queue it'],
  ],
  async run(values, operands) {
    const { format, stages, allowPrivateUrls } = readArticleOptions(values);
    const env = queueEnv();
    const { inputs, missing } = await collectInputs(operands, checkJobSourceSize);
    const style = styles(process.stderr);
    for (const { name, error } of missing)
      process.stderr.write(`${style.red('galley:')} ${inputFailure(name, error)}\n`);
    if (!inputs.length) return 1;

    // Listen before adding, so no job can finish unseen between the add and the wait.
    const watcher = values.wait ? await watchQueue(env) : undefined;
    try {
      const outcomes = await enqueueArticles(inputs, {
        redisUrl: env.redisUrl,
        queueName: env.queueName,
        ...(format ? { format } : {}),
        ...(stages ? { stages } : {}),
        fetch: { allowPrivate: allowPrivateUrls },
        // The stages' own input check: what "galley process" refuses is refused here, not in a worker.
        // It returns the text, which is what is queued for a page served in another charset.
        check: (bytes, hints) => decodeSource(bytes, MAX_JOB_SOURCE_BYTES, hints),
        onOutcome: (outcome) => {
          const line = describeOutcome(outcome);
          process.stderr.write(`${outcome.status === 'refused' ? style.red('galley:') : 'galley:'} ${line}\n`);
        },
      });
      const refused = outcomes.filter((o) => o.status === 'refused').length;
      const tracked = outcomes.filter(
        (o): o is Exclude<EnqueueOutcome, { status: 'refused' }> => o.status !== 'refused',
      );
      const counts = countBy(outcomes.map((o) => o.status));
      process.stderr.write(
        `galley: ${counts.queued ?? 0} queued, ${counts.duplicate ?? 0} already queued, ${counts.retried ?? 0} retried, ${refused} refused (queue ${env.queueName})\n`,
      );
      if (!watcher) return refused || missing.length ? 1 : 0;
      const failed = await waitForJobs(watcher, tracked);
      return refused || missing.length || failed ? 1 : 0;
    } finally {
      await watcher?.close();
    }
  },
});

function describeOutcome(outcome: EnqueueOutcome): string {
  switch (outcome.status) {
    case 'queued':
      return `${outcome.name}: queued as ${outcome.jobId}`;
    case 'retried':
      return `${outcome.name}: had failed before; queued again (${outcome.jobId})`;
    case 'duplicate':
      return `${outcome.name}: already queued with the same content (job ${outcome.jobId}, ${outcome.state}); not queued twice`;
    case 'refused': {
      const reason = outcome.code ? failureReason(new GalleyError(outcome.code, outcome.reason)) : outcome.reason;
      // A fetch failure names its URL already (`could not fetch https://…: no such host`).
      return reason.includes(outcome.name) ? `not queued: ${reason}` : `${outcome.name}: not queued: ${reason}`;
    }
  }
}

/**
 * Wait until every tracked job is completed or failed, showing progress, then print a summary.
 * Returns the number of failed jobs.
 */
async function waitForJobs(
  watcher: QueueWatcher,
  jobs: ReadonlyArray<{ name: string; jobId: string }>,
): Promise<number> {
  const names = new Map(jobs.map((j) => [j.jobId, j.name]));
  const view = new ProgressView(process.stderr, names.size);
  if ((await watcher.workerCount()) === 0)
    view.note('no worker is running on this queue yet: start one with "galley worker"');
  const outcomes = await watcher.waitFor([...names.keys()], {
    onProgress: (jobId, progress) => view.stage(names.get(jobId) ?? jobId, progress.stage),
    onFinish: (outcome) => {
      const name = names.get(outcome.jobId) ?? outcome.jobId;
      if (outcome.ok) view.finish(name, `${outcome.result.location} (${Math.round(outcome.result.totalMs)} ms)`);
      else view.finish(name, undefined, outcome.reason);
    },
  });
  view.end();
  const failures = outcomes.filter((o) => !o.ok);
  process.stderr.write(`galley: ${outcomes.length - failures.length} done, ${failures.length} failed\n`);
  for (const f of failures) process.stderr.write(`  failed: ${names.get(f.jobId)}: ${f.ok ? '' : f.reason}\n`);
  return failures.length;
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type SourceFormat, sourceFormats } from '@galley/document';
import { parseStages } from '@galley/pipeline';
import {
  type ArticleInput,
  type EnqueueOutcome,
  checkJobSourceSize,
  MAX_JOB_SOURCE_BYTES,
  type QueueWatcher,
  enqueueArticles,
  watchQueue,
} from '@galley/queue';
import { expandInputs } from '../lib/inputs.js';
import { expandGlob, isGlob } from '../lib/glob.js';
import { queueEnv } from '../lib/queue-env.js';
import { UsageError } from '../lib/usage.js';
import { ProgressView } from '../lib/progress.js';

export const queueUsage = `galley queue <file|dir|glob|url>... [--wait] [--format text|markdown|html] [--stages LIST] [--allow-private-urls]

Queues one job per article for "galley worker" (Redis at $REDIS_URL, default
redis://127.0.0.1:6379; queue $GALLEY_QUEUE, default galley-articles). An article
already queued (same content) is not queued again; a failed one is retried.
Articles travel inside the job up to ${MAX_JOB_SOURCE_BYTES / 1048576} MB each. URLs (http/https) are fetched
here, with a time and size limit; private and loopback addresses are refused
unless --allow-private-urls is given.
--wait shows progress until every job is done and prints a summary (exit 1 if any failed).`;

/** `galley queue`: returns the exit code (1 when an input was refused or, with --wait, failed). */
export async function queueCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      wait: { type: 'boolean', default: false },
      format: { type: 'string' },
      stages: { type: 'string' },
      'allow-private-urls': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${queueUsage}\n`);
    return 0;
  }
  if (!positionals.length) throw new UsageError('give at least one file, directory, glob or URL', queueUsage);
  const format = values.format;
  if (format !== undefined && !(sourceFormats as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${sourceFormats.join(', ')}`, queueUsage);
  }
  const stages = values.stages ? parseStages(values.stages) : undefined;
  const env = queueEnv(queueUsage);
  const { inputs, missing } = await collectInputs(positionals);
  for (const name of missing) process.stderr.write(`galley: ${name}: no such file, directory or matching glob\n`);
  if (!inputs.length) return 1;

  // Listen before adding, so no job can finish unseen between the add and the wait.
  const watcher = values.wait ? await watchQueue(env) : undefined;
  try {
    const outcomes = await enqueueArticles(inputs, {
      redisUrl: env.redisUrl,
      queueName: env.queueName,
      ...(format ? { format: format as SourceFormat } : {}),
      ...(stages ? { stages } : {}),
      fetch: { allowPrivate: values['allow-private-urls'] },
      onOutcome: (outcome) => process.stderr.write(`galley: ${describeOutcome(outcome)}\n`),
    });
    const refused = outcomes.filter((o) => o.status === 'refused').length;
    const tracked = outcomes.filter((o): o is Exclude<EnqueueOutcome, { status: 'refused' }> => o.status !== 'refused');
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
}

async function collectInputs(args: string[]): Promise<{ inputs: ArticleInput[]; missing: string[] }> {
  const inputs: ArticleInput[] = [];
  const missing: string[] = [];
  const paths: string[] = [];
  for (const arg of args) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) inputs.push({ url: arg });
    else if (isGlob(arg) && !(await exists(arg))) {
      const files = await expandGlob(arg);
      if (files.length) paths.push(...files);
      else missing.push(arg);
    } else paths.push(arg);
  }
  for (const input of await expandInputs(paths, checkJobSourceSize)) {
    if ('error' in input) missing.push(input.name);
    else inputs.push(input);
  }
  return { inputs, missing };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function describeOutcome(outcome: EnqueueOutcome): string {
  switch (outcome.status) {
    case 'queued':
      return `${outcome.name}: queued as ${outcome.jobId}`;
    case 'retried':
      return `${outcome.name}: had failed before; queued again (${outcome.jobId})`;
    case 'duplicate':
      return `${outcome.name}: already queued with the same content (job ${outcome.jobId}, ${outcome.state}); not queued twice`;
    case 'refused':
      return `${outcome.name}: not queued: ${outcome.reason}`;
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

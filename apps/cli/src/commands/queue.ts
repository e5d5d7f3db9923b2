import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { QueueEvents, Queue } from 'bullmq';
import { type SourceFormat, sourceFormats } from '@galley/document';
import { parseStages } from '@galley/pipeline';
import {
  type ArticleInput,
  type EnqueueOutcome,
  MAX_JOB_SOURCE_BYTES,
  connectProducer,
  createWorkerConnection,
  enqueueArticles,
  parseJobProgress,
  parseJobResult,
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
  const env = queueEnv();
  const { inputs, missing } = await collectInputs(positionals);
  for (const name of missing) process.stderr.write(`galley: ${name}: no such file, directory or matching glob\n`);
  if (!inputs.length) return 1;

  // Listen before adding, so no job can finish unseen between the add and the wait.
  const events = values.wait ? await openEvents(env.redisUrl, env.queueName) : undefined;
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
    if (!events) return refused || missing.length ? 1 : 0;
    const failed = await waitForJobs(events, env.redisUrl, env.queueName, tracked);
    return refused || missing.length || failed ? 1 : 0;
  } finally {
    await events?.close();
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
  for (const input of await expandInputs(paths)) {
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

async function openEvents(redisUrl: string, queueName: string): Promise<QueueEvents> {
  // Fail fast with the friendly message when Redis is down, before QueueEvents starts retrying.
  (await connectProducer(redisUrl)).disconnect();
  const events = new QueueEvents(queueName, { connection: createWorkerConnection(redisUrl) });
  events.on('error', () => {
    // Connection trouble shows up as a stalled wait; the poll below keeps the truth.
  });
  await events.waitUntilReady();
  return events;
}

type Final = { ok: true; location: string; ms: number } | { ok: false; reason: string };

/**
 * Wait until every tracked job is completed or failed, showing progress, then print a summary.
 * Events drive the display; a poll of the job states every second is the source of truth, so a
 * missed event (a reconnect, a trimmed stream) cannot make the wait hang.
 */
async function waitForJobs(
  events: QueueEvents,
  redisUrl: string,
  queueName: string,
  jobs: ReadonlyArray<{ name: string; jobId: string }>,
): Promise<number> {
  const names = new Map(jobs.map((j) => [j.jobId, j.name]));
  const finals = new Map<string, Final>();
  const view = new ProgressView(process.stderr, names.size);
  const connection = await connectProducer(redisUrl);
  const queue = new Queue(queueName, { connection });
  queue.on('error', () => {});
  const settle = (jobId: string, final: Final): void => {
    if (!names.has(jobId) || finals.has(jobId)) return;
    finals.set(jobId, final);
    view.finish(names.get(jobId) ?? jobId, final.ok ? `${final.location} (${Math.round(final.ms)} ms)` : undefined, final.ok ? undefined : final.reason);
  };
  events.on('progress', ({ jobId, data }) => {
    const progress = parseJobProgress(data);
    if (progress && names.has(jobId) && !finals.has(jobId)) view.stage(names.get(jobId) ?? jobId, progress.stage);
  });
  events.on('completed', ({ jobId, returnvalue }) => settle(jobId, completedFinal(returnvalue)));
  events.on('failed', ({ jobId, failedReason }) => settle(jobId, { ok: false, reason: failedReason }));
  try {
    if ((await queue.getWorkersCount()) === 0) view.note('no worker is running on this queue yet: start one with "galley worker"');
    while (finals.size < names.size) {
      for (const jobId of names.keys()) {
        if (finals.has(jobId)) continue;
        const job = await queue.getJob(jobId);
        if (!job) settle(jobId, { ok: false, reason: 'the job disappeared (removed from the queue)' });
        else {
          const state = await job.getState();
          if (state === 'failed') settle(jobId, { ok: false, reason: job.failedReason });
          else if (state === 'completed') settle(jobId, completedFinal(job.returnvalue));
        }
      }
      if (finals.size < names.size) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await queue.close();
    connection.disconnect();
  }
  view.end();
  const failures = [...finals].filter(([, f]) => !f.ok) as Array<[string, { ok: false; reason: string }]>;
  process.stderr.write(`galley: ${finals.size - failures.length} done, ${failures.length} failed\n`);
  for (const [jobId, f] of failures) process.stderr.write(`  failed: ${names.get(jobId)}: ${f.reason}\n`);
  return failures.length;
}

function completedFinal(value: unknown): Final {
  try {
    const result = parseJobResult(typeof value === 'string' ? JSON.parse(value) : value);
    return { ok: true, location: result.location, ms: result.totalMs };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

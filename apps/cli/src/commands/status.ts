import { parseArgs } from 'node:util';
import { JOB_STATES, queueStatus } from '@galley/queue';
import { positiveInt, queueEnv } from '../lib/queue-env.js';

export const statusUsage = `galley status [--failures N] [--json]

Job counts per state in the queue ($GALLEY_QUEUE, default galley-articles, at $REDIS_URL)
and the latest failed jobs with their reasons (default 10). --json prints one JSON object.`;

/** `galley status`: prints counts and recent failures; exit 0 when Redis answered. */
export async function statusCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      failures: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${statusUsage}\n`);
    return 0;
  }
  const env = queueEnv(statusUsage);
  const status = await queueStatus(
    env.redisUrl,
    env.queueName,
    positiveInt(values.failures, '--failures', statusUsage) ?? 10,
  );
  if (values.json) {
    process.stdout.write(`${JSON.stringify(status)}\n`);
    return 0;
  }
  const lines = [`queue ${status.queueName}`];
  const width = Math.max(...JOB_STATES.map((s) => s.length));
  for (const state of JOB_STATES) lines.push(`  ${state.padEnd(width)}  ${status.counts[state] ?? 0}`);
  if (status.failures.length) {
    lines.push('', `latest failures (${status.failures.length}):`);
    for (const f of status.failures) {
      const when = f.failedAt ? new Date(f.failedAt).toISOString() : '';
      lines.push(
        `  ${when}  ${f.name}  (after ${f.attemptsMade} attempt${f.attemptsMade === 1 ? '' : 's'})`,
        `      ${f.reason}`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

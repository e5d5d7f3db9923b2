import { JOB_STATES, queueStatus } from '@galley/queue';
import { defineCommand } from '../lib/command.js';
import { positiveInt } from '../lib/numbers.js';
import { queueEnv } from '../lib/queue-env.js';

/** `galley status`: prints counts and recent failures; exit 0 when Redis answered. */
export const statusCommand = defineCommand({
  name: 'status',
  operands: '',
  arity: 'none',
  description: `Job counts per state in the queue ($GALLEY_QUEUE, default galley-articles, at $REDIS_URL)
and the latest failed jobs with their reasons. Each reason ends with its error code in
brackets, e.g. [GALLEY_INPUT_EMPTY].`,
  options: {
    failures: { type: 'string', value: 'N', help: 'how many of the latest failures to list (default 10)' },
    json: { type: 'boolean', help: 'print one JSON object instead of the table' },
  },
  examples: [
    ['galley status', 'counts and the 10 latest failures'],
    ['galley status --failures 50 --json', 'for a script'],
  ],
  async run(values) {
    const env = queueEnv();
    const status = await queueStatus(env.redisUrl, env.queueName, positiveInt(values.failures, '--failures') ?? 10);
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
  },
});

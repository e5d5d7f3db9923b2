import { parseArgs } from 'node:util';
import { startViewer } from '@galley/viewer';
import { corpusOptions, dataDir } from '../lib/env.js';
import { queueEnv } from '../lib/queue-env.js';
import { UsageError } from '../lib/usage.js';

export const viewUsage = `galley view [--port 3000] [--host 127.0.0.1] [--data DIR] [--redis URL] [--queue NAME]

Serves the viewer for the articles published under DIR (default $GALLEY_DATA, else
./data/articles), read from the corpus index: DIR/corpus.sqlite, or PostgreSQL at
$DATABASE_URL when it is set. The article list with search, site, date and entity filters,
each article with its entities, quotes and figures, Entities, one page per entity across
articles, Sources, Places, CSV and JSON Lines exports, and the queue
(Redis at --redis, else $REDIS_URL, else redis://127.0.0.1:6379; the rest works without it).
It listens on 127.0.0.1 only unless --host says otherwise; article pages are not protected
by a password, so think before you pass --host 0.0.0.0. Stop it with Ctrl-C.`;

/** `galley view`: runs until SIGINT or SIGTERM, then returns 0. */
export async function viewCommand(argv: string[], signal?: AbortSignal): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      redis: { type: 'string' },
      queue: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${viewUsage}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535 (got "${values.port}")`, viewUsage);
  if (!values.host) throw new UsageError('--host must not be empty', viewUsage);
  const { redisUrl, queueName } = queueEnv(viewUsage, { redis: values.redis, queue: values.queue });
  const data = dataDir(values.data);
  const { databaseUrl } = corpusOptions(data);
  const viewer = await startViewer({
    dataDir: data,
    port,
    host: values.host,
    redisUrl,
    queueName,
    ...(databaseUrl ? { databaseUrl } : {}),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error?.code === 'EADDRINUSE')
      throw new UsageError(`port ${port} on ${values.host} is in use; choose another with --port`, viewUsage);
    if (error?.code === 'EADDRNOTAVAIL' || error?.code === 'ENOTFOUND')
      throw new UsageError(`cannot listen on --host ${values.host} (${error.code})`, viewUsage);
    throw error;
  });
  process.stderr.write(`galley view: serving ${data} at ${viewer.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  await viewer.close();
  return 0;
}

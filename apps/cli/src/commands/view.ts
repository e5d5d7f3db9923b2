import { UsageError, describeSystemError } from '@galley/document';
import { startViewer } from '@galley/viewer';
import { defineCommand } from '../lib/command.js';
import { corpusOptions, dataDir } from '../lib/env.js';
import { portNumber } from '../lib/numbers.js';
import { queueEnv } from '../lib/queue-env.js';

/** `galley view`: runs until SIGINT or SIGTERM, then returns 0. */
export const viewCommand = defineCommand({
  name: 'view',
  operands: '',
  arity: 'none',
  description: `Serves the viewer for the articles published under DIR (default $GALLEY_DATA, else
./data/articles), read from the corpus index: DIR/corpus.sqlite, or PostgreSQL at
$DATABASE_URL when it is set. The article list with search, site, date and entity filters,
each article with its entities, quotes and figures, Entities, one page per entity across
articles, Sources, Places, CSV and JSON Lines exports, and the queue
(Redis at --redis, else $REDIS_URL, else redis://127.0.0.1:6379; the rest works without it).
It listens on 127.0.0.1 only unless --host says otherwise; article pages are not protected
by a password, so think before you pass --host 0.0.0.0. Stop it with Ctrl-C.`,
  options: {
    port: { type: 'string', value: 'PORT', help: 'port to listen on; 0 picks a free one (default: $PORT, else 3000)' },
    host: { type: 'string', value: 'HOST', help: 'address to listen on (default 127.0.0.1)' },
    data: { type: 'string', value: 'DIR', help: 'published articles (default: $GALLEY_DATA, else ./data/articles)' },
    redis: { type: 'string', value: 'URL', help: 'Redis for the queue page (default: $REDIS_URL)' },
    queue: {
      type: 'string',
      value: 'NAME',
      help: 'queue for the queue page (default: $GALLEY_QUEUE, else galley-articles)',
    },
  },
  examples: [
    ['galley view', 'http://127.0.0.1:3000/ for ./data/articles'],
    ['galley view --port 8080 --data /srv/articles', 'another port and folder'],
  ],
  async run(values) {
    const port = values.port ? portNumber(values.port, '--port')! : (portNumber(process.env.PORT, 'PORT') ?? 3000);
    const host = values.host ?? '127.0.0.1';
    if (!host) throw new UsageError('--host must not be empty');
    const { redisUrl, queueName } = queueEnv({ redis: values.redis, queue: values.queue });
    const data = dataDir(values.data);
    const { databaseUrl } = corpusOptions(data);
    const viewer = await startViewer({
      dataDir: data,
      port,
      host,
      redisUrl,
      queueName,
      ...(databaseUrl ? { databaseUrl } : {}),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error?.code === 'EADDRINUSE')
        throw new UsageError(`port ${port} on ${host} is in use; choose another with --port`);
      if (error?.code === 'EADDRNOTAVAIL' || error?.code === 'ENOTFOUND' || error?.code === 'EACCES')
        throw new UsageError(`cannot listen on ${host}:${port}: ${describeSystemError(error) ?? error.message}`);
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
    });
    await viewer.close();
    return 0;
  },
});

#!/usr/bin/env node
import { UsageError } from '../lib/usage.js';

const usage = `usage: galley <command> [options]

commands:
  process <file|dir|->...   run the stages in this process and publish the results
  queue <file|dir|url>...   queue articles for the workers (Redis)
  worker                    run a worker that processes queued articles
  status                    job counts and the latest failures
  view                      serve the viewer for published articles
  reindex                   rebuild the corpus index from the published files

Run "galley <command> --help" for a command's options.`;

type Command = (argv: string[]) => Promise<number>;

/** Commands load lazily, so `galley process` never loads the queue or the web server. */
const commands: Record<string, () => Promise<Command>> = {
  process: async () => (await import('../commands/process.js')).processCommand,
  queue: async () => (await import('../commands/queue.js')).queueCommand,
  worker: async () => (await import('../commands/worker.js')).workerCommand,
  status: async () => (await import('../commands/status.js')).statusCommand,
  view: async () => (await import('../commands/view.js')).viewCommand,
  reindex: async () => (await import('../commands/reindex.js')).reindexCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage}\n`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`galley: unknown command "${name}"\n\n${usage}\n`);
    return 2;
  }
  try {
    return await (
      await load()
    )(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`galley ${name}: ${error.message}\n\n${error.usage}\n`);
      return 2;
    }
    const e = error as Error & { code?: string };
    // By name, not instanceof: importing the pipeline here would load every stage for every command.
    if (
      e?.name === 'InputError' ||
      e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
      e?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
      e?.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
    ) {
      process.stderr.write(`galley ${name}: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`galley ${name}: ${process.env.GALLEY_DEBUG ? e?.stack : (e?.message ?? String(error))}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

import type { Command } from '../lib/command.js';

/** A command as the top-level help lists it; its module loads only when it runs. */
export interface CommandEntry {
  /** One line for `galley --help`. */
  summary: string;
  /** The command's module, loaded lazily so `galley process` never loads the queue or the web server. */
  load(): Promise<Command>;
}

/**
 * Every `galley` command. To add one: write `src/commands/<name>.ts` exporting a command made
 * with `defineCommand` (name, operands, description, options, examples, run), then add a line
 * here. Parsing, `--help`, usage after a mistake, "did you mean" and exit codes come with it.
 */
export const commands: Record<string, CommandEntry> = {
  process: {
    summary: 'run the stages in this process and publish the results',
    load: async () => (await import('./process.js')).processCommand,
  },
  queue: {
    summary: 'queue articles for the workers (Redis)',
    load: async () => (await import('./queue.js')).queueCommand,
  },
  worker: {
    summary: 'run a worker that processes queued articles',
    load: async () => (await import('./worker.js')).workerCommand,
  },
  status: {
    summary: 'job counts and the latest failures',
    load: async () => (await import('./status.js')).statusCommand,
  },
  view: {
    summary: 'serve the viewer for published articles',
    load: async () => (await import('./view.js')).viewCommand,
  },
  feeds: {
    summary: 'follow RSS, Atom, JSON feeds and news sitemaps (add, list, remove, poll, import)',
    load: async () => (await import('./feeds.js')).feedsCommand,
  },
  reindex: {
    summary: 'rebuild the corpus index from the published files',
    load: async () => (await import('./reindex.js')).reindexCommand,
  },
};

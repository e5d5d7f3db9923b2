import { parseArgs } from 'node:util';
import { openCorpus } from '@galley/corpus';
import { type SourceFormat, sourceFormats } from '@galley/document';
import { InputError, parseStages, runPipeline } from '@galley/pipeline';
import { DirectoryStore, publishedFiles } from '@galley/publish';
import { corpusOptions, dataDir } from '../lib/env.js';
import { expandInputs } from '../lib/inputs.js';
import { UsageError } from '../lib/usage.js';

export const processUsage = `galley process <file|dir|->... [--format text|markdown|html] [--stages clean,segment,entities,publish] [--out DIR] [--json]

Runs the stages in this process (no Redis needed) and publishes each article to
<out>/<id>/article.{json,md,html}. --out defaults to $GALLEY_DATA, else ./data/articles.
--json prints each document on standard output (one JSON line per article).`;

/** `galley process`: returns the exit code (1 when any input failed). */
export async function processCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      stages: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${processUsage}\n`);
    return 0;
  }
  if (!positionals.length)
    throw new UsageError('give at least one file, directory or - (standard input)', processUsage);
  const format = values.format;
  if (format !== undefined && !(sourceFormats as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${sourceFormats.join(', ')}`, processUsage);
  }
  const stages = values.stages ? parseStages(values.stages) : undefined;
  const store = new DirectoryStore(dataDir(values.out));
  // Each published article goes into the corpus index too, so the viewer's lists show it.
  const corpus = await openCorpus(corpusOptions(store.root));
  let failed = 0;
  for (const input of await expandInputs(positionals)) {
    if ('error' in input) {
      failed++;
      process.stderr.write(`galley: ${input.name}: ${input.error}\n`);
      continue;
    }
    try {
      const bytes = await input.read();
      const result = await runPipeline(bytes, {
        ...(format ? { format: format as SourceFormat } : {}),
        ...(stages ? { stages } : {}),
        ...(input.name !== '-' ? { path: input.name } : {}),
        // The stage messages are not shown, so they are not recorded (each captures a stack).
        messages: false,
      });
      const { article } = result;
      await store.put(article.id, publishedFiles(result));
      await corpus.index(article);
      if (values.json) process.stdout.write(`${JSON.stringify(article)}\n`);
      else
        process.stderr.write(
          `galley: ${input.name} → ${store.locate(article.id)} (${article.sentences.length} sentences, ${article.entities.length} entities, ${article.quotes.length} quotes)\n`,
        );
    } catch (error) {
      failed++;
      process.stderr.write(`galley: ${input.name}: ${describeError(error)}\n`);
    }
  }
  await corpus.close();
  return failed ? 1 : 0;
}

/** One line a user can act on; stack traces only for bugs, and only with GALLEY_DEBUG. */
export function describeError(error: unknown): string {
  if (error instanceof InputError) return error.message;
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EACCES') return `permission denied (${e.path ?? ''})`;
  if (e?.code === 'EISDIR') return 'is a directory';
  if (e?.code === 'ENOSPC') return 'no space left on the output device';
  if (process.env.GALLEY_DEBUG) return String(e?.stack ?? e);
  return `internal error: ${e?.message ?? String(e)} (set GALLEY_DEBUG=1 for details)`;
}

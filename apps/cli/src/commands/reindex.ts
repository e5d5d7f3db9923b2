import { openCorpus, rebuildCorpus } from '@galley/corpus';
import { UsageError } from '@galley/document';
import { DirectoryReader } from '@galley/publish';
import { defineCommand } from '../lib/command.js';
import { corpusOptions, dataDir } from '../lib/env.js';

/** How many unreadable files are named one by one before the rest are only counted. */
const NAMED_INVALID = 20;

/** `galley reindex`: 0 when done (unreadable files are reported and skipped), 1 when the index cannot be written. */
export const reindexCommand = defineCommand({
  name: 'reindex',
  operands: '',
  arity: 'none',
  description: `Rebuilds the corpus index from the articles published under DIR (default $GALLEY_DATA, else
./data/articles): every <id>/article.json is read and indexed again, and articles whose files
are gone leave the index (--keep leaves them). The index is DIR/corpus.sqlite, or the
PostgreSQL database at $DATABASE_URL when it is set. Safe to run while workers publish.
The index is rebuilt in bulk: the articles are stored first, then the counters and the search
index are derived at the end in one transaction (workers publishing meanwhile wait for it, and
until then the cross-article pages show the index as it was); an interrupted bulk rebuild is
completed by the next galley reindex. --incremental keeps every batch exact instead.
Progress goes to standard error.`,
  options: {
    data: { type: 'string', value: 'DIR', help: 'published articles (default: $GALLEY_DATA, else ./data/articles)' },
    keep: { type: 'boolean', help: 'keep index entries whose files are gone (default: remove them)' },
    incremental: {
      type: 'boolean',
      help: 'update counters and search after every batch (slower; default: derive them at the end)',
    },
  },
  examples: [
    ['galley reindex', 'rebuild ./data/articles/corpus.sqlite'],
    ['DATABASE_URL=postgres://galley@db.example/galley galley reindex --data /srv/articles', 'into PostgreSQL'],
  ],
  async run(values) {
    if (values.data === '') throw new UsageError('--data must not be empty');
    const data = dataDir(values.data);
    const corpus = await openCorpus(corpusOptions(data));
    const out = process.stderr;
    const tty = Boolean(out.isTTY);
    let lastLine = 0;
    let invalid = 0;
    const rate = (n: number, ms: number) => (ms > 0 ? Math.round((n / ms) * 1000) : 0);
    try {
      out.write(`galley reindex: ${data} → ${corpus.location.where}\n`);
      const result = await rebuildCorpus(corpus, new DirectoryReader(data).articles(), {
        prune: values.keep !== true,
        bulk: values.incremental !== true,
        onProgress: (p) => {
          const line = `indexed ${p.indexed.toLocaleString('en')} articles (${rate(p.indexed, p.elapsedMs).toLocaleString('en')}/s)`;
          if (tty) out.write(`\r\x1b[2K${line}`);
          else if (p.elapsedMs - lastLine >= 5000) {
            lastLine = p.elapsedMs;
            out.write(`${line}\n`);
          }
        },
        onInvalid: (_id, error) => {
          if (++invalid <= NAMED_INVALID) out.write(`${tty ? '\r\x1b[2K' : ''}skipped: ${error.message}\n`);
        },
      });
      if (tty) out.write('\r\x1b[2K');
      if (invalid > NAMED_INVALID) out.write(`… and ${invalid - NAMED_INVALID} more unreadable\n`);
      out.write(
        `galley reindex: ${result.indexed.toLocaleString('en')} articles indexed, ${result.invalid} unreadable skipped, ` +
          `${result.removed} removed, in ${(result.elapsedMs / 1000).toFixed(1)} s (${rate(result.indexed, result.elapsedMs).toLocaleString('en')}/s)\n`,
      );
      return 0;
    } finally {
      await corpus.close();
    }
  },
});

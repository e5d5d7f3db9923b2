import path from 'node:path';
import { openCorpus } from '@galley/corpus';
import type { SourceFormat } from '@galley/document';
// The stages run in the runner's thread: the subpaths keep their code (a second of start-up)
// out of this one.
import { checkArticleSize } from '@galley/pipeline/decode';
import { FAULT_MODULE_ENV, PipelineRunner } from '@galley/pipeline/runner';
import { DirectoryStore, publishedFiles } from '@galley/publish';
import { articleOptions, readArticleOptions, urlSafeguards } from '../lib/article-options.js';
import { defineCommand } from '../lib/command.js';
import { corpusOptions, dataDir, dataDirSource, displayPath } from '../lib/env.js';
import { inputFailure, prepareOutputFolder } from '../lib/errors.js';
import { limitOptions, readLimitOptions } from '../lib/limit-options.js';
import { collectInputs } from '../lib/inputs.js';
import { styles } from '../lib/style.js';

/** `galley process`: exit 0 when every input was processed, 1 when any failed. */
export const processCommand = defineCommand({
  name: 'process',
  operands: '<file|dir|glob|url|->...',
  arity: 'required',
  missing: 'give at least one file, directory, glob, URL or - (standard input)',
  description: `Runs the stages in this process (no Redis needed) and publishes each article to
<out>/<id>/article.{json,md,html}. --out defaults to $GALLEY_DATA, else ./data/articles.
${urlSafeguards}
--stages without publish computes the document and writes nothing unless --out is given (use
it with --json to look at one stage's output). A bad input (missing, empty, binary, not UTF-8,
over 5 MB) gets one line on standard error and does not stop the others.
Each article runs in a stage thread under the same budget as in "galley worker": an article
over --time-limit or --memory-limit is stopped, fails with the same reason, and the next one
runs in a fresh thread.
Exit status: 0 when every input was processed, 1 when any failed, 2 for a usage mistake.`,
  options: {
    ...articleOptions,
    ...limitOptions,
    out: { type: 'string', value: 'DIR', help: 'publish under DIR (default: $GALLEY_DATA, else ./data/articles)' },
    json: { type: 'boolean', help: 'print each document on standard output, one JSON line per article' },
  },
  examples: [
    ['galley process samples/', 'every article in a folder, published to ./data/articles'],
    ['galley process story.html --out /tmp/articles', 'one page, published elsewhere'],
    ['galley process https://example.org/story.html', 'fetch a page and process it'],
    ["echo 'One here. Two there.' | galley process - --stages segment --json", 'sentences only, nothing written'],
  ],
  async run(values, operands) {
    const { format, stages, allowPrivateUrls } = readArticleOptions(values);
    const { timeLimitMs, memoryLimitMb } = readLimitOptions(values);
    // Publishing is a stage: a run of some stages without it is a look at their output, which
    // must not leave a half-processed article in the folder the viewer lists.
    const writes = !stages || stages.includes('publish') || values.out !== undefined;
    const out = dataDir(values.out);
    if (writes) await prepareOutputFolder(out, dataDirSource(values.out, '--out'));
    const store = new DirectoryStore(out);
    // Each published article goes into the corpus index too, so the viewer's lists show it.
    const corpus = writes ? await openCorpus(corpusOptions(store.root)) : undefined;
    const style = styles(process.stderr);
    const { inputs, missing } = await collectInputs(operands, checkArticleSize);
    const fail = (name: string, error: unknown): void => {
      process.stderr.write(`${style.red('galley:')} ${inputFailure(name, error)}\n`);
    };
    for (const { name, error } of missing) fail(name, error);
    let failed = missing.length;
    // Test only, as in the worker: a module that makes chosen articles throw, hang or hoard memory.
    const faultModule = process.env[FAULT_MODULE_ENV] || undefined;
    if (faultModule) process.stderr.write(`galley: fault injection on (test only): ${faultModule}\n`);
    const runner = new PipelineRunner({
      ...(memoryLimitMb ? { memoryLimitMb } : {}),
      ...(faultModule ? { faultModule: path.resolve(faultModule) } : {}),
    });
    try {
      for (const input of inputs) {
        const name = 'url' in input ? input.url : input.name;
        try {
          const source = 'url' in input ? await fetchUrl(input.url, allowPrivateUrls) : await readFile(input);
          const result = await runner.run(
            {
              source: source.bytes,
              ...(format || source.format ? { format: format ?? source.format } : {}),
              ...(stages ? { stages } : {}),
              ...(source.path ? { path: source.path } : {}),
              ...(source.url ? { url: source.url } : {}),
              ...(source.charset ? { charset: source.charset } : {}),
            },
            timeLimitMs ? { timeLimitMs } : {},
          );
          const { article } = result;
          if (writes) {
            await store.put(article.id, publishedFiles(result));
            await corpus?.index(article);
          }
          if (values.json) process.stdout.write(`${JSON.stringify(article)}\n`);
          else {
            const counts = `${article.sentences.length} sentences, ${article.entities.length} entities, ${article.quotes.length} quotes`;
            const where = writes
              ? displayPath(store.locate(article.id))
              : 'not written (--stages without publish; add --out DIR to keep it)';
            process.stderr.write(`galley: ${name} → ${where} (${counts})\n`);
          }
        } catch (error) {
          failed++;
          fail(name, error);
        }
      }
    } finally {
      await runner.close();
      await corpus?.close();
    }
    return failed ? 1 : 0;
  },
});

/** An article's bytes and what is known of it before it is read. */
interface Source {
  bytes: Uint8Array;
  format?: SourceFormat;
  path?: string;
  url?: string;
  /** The character set the server declared. */
  charset?: string;
}

async function readFile(input: { name: string; read(): Promise<Uint8Array> }): Promise<Source> {
  const bytes = await input.read();
  // `-` is standard input: no path to record or to detect the format from.
  return input.name === '-' ? { bytes } : { bytes, path: input.name };
}

/**
 * Fetch with the queue's own fetcher, so `process` and `queue` apply the same safeguards. Loaded
 * only when a URL is given: the queue package brings BullMQ with it.
 */
async function fetchUrl(url: string, allowPrivate: boolean): Promise<Source> {
  const { fetchArticle } = await import('@galley/queue');
  const fetched = await fetchArticle(url, { allowPrivate });
  return {
    bytes: fetched.bytes,
    url: fetched.url,
    ...(fetched.format ? { format: fetched.format } : {}),
    ...(fetched.charset ? { charset: fetched.charset } : {}),
  };
}

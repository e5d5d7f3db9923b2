import { Queue } from 'bullmq';
import { type GalleyErrorCode, type SourceFormat, type StageName, InputError, errorCode } from '@galley/document';
import { connectProducer } from './connection.js';
import { retryFailedJob } from './retry.js';
import { fetchArticle, type FetchOptions } from './fetch-article.js';
import {
  type ArticleJobData,
  MAX_JOB_DATA_BYTES,
  MAX_JOB_SOURCE_BYTES,
  articleJobId,
  checkJobSourceSize,
  encodeJobSource,
} from './job.js';
import { articleJobOptions, type JobOptionsOverrides } from './job-options.js';
import { DEFAULT_QUEUE_NAME, QUEUE_PREFIX, validateQueueName } from './names.js';

/** One article to queue: a file or stream to read, or a URL to fetch. */
export type ArticleInput =
  | { name: string; read(): Promise<Uint8Array>; /** File path, when `name` is not one. */ path?: string }
  | { url: string };

/** Options for {@link enqueueArticles}. */
export interface EnqueueOptions extends JobOptionsOverrides {
  /** Redis to queue into, e.g. `redis://127.0.0.1:6379`. */
  redisUrl: string;
  /** Queue name (default {@link DEFAULT_QUEUE_NAME}). */
  queueName?: string;
  /** Source format for every input; detected per article when absent. */
  format?: SourceFormat;
  /** Stages to run (default: all). */
  stages?: readonly StageName[];
  /** How URLs are fetched (time limit, size limit, private addresses). */
  fetch?: Omit<FetchOptions, 'maxBytes'>;
  /**
   * Checks an article's bytes before it is queued; what it throws refuses the article (default:
   * none). Producers pass the stages' own input check (`decodeSource` from @galley/pipeline), so
   * an article the stages would refuse (empty, binary, badly encoded) is refused here, at once,
   * instead of failing later in a worker. `hints.charset` is the charset a fetched page was
   * served with; when there is one, the text the check returns is what is queued, since the
   * worker sees only the bytes and would not know the server's header.
   */
  check?: (bytes: Uint8Array, hints: { charset?: string; format?: SourceFormat }) => string | void;
  /** Called after each input, e.g. to print a line as soon as it is queued. */
  onOutcome?: (outcome: EnqueueOutcome) => void;
}

/**
 * What happened to one input. `duplicate`: a job with the same content already exists (its
 * `state` says where it is), so nothing new was queued; `retried`: that job had failed and was
 * put back in the queue; `refused`: the input was not queued, `reason` says why and `code` (when
 * known) what kind of refusal it is.
 */
export type EnqueueOutcome =
  | { name: string; status: 'queued' | 'retried'; jobId: string }
  | { name: string; status: 'duplicate'; jobId: string; state: string }
  | { name: string; status: 'refused'; reason: string; code?: GalleyErrorCode };

/**
 * Queue articles, one job per input, and report each outcome. The job id is derived from the
 * content, so queueing the same article twice leaves one job. Inputs over
 * {@link MAX_JOB_SOURCE_BYTES} are refused. Throws `RedisUnavailableError` when Redis does not
 * answer; per-input problems are outcomes, so one bad input does not stop the rest.
 */
export async function enqueueArticles(
  inputs: readonly ArticleInput[],
  options: EnqueueOptions,
): Promise<EnqueueOutcome[]> {
  const queueName = validateQueueName(options.queueName ?? DEFAULT_QUEUE_NAME);
  const connection = await connectProducer(options.redisUrl);
  const queue = new Queue<ArticleJobData>(queueName, { connection, prefix: QUEUE_PREFIX });
  queue.on('error', () => {
    // Errors surface through the awaited calls below; the listener keeps them from being fatal.
  });
  const jobOptions = articleJobOptions(options);
  const outcomes: EnqueueOutcome[] = [];
  try {
    for (const input of inputs) {
      const outcome = await enqueueOne(queue, input, jobOptions, options);
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
  } finally {
    await queue.close();
    connection.disconnect();
  }
  return outcomes;
}

async function enqueueOne(
  queue: Queue<ArticleJobData>,
  input: ArticleInput,
  jobOptions: ReturnType<typeof articleJobOptions>,
  options: EnqueueOptions,
): Promise<EnqueueOutcome> {
  const name = 'url' in input ? input.url : input.name;
  let data: ArticleJobData;
  let bytes: Uint8Array;
  try {
    ({ data, bytes } = await readInput(input, options));
  } catch (error) {
    const code = errorCode(error);
    return { name, status: 'refused', reason: (error as Error).message, ...(code ? { code } : {}) };
  }
  const jobId = articleJobId(bytes, data);
  const existing = await queue.getJob(jobId);
  if (existing) {
    const state = await existing.getState();
    if (state === 'failed') {
      await retryFailedJob(existing);
      return { name, status: 'retried', jobId };
    }
    return { name, status: 'duplicate', jobId, state };
  }
  // A concurrent producer may add the same id between the check and the add; BullMQ then keeps
  // the first job and ignores this one, which is the outcome we want either way.
  // The job is named after its article: Redis tools show it, and the queue page reads it instead
  // of the job data, which holds the article (see `queueStatus`).
  await queue.add(data.name, data, { ...jobOptions, jobId });
  return { name, status: 'queued', jobId };
}

async function readInput(
  input: ArticleInput,
  options: EnqueueOptions,
): Promise<{ data: ArticleJobData; bytes: Uint8Array }> {
  let bytes: Uint8Array;
  let format = options.format;
  let charset: string | undefined;
  const base: Partial<ArticleJobData> = {};
  if ('url' in input) {
    const fetched = await fetchArticle(input.url, { ...options.fetch, maxBytes: MAX_JOB_SOURCE_BYTES });
    bytes = fetched.bytes;
    format ??= fetched.format;
    charset = fetched.charset;
    base.url = fetched.url;
  } else {
    bytes = await input.read();
    // `-` is standard input: no path to record or to detect the format from.
    const file = input.path ?? (input.name === '-' ? undefined : input.name);
    if (file) base.path = file;
  }
  checkJobSourceSize(bytes.byteLength);
  const checked = options.check?.(bytes, { ...(charset ? { charset } : {}), ...(format ? { format } : {}) });
  const data = articleJobData(
    'url' in input ? input.url : input.name,
    bytes,
    {
      ...base,
      ...(format ? { format } : {}),
      ...(options.stages ? { stages: [...options.stages] } : {}),
    },
    charset && !utf8Label.test(charset) ? checked : undefined,
  );
  return { data, bytes };
}

/**
 * Job data for an article's bytes, with the other fields as given. The name comes first: the
 * queue page reads it from the start of short job data (see `queueStatus`). The article travels
 * as {@link carried} says. Throws an `InputError` when the stored JSON would be over
 * {@link MAX_JOB_DATA_BYTES}.
 */
export function articleJobData(
  name: string,
  bytes: Uint8Array,
  fields: Omit<ArticleJobData, 'name' | 'source' | 'encoding'> = {},
  decoded?: string | void,
): ArticleJobData {
  const data: ArticleJobData = { name, ...carried(bytes, decoded), ...fields };
  const stored = Buffer.byteLength(JSON.stringify(data));
  if (stored > MAX_JOB_DATA_BYTES) {
    throw new InputError(
      `${(stored / 1048576).toFixed(1)} MB of job data (the article does not compress) is over the ` +
        `${MAX_JOB_DATA_BYTES / 1048576} MB limit for queued articles (use "galley process" for it)`,
      'GALLEY_INPUT_TOO_LARGE',
    );
  }
  return data;
}

/**
 * The article as the job carries it. `decoded` is the text of a page decoded from the charset
 * its server declared: it travels as UTF-8 with a byte-order mark, which the worker's decoder
 * trusts over any `<meta charset>` inside the page. Otherwise the bytes travel as they came, as
 * text when they are valid UTF-8 (so they round-trip exactly, BOM and line endings included,
 * and the document hash matches `galley process`).
 */
function carried(bytes: Uint8Array, decoded: string | void): Pick<ArticleJobData, 'source' | 'encoding'> {
  if (typeof decoded === 'string') {
    return encodeJobSource(Buffer.from(`\ufeff${decoded}`), `\ufeff${decoded}`);
  }
  return encodeJobSource(bytes, decodeUtf8(bytes));
}

const utf8Label = /^\s*(?:unicode-1-1-)?utf-?8\s*$/i;

/** The bytes as a string when they are valid UTF-8; else `undefined`. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

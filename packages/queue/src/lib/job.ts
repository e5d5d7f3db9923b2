import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { GalleyError, InputError, sha256, sourceFormats, stageNames } from '@galley/document';

/**
 * Largest article carried inside a job, in bytes. Job data lives in Redis memory (and in the
 * AOF), so a cap keeps one upload from crowding out the queue; 1 MB is many times a long feature.
 */
export const MAX_JOB_SOURCE_BYTES = 1024 * 1024;

/**
 * Refuse an article too large to travel inside a job, with the way out. Callers that read files
 * call it with the file's size first, so a large file is never read.
 */
export function checkJobSourceSize(bytes: number): void {
  if (bytes > MAX_JOB_SOURCE_BYTES) {
    throw new InputError(
      `${(bytes / 1048576).toFixed(1)} MB is over the ${MAX_JOB_SOURCE_BYTES / 1048576} MB limit for queued articles ` +
        '(use "galley process" for larger files)',
      'GALLEY_INPUT_TOO_LARGE',
    );
  }
}

/**
 * Largest job data, in bytes of its JSON: what Redis actually stores. A cap on the article's
 * bytes alone is not enough, since JSON escapes a control byte into six characters and base64
 * grows bytes by a third; the article is compressed, so this only refuses incompressible input.
 */
export const MAX_JOB_DATA_BYTES = 1024 * 1024;

/**
 * Articles over this size travel gzip-compressed. Failed jobs are kept for days and a queue may
 * hold thousands: compressed, a long article costs Redis a third of its size. Short ones stay
 * readable text, which is what `redis-cli` shows and what tests look for.
 */
export const COMPRESS_JOB_SOURCE_OVER = 16 * 1024;

/** What a worker needs to process one article; validated on both sides of Redis. */
export const articleJobDataSchema = z.object({
  /** Name for messages: the path or URL the article came from. */
  name: z.string().min(1).max(2048),
  /**
   * The article: UTF-8 text as read (`utf8`), base64 of the raw bytes when they are not UTF-8
   * (`base64`), or base64 of the gzip-compressed bytes when they are long (`gzip`).
   */
  source: z.string(),
  encoding: z.enum(['utf8', 'base64', 'gzip']),
  format: z.enum(sourceFormats).optional(),
  stages: z.array(z.enum(stageNames)).optional(),
  /** File path the article was read from (format detection, `source.path`). */
  path: z.string().max(4096).optional(),
  /** URL the article was fetched from (`source.url`). */
  url: z.string().url().max(2048).optional(),
  /**
   * What the feed that announced the article said about it (`galley feeds`): hints for the
   * metadata, used where the article itself is silent.
   */
  hints: z
    .object({
      /** Name of the feed the article came from. */
      feed: z.string().min(1).max(200),
      title: z.string().max(1000).optional(),
      /** Publication date, ISO 8601. */
      published: z.string().datetime().optional(),
      author: z.string().max(500).optional(),
    })
    .optional(),
});

/** What a finished job returns; `galley queue --wait` and `galley status` read it. */
export const articleJobResultSchema = z.object({
  /** Document id, also the output folder name. */
  articleId: z.string(),
  title: z.string(),
  /** Where the output store put the article (a folder for the directory store). */
  location: z.string(),
  /** Milliseconds per stage, in the order they ran. */
  stages: z.record(z.string(), z.number().nonnegative()),
  /** Wall time of the whole job in the worker, milliseconds. */
  totalMs: z.number().nonnegative(),
  sentences: z.number().int().nonnegative(),
  entities: z.number().int().nonnegative(),
  quotes: z.number().int().nonnegative(),
});

/** Progress a job reports after each stage. */
export const articleJobProgressSchema = z.object({
  stage: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
});

export type ArticleJobData = z.infer<typeof articleJobDataSchema>;
export type ArticleJobResult = z.infer<typeof articleJobResultSchema>;
export type ArticleJobProgress = z.infer<typeof articleJobProgressSchema>;

/** Parse job data at the boundary; the message lists every field that is wrong. */
export function parseJobData(value: unknown): ArticleJobData {
  return parse(articleJobDataSchema, value, 'job data');
}

/** Parse a job's return value at the boundary. */
export function parseJobResult(value: unknown): ArticleJobResult {
  return parse(articleJobResultSchema, value, 'job result');
}

/** Parse a job's progress value; `undefined` when it is not ours (e.g. the initial 0). */
export function parseJobProgress(value: unknown): ArticleJobProgress | undefined {
  const result = articleJobProgressSchema.safeParse(value);
  return result.success ? result.data : undefined;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`invalid ${what}: ${problems.join('; ')}`);
}

/**
 * An article's bytes as job data carries them (see `encoding`). `text` is the same article
 * decoded, when it is valid UTF-8: short articles then travel as that text.
 */
export function encodeJobSource(bytes: Uint8Array, text?: string): Pick<ArticleJobData, 'source' | 'encoding'> {
  if (bytes.byteLength > COMPRESS_JOB_SOURCE_OVER)
    return { source: gzipSync(bytes).toString('base64'), encoding: 'gzip' };
  if (text !== undefined) return { source: text, encoding: 'utf8' };
  return { source: Buffer.from(bytes).toString('base64'), encoding: 'base64' };
}

/**
 * Decode job data back to what the pipeline takes: a string, or the original bytes. Job data
 * comes from Redis, which anyone with access can write, so a compressed source is inflated only
 * up to the cap: a gzip bomb is refused as invalid job data, not allowed to fill the memory.
 */
export function jobSource(data: ArticleJobData): string | Uint8Array {
  if (data.encoding === 'utf8') return data.source;
  const bytes = Buffer.from(data.source, 'base64');
  if (data.encoding === 'base64') return bytes;
  try {
    // A page decoded from its declared charset travels as UTF-8, which can take up to three
    // bytes for each byte of the original (see `enqueueArticles`), plus a byte-order mark.
    return gunzipSync(bytes, { maxOutputLength: 3 * MAX_JOB_SOURCE_BYTES + 3 });
  } catch (error) {
    throw new GalleyError(
      'GALLEY_JOB_INVALID',
      `invalid job data: source is not gzip data within the size cap (${(error as Error).message})`,
    );
  }
}

/**
 * Job id for an article: the SHA-256 of its bytes, plus the processing options when they differ
 * from the defaults. BullMQ ignores an add whose id exists, so the same article queued twice is
 * processed once. Ids are prefixed because BullMQ refuses purely numeric custom ids.
 */
export function articleJobId(bytes: Uint8Array, options: Pick<ArticleJobData, 'format' | 'stages'> = {}): string {
  const content = sha256(bytes);
  const variant =
    options.format || options.stages ? `:${options.format ?? ''}:${(options.stages ?? []).join(',')}` : '';
  return `article-${variant ? sha256(content + variant) : content}`;
}

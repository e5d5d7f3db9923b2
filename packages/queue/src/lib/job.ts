import { z } from 'zod';
import { sha256, sourceFormats, stageNames } from '@galley/document';

/**
 * Largest article carried inside a job, in bytes. Job data lives in Redis memory (and in the
 * AOF), so a cap keeps one upload from crowding out the queue; 1 MB is many times a long feature.
 */
export const MAX_JOB_SOURCE_BYTES = 1024 * 1024;

/** What a worker needs to process one article; validated on both sides of Redis. */
export const articleJobDataSchema = z.object({
  /** Name for messages: the path or URL the article came from. */
  name: z.string().min(1).max(2048),
  /** The article: UTF-8 text as read, or base64 of the raw bytes when they are not UTF-8. */
  source: z.string(),
  encoding: z.enum(['utf8', 'base64']),
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

/** Decode job data back to what the pipeline takes: a string, or the original bytes. */
export function jobSource(data: ArticleJobData): string | Uint8Array {
  return data.encoding === 'utf8' ? data.source : Buffer.from(data.source, 'base64');
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

import { performance } from 'node:perf_hooks';
import type { Root } from 'mdast';
import { unified, type Plugin } from 'unified';
import { VFile } from 'vfile';
import { type Article, InputError, type SourceFormat, type StageName, sha256, stageNames } from '@galley/document';
import galleyClean, { type Options as CleanOptions } from '@galley/clean';
import galleySegment, { type Options as SegmentOptions } from '@galley/segment';
import galleyEntities, { type Options as EntitiesOptions } from '@galley/entities';
import galleyPublish, { type Options as PublishOptions } from '@galley/publish';
import { MAX_ARTICLE_BYTES, decodeSource } from './decode.js';
import { detectFormat, formatFromPath, read } from './read.js';

/** Each stage's options, by stage name (see each stage package's `Options` and `defaultOptions`). */
export interface StageOptions {
  clean: CleanOptions;
  segment: SegmentOptions;
  entities: EntitiesOptions;
  publish: PublishOptions;
}

const plugins: { [Name in StageName]: Plugin<[StageOptions[Name]?], Root> } = {
  clean: galleyClean,
  segment: galleySegment,
  entities: galleyEntities,
  publish: galleyPublish,
};

/** Options for {@link processArticle}. */
export interface ProcessOptions {
  /** Source format; detected from `path` or the content when absent. */
  format?: SourceFormat;
  /** Stages to run (default: all four). Publish always runs last to build the document. */
  stages?: readonly StageName[];
  /** Where the article came from (recorded in `source.path`, used for format detection). */
  path?: string;
  /** URL the article was fetched from. */
  url?: string;
  /** Options passed to each stage's plugin, by stage name (default: each stage's own defaults). */
  stageOptions?: { [Name in StageName]?: StageOptions[Name] };
  /** Character set the server declared for fetched bytes (`Content-Type` charset); see `decodeSource`. */
  charset?: string;
  /**
   * What the feed that announced the article said about it (`galley feeds`). `feed` is recorded
   * in `source.feed`. The title, date and author fill the document's `title`, `published` and
   * `byline` only where the article itself gave none: the page is the better witness.
   */
  hints?: { feed: string; title?: string; published?: string; author?: string };
  /** Called after each stage, e.g. to report progress from a queue job. */
  onStage?: (stage: StageName, ms: number) => void;
  /**
   * Record what the stages noticed as messages on the returned `file` (default `true`).
   * {@link processArticle} returns no file and turns them off: each message is an `Error` with a
   * captured stack trace, a measurable share of a short article's time.
   */
  messages?: boolean;
}

/** The article document plus the renderings and the stage messages. */
export interface ProcessResult {
  article: Article;
  markdown: string;
  html: string;
  file: VFile;
}

/** Validate a stage list; unknown names are an input error. */
export function parseStages(list: string): StageName[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(stageNames as readonly string[]).includes(name)) {
      throw new InputError(`unknown stage "${name}" (known: ${stageNames.join(', ')})`);
    }
  }
  return stageNames.filter((s) => names.includes(s));
}

/** Run the stages over one article and return the document. */
export async function processArticle(source: string | Uint8Array, options: ProcessOptions = {}): Promise<Article> {
  return (await runPipeline(source, { ...options, messages: false })).article;
}

/** Run the stages over one article and return the document, its renderings and the vfile. */
export async function runPipeline(source: string | Uint8Array, options: ProcessOptions = {}): Promise<ProcessResult> {
  const known = options.format ?? formatFromPath(options.path);
  const value = decodeSource(source, MAX_ARTICLE_BYTES, {
    ...(known ? { format: known } : {}),
    ...(options.charset ? { charset: options.charset } : {}),
  });
  const format = known ?? detectFormat(value, options.path);
  const file = new VFile({ value, ...(options.path ? { path: options.path } : {}) });
  const { tree, meta } = read(format, value);
  file.data.source = {
    format,
    sha256: sha256(typeof source === 'string' ? source : Buffer.from(source)),
    meta,
    ...(options.path ? { path: options.path } : {}),
    ...(options.url ? { url: options.url } : {}),
  };
  file.data.stages = {};
  const wanted = new Set<StageName>([...(options.stages ?? stageNames), 'publish']);
  const processor = unified();
  for (const name of stageNames) {
    if (wanted.has(name)) processor.use(timed(name, stageOptions(name, options), options.onStage));
  }
  await processor.run(tree, file);
  const published = file.data.publish;
  if (!published) throw new Error('publish stage produced no document');
  published.article.stages = { ...file.data.stages };
  if (options.hints) applyHints(published.article, options.hints);
  return { article: published.article, markdown: published.markdown, html: published.html, file };
}

/** Fill what the article left empty from the feed's hints (see {@link ProcessOptions.hints}). */
function applyHints(article: Article, hints: NonNullable<ProcessOptions['hints']>): void {
  article.source.feed = hints.feed;
  if (!article.title && hints.title) article.title = hints.title;
  if (!article.published && hints.published) article.published = hints.published;
  if (!article.byline && hints.author) article.byline = hints.author;
}

/** The options a stage plugin gets from the pipeline's options. */
function stageOptions<Name extends StageName>(name: Name, options: ProcessOptions): StageOptions[Name] | undefined {
  const own = options.stageOptions?.[name];
  // `messages` is the pipeline's switch for the one stage that reports through the file.
  if (name === 'clean') return { messages: options.messages ?? true, ...own } as StageOptions[Name];
  return own;
}

/** Wrap a stage plugin so its transformer's time lands in `file.data.stages[name]`. */
function timed<Name extends StageName>(
  name: Name,
  pluginOptions: StageOptions[Name] | undefined,
  onStage?: ProcessOptions['onStage'],
): Plugin<[], Root> {
  const plugin = plugins[name] as Plugin<[StageOptions[Name]?], Root>;
  return function (this: ReturnType<typeof unified>) {
    // Stage transformers are synchronous or return a promise; none uses unified's `next` callback.
    const transformer = plugin.call(this, pluginOptions) as (tree: Root, file: VFile) => unknown;
    return async (tree: Root, file: VFile) => {
      const start = performance.now();
      await transformer(tree, file);
      const ms = +(performance.now() - start).toFixed(3);
      file.data.stages = { ...file.data.stages, [name]: { ms } };
      onStage?.(name, ms);
    };
  } as unknown as Plugin<[], Root>;
}

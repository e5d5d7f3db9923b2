import { z } from 'zod';

/** The schema identifier every published document carries. */
export const ARTICLE_SCHEMA = 'galley.article/1';

/** Source formats Galley reads. */
export const sourceFormats = ['text', 'markdown', 'html'] as const;

/** Entity labels: CoNLL types plus the rule-based numeric and temporal types. */
export const entityLabels = [
  'PERSON',
  'ORG',
  'LOC',
  'MISC',
  'DATE',
  'TIME',
  'MONEY',
  'PERCENT',
  'CARDINAL',
  'QUANTITY',
] as const;

/** The stages, in the only order they make sense. */
export const stageNames = ['clean', 'segment', 'entities', 'publish'] as const;

/** Block kinds of the cleaned text. */
export const blockTypes = ['title', 'heading', 'paragraph'] as const;

/** Kinds of material the clean stage removes from the body. */
export const removedKinds = [
  'caption',
  'credit',
  'boilerplate',
  'byline',
  'dateline',
  'share',
  'related',
  'newsletter',
  'navigation',
  'alt-text',
  'comment',
  'advertisement',
  'front-matter',
  'other',
] as const;

/** A half-open span `[start, end)` of JS string indices into `text`. */
export const spanSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((s) => s.end >= s.start, { message: 'span end must not precede its start' });

export const blockSchema = z.object({
  type: z.enum(blockTypes),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** Heading depth (2–6) for `heading` blocks. */
  depth: z.number().int().min(1).max(6).optional(),
});

export const entityMentionSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  label: z.enum(entityLabels),
  /** Id of the canonical entity in `entityIndex`. */
  entity: z.string(),
  /** Normalised value: ISO 8601 for DATE/TIME where known (else partial, e.g. `--03-19`). */
  value: z.string().optional(),
});

export const entityRecordSchema = z.object({
  id: z.string(),
  label: z.enum(entityLabels),
  name: z.string(),
  aliases: z.array(z.string()),
  mentions: z.number().int().nonnegative(),
  /** Where a place is, when the entities stage resolved it to a GeoNames entry. */
  geo: z
    .object({
      /** GeoNames id. */
      geonameId: z.number().int(),
      /** ISO 3166-1 alpha-2 country code. */
      country: z.string(),
      lat: z.number(),
      lon: z.number(),
      admin1: z.string().optional(),
    })
    .optional(),
});

export const quoteSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The quotation as it stands in `text`, quote marks included. */
  text: z.string(),
  /** Id of the speaker in `entityIndex`, when attributed. */
  speaker: z.string().optional(),
  /** A short quoted phrase used as a label, not as speech ("scare quotes"). */
  scare: z.boolean().optional(),
  /**
   * How sure the attribution is, 0–1: about 0.95 for a speaker named in the quotation's own
   * sentence, less for a pronoun, a role noun or a continued paragraph. Present with `speaker`.
   */
  confidence: z.number().min(0).max(1).optional(),
  /**
   * The reason in words: the cue that decided the speaker ("named in the sentence", "pronoun →
   * subject of the previous sentence", "continues previous paragraph"), why there is none
   * ("“Trump” or “Obama”, nothing decides"), or why the quotation is a scare quote.
   */
  cue: z.string().optional(),
});

export const creditSchema = z.object({
  raw: z.string(),
  people: z.array(z.string()),
  agencies: z.array(z.string()),
});

export const figureSchema = z.object({
  caption: z.string().optional(),
  credit: creditSchema.optional(),
  src: z.string().optional(),
  alt: z.string().optional(),
});

export const removedSchema = z.object({
  kind: z.enum(removedKinds),
  text: z.string(),
  /** Why it was removed (the rule that matched). */
  rule: z.string().optional(),
});

export const stageTimingSchema = z.object({ ms: z.number().nonnegative() });

export const articleSchema = z.object({
  schema: z.literal(ARTICLE_SCHEMA),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,127}$/, 'id must be a lower-case slug'),
  source: z.object({
    format: z.enum(sourceFormats),
    path: z.string().optional(),
    url: z.string().optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  title: z.string(),
  /** The site's name, e.g. "The Guardian". */
  site: z.string().optional(),
  /** The page's own summary (meta description). */
  description: z.string().optional(),
  byline: z.string().optional(),
  published: z.string().optional(),
  language: z.string(),
  text: z.string(),
  blocks: z.array(blockSchema),
  sentences: z.array(spanSchema),
  entities: z.array(entityMentionSchema),
  entityIndex: z.array(entityRecordSchema),
  quotes: z.array(quoteSchema),
  figures: z.array(figureSchema),
  removed: z.array(removedSchema),
  stages: z.record(z.string(), stageTimingSchema),
  /** When the document was produced (ISO 8601). */
  processedAt: z.string().optional(),
  /** Extra metadata (front matter, canonical URL, site name). */
  meta: z.record(z.string(), z.unknown()).optional(),
});

export type SourceFormat = (typeof sourceFormats)[number];
export type StageName = (typeof stageNames)[number];
export type EntityLabel = (typeof entityLabels)[number];
export type BlockType = (typeof blockTypes)[number];
export type RemovedKind = (typeof removedKinds)[number];
export type Span = z.infer<typeof spanSchema>;
export type Block = z.infer<typeof blockSchema>;
export type EntityMention = z.infer<typeof entityMentionSchema>;
export type EntityRecord = z.infer<typeof entityRecordSchema>;
export type Quote = z.infer<typeof quoteSchema>;
export type Credit = z.infer<typeof creditSchema>;
export type Figure = z.infer<typeof figureSchema>;
export type Removed = z.infer<typeof removedSchema>;
export type Article = z.infer<typeof articleSchema>;

/**
 * Parse unknown JSON as an article, checking that every span lies inside `text`.
 * Throws a `ZodError` whose message names the failing field.
 */
export function parseArticle(value: unknown): Article {
  const article = articleSchema.parse(value);
  const length = article.text.length;
  const spans: Array<[string, Span[]]> = [
    ['blocks', article.blocks],
    ['sentences', article.sentences],
    ['entities', article.entities],
    ['quotes', article.quotes],
  ];
  for (const [field, list] of spans) {
    for (const [i, span] of list.entries()) {
      if (span.end > length || span.start > span.end) {
        throw new RangeError(`${field}[${i}] span ${span.start}-${span.end} lies outside text (length ${length})`);
      }
    }
  }
  const ids = new Set(article.entityIndex.map((e) => e.id));
  for (const [i, m] of article.entities.entries()) {
    if (!ids.has(m.entity)) throw new RangeError(`entities[${i}] refers to unknown entity "${m.entity}"`);
  }
  for (const [i, q] of article.quotes.entries()) {
    if (q.speaker !== undefined && !ids.has(q.speaker))
      throw new RangeError(`quotes[${i}] speaker "${q.speaker}" is not in entityIndex`);
  }
  return article;
}

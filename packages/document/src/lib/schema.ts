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
  'paywall',
  'front-matter',
  'other',
] as const;

/** A half-open span `[start, end)` of JS string indices into `text`. */
export const spanSchema = z
  .object({
    /** Index of the span's first character in `text` (UTF-16 code units, as JavaScript counts). */
    start: z.number().int().nonnegative(),
    /** Index just past the span's last character; `end - start` is its length. */
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.end >= s.start, { message: 'span end must not precede its start' });

/** A block of the cleaned text: the title, a heading or a paragraph. */
export const blockSchema = z.object({
  /** What the block is (`title`, `heading`, `paragraph`). */
  type: z.enum(blockTypes),
  /** Offset of the block's first character in `text`. */
  start: z.number().int().nonnegative(),
  /** Offset just past the block's last character in `text`. */
  end: z.number().int().nonnegative(),
  /** Heading depth (2–6) for `heading` blocks. */
  depth: z.number().int().min(1).max(6).optional(),
});

/** One mention of an entity in the text. */
export const entityMentionSchema = z.object({
  /** Offset of the mention's first character in `text`. */
  start: z.number().int().nonnegative(),
  /** Offset just past the mention's last character in `text`. */
  end: z.number().int().nonnegative(),
  /** The entity's type (`PERSON`, `ORG`, `LOC`, `MISC`, `DATE`, …). */
  label: z.enum(entityLabels),
  /** Id of the canonical entity in `entityIndex`. */
  entity: z.string(),
  /** Normalised value: ISO 8601 for DATE/TIME where known (else partial, e.g. `--03-19`). */
  value: z.string().optional(),
});

/** Where a place is, from GeoNames (geonames.org, CC BY 4.0) through the tagger's knowledge. */
export const geoSchema = z.object({
  /** GeoNames id of the place (`https://www.geonames.org/<id>`). */
  geonameId: z.number().int(),
  /** ISO 3166-1 alpha-2 code of its country ("FR"). */
  country: z.string(),
  /** Latitude in degrees (WGS 84). */
  lat: z.number(),
  /** Longitude in degrees (WGS 84). */
  lon: z.number(),
  /** GeoNames first-level division code within the country ("CA" for California, "11" for Île-de-France). */
  admin1: z.string().optional(),
});

/** One entity of the article, with every name it goes by (its mentions point here). */
export const entityRecordSchema = z.object({
  /** Id unique within the article, referred to by mentions' `entity` and quotes' `speaker`. */
  id: z.string(),
  /** The entity's type, the same for all its mentions. */
  label: z.enum(entityLabels),
  /** The fullest name the article uses for it (`Aleksei Sergeev`, not `Sergeev`). */
  name: z.string(),
  /** The other names it goes by in the article (`Sergeev`), without `name`. */
  aliases: z.array(z.string()),
  /** How many mentions refer to it. */
  mentions: z.number().int().nonnegative(),
  /**
   * Where the place is, on LOC records whose name the knowledge ties to one place without doubt
   * (the largest place of that name far outweighs any other). Absent otherwise.
   */
  geo: geoSchema.optional(),
});

/** A quotation in the text and, when attributed, who said it. */
export const quoteSchema = z.object({
  /** Offset of the opening quote mark in `text`. */
  start: z.number().int().nonnegative(),
  /** Offset just past the closing quote mark (or the end of the quoted text when none closes it). */
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

/** A photo credit, as written and parsed into who took the picture and for whom. */
export const creditSchema = z.object({
  /** The credit as it stands in the source (`Photograph: Jane Doe/AP`). */
  raw: z.string(),
  /** The photographers named (`Jane Doe`). */
  people: z.array(z.string()),
  /** The agencies or outlets named (`AP`, `Getty Images`). */
  agencies: z.array(z.string()),
});

/** A figure (photo, chart) the clean stage took out of the body, with what was said about it. */
export const figureSchema = z.object({
  /** The caption, without the credit. */
  caption: z.string().optional(),
  /** The credit, parsed. */
  credit: creditSchema.optional(),
  /** The image's URL as the source gives it (HTML sources). */
  src: z.string().optional(),
  /** The image's alternative text (HTML sources). */
  alt: z.string().optional(),
});

/** Material the clean stage removed from the body, kept so nothing is lost silently. */
export const removedSchema = z.object({
  /** What kind of material it was (`caption`, `credit`, `boilerplate`, `share`, …). */
  kind: z.enum(removedKinds),
  /** The removed text as it stood in the source. */
  text: z.string(),
  /** Why it was removed (the rule that matched). */
  rule: z.string().optional(),
});

/** How long one stage took on the article. */
export const stageTimingSchema = z.object({
  /** Wall-clock time of the stage, milliseconds. */
  ms: z.number().nonnegative(),
});

/** The published document, `galley.article/1`: what publish writes and every consumer reads. */
export const articleSchema = z.object({
  /** Always {@link ARTICLE_SCHEMA}; a reader checks it before trusting the rest. */
  schema: z.literal(ARTICLE_SCHEMA),
  /** A slug of the title plus the first ten hex digits of the source's SHA-256: stable and path-safe. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,127}$/, 'id must be a lower-case slug'),
  /** Where the article came from. */
  source: z.object({
    /** How the source was read (`text`, `markdown`, `html`). */
    format: z.enum(sourceFormats),
    /** The file it was read from, as given, when it came from a file. */
    path: z.string().optional(),
    /**
     * The article's URL: the one it was fetched from, else the page's canonical URL
     * (`<link rel=canonical>`, then `og:url`) or a `url`/`canonical` key in front matter.
     */
    url: z.string().optional(),
    /** The name of the followed feed or sitemap it was found in (`galley feeds`), when it came from one. */
    feed: z.string().optional(),
    /** SHA-256 of the source's bytes, lower-case hex: the same article always gets the same id. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  /** The headline (empty when none was found). */
  title: z.string(),
  /** The site's name, e.g. "The Guardian". */
  site: z.string().optional(),
  /** The page's own summary (meta description). */
  description: z.string().optional(),
  /** The author line as written (`By Jane Doe`), when found. */
  byline: z.string().optional(),
  /** When the article was published, ISO 8601 where known, when found. */
  published: z.string().optional(),
  /** When the article was last modified, ISO 8601 where known, when the page says. */
  modified: z.string().optional(),
  /** The authors named by the byline, one name each (`["Jane Doe", "Sam Lee"]`); never the site's name. */
  authors: z.array(z.string()).optional(),
  /** The page's lead image (og:image, JSON-LD `image`), as the source gives it. */
  image: z.string().optional(),
  /**
   * Where each metadata field was read from, by field name (`title`, `siteName`, `byline`,
   * `published`, `modified`, `canonical`, `description`, `language`, `image`): `json-ld NewsArticle`,
   * `meta[property=og:site_name]`, `link[rel=canonical]`, `<time datetime>`, `url path`, `front matter`…
   */
  provenance: z.record(z.string(), z.string()).optional(),
  /** The text's language, a BCP 47 tag (`en`). */
  language: z.string(),
  /** The cleaned text: the title, then headings and paragraphs, blocks separated by a blank line. Every offset points into it. */
  text: z.string(),
  /** The title, headings and paragraphs of `text`, in order. */
  blocks: z.array(blockSchema),
  /** The sentences of `text`, in order. */
  sentences: z.array(spanSchema),
  /** Every entity mention, in text order. */
  entities: z.array(entityMentionSchema),
  /** The entities the mentions refer to, one record each. */
  entityIndex: z.array(entityRecordSchema),
  /** The quotations, in text order. */
  quotes: z.array(quoteSchema),
  /** The figures (photos and their captions and credits) taken out of the body. */
  figures: z.array(figureSchema),
  /** The material the clean stage removed (captions, credits, boilerplate, …). */
  removed: z.array(removedSchema),
  /** Time per stage that ran, by stage name. */
  stages: z.record(z.string(), stageTimingSchema),
  /** When the document was produced (ISO 8601). */
  processedAt: z.string().optional(),
  /** Extra metadata (front matter, canonical URL, site name). */
  meta: z.record(z.string(), z.unknown()).optional(),
});

export type SourceFormat = (typeof sourceFormats)[number];
export type StageName = (typeof stageNames)[number];
export type EntityLabel = (typeof entityLabels)[number];
export type Geo = z.infer<typeof geoSchema>;
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

import type { Plugin } from 'unified';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { type EntitiesData, type Span, type StageContract, paragraphBlocks, workingText } from '@galley/document';
import { type NameMention, findNameMentions } from './mentions.js';
import { findNumericMentions } from './numeric.js';
import { findQuoteSpans } from './quotes.js';
import { resolveEntities } from './resolve.js';
import { addPlaces } from './places.js';
import { attributeQuotes } from './speakers.js';

/** Options for the entities stage. */
export interface Options {
  /**
   * Publication date (ISO 8601) used to resolve relative dates and supply missing years.
   * @defaultValue none; the plugin takes the clean stage's `published`
   */
  published?: string;
  /**
   * Paragraph spans, sorted: quotations are scanned per paragraph and a quotation-only paragraph
   * inherits the previous speaker.
   * @defaultValue the clean stage's blocks in the plugin, else the text split at blank lines
   */
  paragraphs?: readonly Span[];
  /**
   * Proper-name finder.
   * @defaultValue `findNameMentions`, the built-in statistical tagger
   */
  names?: (text: string, sentences: readonly Span[]) => NameMention[];
}

/** The defaults of {@link Options} that do not depend on the text. */
export const defaultOptions = { names: findNameMentions } satisfies Options;

/** Reads the cleaned text, blocks and date and the sentences (each optional); writes mentions, entities and quotes. */
export const contract: StageContract = { reads: ['clean', 'segment'], writes: ['entities'] };

/** Check that spans are well-formed, inside `text` and sorted; a clear error names the field. */
function checkSpans(field: string, spans: readonly Span[], length: number): void {
  let previous = 0;
  // Indexed, not `entries()`: an iterator result and a pair per sentence cost more than the check.
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    if (!Number.isInteger(s?.start) || !Number.isInteger(s?.end) || s.start < 0 || s.end > length || s.start > s.end) {
      throw new RangeError(`tagText: ${field}[${i}] is not a span inside the text (length ${length})`);
    }
    if (s.start < previous) throw new RangeError(`tagText: ${field}[${i}] starts before the ${field} ahead of it ends`);
    previous = s.end;
  }
}

/**
 * Entities, entity index and quotations of a text, given its sentences: proper names from the
 * tagger, dates, times, amounts and numbers from rules, all resolved so that mentions of one
 * entity share one id, and double-quoted material with its speaker.
 */
export function tagText(text: string, sentences: readonly Span[], options: Options = {}): EntitiesData {
  if (typeof text !== 'string') throw new TypeError('tagText: text must be a string');
  if (!Array.isArray(sentences)) throw new TypeError('tagText: sentences must be an array of spans');
  checkSpans('sentences', sentences, text.length);
  const paragraphs = options.paragraphs ?? paragraphBlocks(text);
  checkSpans('paragraphs', paragraphs, text.length);
  const names = (options.names ?? defaultOptions.names)(text, sentences);
  const numeric = findNumericMentions(text, options.published);
  const { entities, entityIndex } = resolveEntities(text, names, numeric);
  addPlaces(entityIndex);
  const quotes = attributeQuotes(text, {
    sentences,
    paragraphs,
    quotes: findQuoteSpans(text, paragraphs),
    entities,
    entityIndex,
  });
  return { entities, entityIndex, quotes };
}

/** Unified plugin: tags the working text and stores `file.data.entities`. */
const galleyEntities: Plugin<[Options?], Root> = function (options) {
  return (_tree: Root, file: VFile) => {
    const { text, blocks } = workingText(file);
    const sentences = file.data.segment?.sentences ?? blocks;
    file.data.entities = tagText(text, sentences, {
      published: file.data.clean?.published,
      paragraphs: blocks,
      ...options,
    });
  };
};
export default galleyEntities;

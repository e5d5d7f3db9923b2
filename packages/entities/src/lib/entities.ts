import type { Plugin } from 'unified';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { type EntitiesData, type Span, workingText } from '@galley/document';

/** Options for the entities stage. */
export interface Options {
  /** Publication date (ISO 8601) used to resolve relative dates. */
  published?: string;
}

/** Entities, entity index and quotes of a text, given its sentences. */
export function tagText(text: string, sentences: readonly Span[], options: Options = {}): EntitiesData {
  void text; void sentences; void options;
  return { entities: [], entityIndex: [], quotes: [] };
}

/** Plain function: see {@link tagText}. */
export async function tagEntities(text: string, sentences: readonly Span[], options: Options = {}): Promise<EntitiesData> {
  return tagText(text, sentences, options);
}

/** Unified plugin: tags the working text and stores `file.data.entities`. */
const galleyEntities: Plugin<[Options?], Root> = function (options) {
  return (_tree: Root, file: VFile) => {
    const { text, blocks } = workingText(file);
    const sentences = file.data.segment?.sentences ?? blocks;
    file.data.entities = tagText(text, sentences, { published: file.data.clean?.published, ...options });
  };
};
export default galleyEntities;

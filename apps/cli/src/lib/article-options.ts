import { type SourceFormat, type StageName, UsageError, sourceFormats, stageNames } from '@galley/document';
import type { OptionSpecs, OptionValues } from './command.js';
import { didYouMean } from './suggest.js';

/**
 * The options every command that takes articles shares (`process`, `queue`): how to read them,
 * which stages to run, and whether URLs on private addresses may be fetched. One definition, so
 * the two commands cannot drift apart in names, help or checks.
 */
export const articleOptions = {
  format: {
    type: 'string',
    value: 'text|markdown|html',
    choices: sourceFormats,
    help: 'read every input as this format (default: from the file extension, else the content)',
  },
  stages: {
    type: 'string',
    value: 'LIST',
    help: `stages to run, comma-separated, from ${stageNames.join(',')} (default: all)`,
  },
  'allow-private-urls': {
    type: 'boolean',
    help: 'also fetch URLs on loopback and private addresses (default: refused)',
  },
} as const satisfies OptionSpecs;

/** What {@link articleOptions} ask for, checked. */
export interface ArticleChoices {
  format?: SourceFormat;
  /** In pipeline order; absent when `--stages` was not given (all stages). */
  stages?: StageName[];
  allowPrivateUrls: boolean;
}

/** The safeguards of fetching a URL, as both commands' help states them. */
export const urlSafeguards = `URLs (http/https) are fetched here with a 10 s time limit, a 1 MB size limit and at
most 5 redirects; loopback and private addresses are refused unless --allow-private-urls
is given.`;

/** Check {@link articleOptions}' values; an unknown stage is a usage mistake with a suggestion. */
export function readArticleOptions(values: OptionValues<typeof articleOptions>): ArticleChoices {
  const choices: ArticleChoices = { allowPrivateUrls: values['allow-private-urls'] === true };
  if (values.format !== undefined) choices.format = values.format as SourceFormat;
  if (values.stages !== undefined) {
    const names = values.stages
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    if (!names.length) throw new UsageError(`--stages needs at least one of ${stageNames.join(', ')}`);
    for (const name of names) {
      if (!(stageNames as readonly string[]).includes(name)) {
        throw new UsageError(
          `--stages: unknown stage "${name}" (known: ${stageNames.join(', ')})${didYouMean(name, stageNames)}`,
        );
      }
    }
    choices.stages = stageNames.filter((stage) => names.includes(stage));
  }
  return choices;
}

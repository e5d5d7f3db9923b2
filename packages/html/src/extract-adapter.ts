import { extractArticle } from './lib/extract.js';

/**
 * Adapter for the extraction benchmark harness (`extraction-eval.mjs --module`): the article body
 * without its title, blocks separated by blank lines.
 */
export function extract(html: string, url?: string): { text: string } {
  const article = extractArticle(html, url);
  return { text: article.blocks.map((block) => block.text).join('\n\n') };
}

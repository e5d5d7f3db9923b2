import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { activeContentInHtml, activeContentInMarkdown, documentProblems } from './check.js';
import type { CorpusCase } from './corpus.js';

/** What a run left in an output directory: whole articles, and stray partial files. */
export interface Published {
  ids: string[];
  partial: string[];
}

/** Article directories under `root` that hold all three files, and any file that is not one of them. */
export async function listPublished(root: string): Promise<Published> {
  const ids: string[] = [];
  const partial: string[] = [];
  if (!existsSync(root)) return { ids, partial };
  for (const entry of await readdir(root, { withFileTypes: true })) {
    // The corpus index (corpus.sqlite and its WAL files, and the workers' lists of articles not
    // indexed yet in corpus.pending/) lives beside the article folders.
    if (entry.name.startsWith('corpus.')) continue;
    if (!entry.isDirectory()) {
      partial.push(entry.name);
      continue;
    }
    const files = (await readdir(path.join(root, entry.name))).sort();
    const stray = files.filter((f) => !['article.html', 'article.json', 'article.md'].includes(f));
    partial.push(...stray.map((f) => `${entry.name}/${f}`));
    if (files.includes('article.json')) {
      if (files.includes('article.md') && files.includes('article.html')) ids.push(entry.name);
      else partial.push(`${entry.name} (article.json without its renderings)`);
    }
  }
  return { ids: ids.sort(), partial };
}

/**
 * Problems with one published article against what its corpus case demands: schema and offset
 * validity, active content in the renderings, and the case's own text checks.
 */
export async function articleProblems(dir: string, testCase: CorpusCase): Promise<string[]> {
  const json = JSON.parse(await readFile(path.join(dir, 'article.json'), 'utf8')) as unknown;
  let checked;
  try {
    checked = documentProblems(json);
  } catch (error) {
    return [`article.json fails the contract: ${(error as Error).message.slice(0, 300)}`];
  }
  const { article, problems } = checked;
  if (testCase.renderings) {
    const html = activeContentInHtml(await readFile(path.join(dir, 'article.html'), 'utf8'));
    if (html) problems.push(`article.html carries active content: ${html}`);
    const markdown = activeContentInMarkdown(await readFile(path.join(dir, 'article.md'), 'utf8'));
    if (markdown) problems.push(`article.md carries active content: ${markdown}`);
  }
  for (const lacks of testCase.textLacks ?? []) {
    if (article.text.includes(lacks)) problems.push(`text still contains ${JSON.stringify(lacks)}`);
  }
  for (const has of testCase.textHas ?? []) {
    if (!article.text.includes(has)) problems.push(`text lost ${JSON.stringify(has)}`);
  }
  return problems;
}

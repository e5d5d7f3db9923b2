import { readFileSync } from 'node:fs';
import { normaliseToken, tokenize } from '@galley/entities/tagger';
import type { ConllDocument } from './conll.js';

const SENTENCE_END = new Set(['.', '?', '!']);

/**
 * Plain-text documents of an unlabelled corpus, tokenised as the tagger's input is. Accepts a JSON
 * object of `{ articleBody }` records (the extraction benchmark's ground truth) or JSON lines with
 * a `text` field; records of a JSON object whose id is in `exclude` are left out. Sentences are cut at line breaks and after a final `.`/`?`/`!` token followed by
 * a capitalised one: crude, but the clusters and capitalisation ratios only need word neighbours
 * and "not sentence-initial".
 */
export function readTextCorpus(file: string, exclude: ReadonlySet<string> = new Set()): ConllDocument[] {
  if (!file.endsWith('.json') && !file.endsWith('.jsonl')) {
    throw new Error(`${file}: expected .json ({ id: { articleBody } }) or .jsonl ({ text } per line)`);
  }
  const raw = readFileSync(file, 'utf8');
  let texts: string[];
  if (file.endsWith('.jsonl')) {
    texts = raw
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => String((JSON.parse(line) as { text?: unknown }).text ?? ''));
  } else {
    texts = Object.entries(JSON.parse(raw) as Record<string, { articleBody?: unknown }>)
      .filter(([id]) => !exclude.has(id))
      .map(([, r]) => String(r.articleBody ?? ''));
  }
  return texts.map((text) => {
    const sentences: string[][] = [];
    for (const line of text.split('\n')) {
      let sentence: string[] = [];
      for (const token of tokenize(line)) {
        const word = normaliseToken(line.slice(token.start, token.end));
        const first = word.charAt(0);
        if (sentence.length > 0 && SENTENCE_END.has(sentence[sentence.length - 1]) && first !== first.toLowerCase()) {
          sentences.push(sentence);
          sentence = [];
        }
        sentence.push(word);
      }
      if (sentence.length > 0) sentences.push(sentence);
    }
    return { sentences, tags: [] };
  });
}

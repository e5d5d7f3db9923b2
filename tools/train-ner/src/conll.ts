import { readFileSync } from 'node:fs';

/** One document of a CoNLL-format corpus: tokens and gold tags (last column) per sentence. */
export interface ConllDocument {
  sentences: string[][];
  tags: string[][];
}

/**
 * Read a CoNLL-format file: one token per line, the token first and the tag last, blank lines
 * between sentences, `-DOCSTART-` lines between documents. A file without `-DOCSTART-` is one document.
 */
export function readConll(path: string): ConllDocument[] {
  const documents: ConllDocument[] = [];
  let doc: ConllDocument = { sentences: [], tags: [] };
  let words: string[] = [];
  let tags: string[] = [];
  const endSentence = () => {
    if (words.length > 0) {
      doc.sentences.push(words);
      doc.tags.push(tags);
    }
    words = [];
    tags = [];
  };
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '') {
      endSentence();
      continue;
    }
    const columns = line.split(' ');
    if (columns[0] === '-DOCSTART-') {
      endSentence();
      if (doc.sentences.length > 0) documents.push(doc);
      doc = { sentences: [], tags: [] };
      continue;
    }
    if (columns.length < 2) throw new Error(`${path}:${n + 1}: expected "token … tag", got "${line}"`);
    words.push(columns[0]);
    tags.push(columns[columns.length - 1]);
  }
  endSentence();
  if (doc.sentences.length > 0) documents.push(doc);
  return documents;
}

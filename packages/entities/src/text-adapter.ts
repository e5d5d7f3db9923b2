/**
 * Adapter for the shared NER harness (`shared/tools/ner-eval.mjs --module`) that tags as the
 * entities stage does: each document's tokens are joined into text (a space between tokens, one
 * line per sentence) and read by `findNameMentions` — the tagger, then titles and edge
 * punctuation trimmed, honorifics and single letters dropped, headline lines read with the body,
 * one label per name per article. Mentions are mapped back to the harness's tokens by offsets.
 * `conll-adapter` scores the tagger alone.
 */
import { findNameMentions, type NameMention } from './lib/mentions.js';
import { defaultModel } from './lib/tagger/model.js';

const TYPES: Record<NameMention['label'], string> = { PERSON: 'PER', ORG: 'ORG', LOC: 'LOC', MISC: 'MISC' };

/** Load the model before the harness starts timing. */
export function init(): void {
  defaultModel();
}

/** IOB2 tags for each token of one document's sentences. */
export function tag(sentences: string[][]): string[][] {
  let text = '';
  const starts: number[][] = [];
  const spans: { start: number; end: number }[] = [];
  for (const tokens of sentences) {
    if (text !== '') text += '\n';
    const start = text.length;
    const row: number[] = [];
    for (const [i, token] of tokens.entries()) {
      if (i > 0) text += ' ';
      row.push(text.length);
      text += token;
    }
    starts.push(row);
    spans.push({ start, end: text.length });
  }
  const tags = sentences.map((tokens) => tokens.map(() => 'O'));
  let s = 0;
  for (const mention of findNameMentions(text, spans)) {
    while (s < spans.length && spans[s].end <= mention.start) s++;
    if (s === spans.length) break;
    const row = starts[s];
    let opened = false;
    for (let t = 0; t < row.length; t++) {
      const end = row[t] + sentences[s][t].length;
      if (end <= mention.start || row[t] >= mention.end) continue;
      if (tags[s][t] !== 'O') continue;
      tags[s][t] = `${opened ? 'I' : 'B'}-${TYPES[mention.label]}`;
      opened = true;
    }
  }
  return tags;
}

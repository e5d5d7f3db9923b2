import type { NameMention } from '../src/lib/mentions.js';

/**
 * Text and name mentions from a source with each mention written "[LABEL]name{}", so a test
 * states what a tagger read without counting offsets: "[ORG]Acme{} said" → "Acme said", ORG 0–4.
 */
export function markedText(source: string): { text: string; mentions: NameMention[] } {
  const mentions: NameMention[] = [];
  let text = '';
  let last = 0;
  const pattern = /\[(PERSON|ORG|LOC|MISC)\]([^[]*?)\{\}/g;
  for (let m = pattern.exec(source); m !== null; m = pattern.exec(source)) {
    text += source.slice(last, m.index);
    mentions.push({ start: text.length, end: text.length + m[2].length, label: m[1] as NameMention['label'] });
    text += m[2];
    last = m.index + m[0].length;
  }
  text += source.slice(last);
  return { text, mentions };
}

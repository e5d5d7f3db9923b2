import { Decoder, type Scorer } from './decode.js';
import { DocumentFeatures, FeatureBuffer, type Lexicon } from './features.js';
import { labelPart, labelType, TYPES } from './labels.js';

/** Reusable buffers for tagging; one per caller keeps tagging free of per-sentence allocation. */
export class TaggerState {
  readonly features = new FeatureBuffer();
  readonly decoder = new Decoder();
}

/**
 * BILOU label numbers for every token of one document's sentences, tagged in order so that each
 * sentence sees the document-level history of the ones before it.
 */
export function tagDocument(scorer: Scorer, lexicon: Lexicon, sentences: readonly (readonly string[])[],
  state: TaggerState = new TaggerState()): Int32Array[] {
  const doc = new DocumentFeatures(sentences, lexicon);
  const result: Int32Array[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const labels = new Int32Array(sentences[s].length);
    doc.extract(s, state.features);
    state.decoder.decode(scorer, state.features, labels.length, labels);
    doc.record(s, labels);
    result.push(labels);
  }
  return result;
}

/**
 * Give every mention of the same name in a document its majority type (ties: the first
 * mention's), after the one-sense-per-document observation behind Krishnan & Manning (2006):
 * "VKontakte" is an ORG throughout an article even if one context looked like a person.
 */
export function harmoniseTypes(sentences: readonly (readonly string[])[], labels: Int32Array[]): void {
  const votes = new Map<string, Int32Array>();
  const mentions: { s: number; start: number; end: number; key: string }[] = [];
  for (let s = 0; s < labels.length; s++) {
    let start = -1;
    for (let i = 0; i < labels[s].length; i++) {
      const label = labels[s][i];
      if (label === 0) continue;
      const part = labelPart(label);
      if (part === 0 || part === 3) start = i;
      if ((part === 2 || part === 3) && start >= 0) {
        const key = sentences[s].slice(start, i + 1).join(' ');
        let counts = votes.get(key);
        if (counts === undefined) {
          counts = new Int32Array(TYPES.length + 1);
          counts[TYPES.length] = labelType(label);
          votes.set(key, counts);
        }
        counts[labelType(label)]++;
        mentions.push({ s, start, end: i + 1, key });
      }
    }
  }
  for (const { s, start, end, key } of mentions) {
    const counts = votes.get(key)!;
    let best = counts[TYPES.length];
    for (let t = 0; t < TYPES.length; t++) if (counts[t] > counts[best]) best = t;
    for (let i = start; i < end; i++) labels[s][i] = 1 + 4 * best + labelPart(labels[s][i]);
  }
}

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultModel, fromIob, tagDocument } from '@galley/entities/tagger';
import { readConll } from '../src/conll.js';
import { EntityScore } from '../src/score.js';

describe('committed model', () => {
  const dev = fileURLToPath(new URL('../../../../shared/benchmarks/ner/conll2003/dev.txt', import.meta.url));
  if (!existsSync(dev)) console.warn(`skipping the committed-model dev score: ${dev} is absent`);
  describe.skipIf(!existsSync(dev))('on CoNLL-2003 dev', () => {
    it('reaches the dev F1 recorded in its manifest (a stale model fails here)', () => {
      const manifest = JSON.parse(
        readFileSync(new URL('../../../packages/entities/model/manifest.json', import.meta.url), 'utf8'),
      ) as {
        scores: { dev: Record<string, { f1: number }> };
      };
      const model = defaultModel();
      const score = new EntityScore();
      for (const doc of readConll(dev)) {
        const predicted = tagDocument(model, model.lexicon, doc.sentences);
        doc.tags.forEach((tags, s) => score.add(fromIob(tags), predicted[s]));
      }
      expect(score.f1()).toBeGreaterThanOrEqual(90);
      expect(Math.abs(score.f1() - manifest.scores.dev['conll-dev'].f1)).toBeLessThan(0.01);
    }, 300_000);
  });
});

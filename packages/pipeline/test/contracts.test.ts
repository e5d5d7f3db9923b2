import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'mdast';
import { unified, type Plugin } from 'unified';
import { VFile, type DataMap } from 'vfile';
import { describe, expect, it } from 'vitest';
import { type StageContract, type StageName, stageNames } from '@galley/document';
import galleyClean, { contract as cleanContract } from '@galley/clean';
import galleySegment, { contract as segmentContract } from '@galley/segment';
import galleyEntities, { contract as entitiesContract } from '@galley/entities';
import galleyPublish, { contract as publishContract } from '@galley/publish';
import { read, runPipeline } from '../src/index.js';

const stages: Record<StageName, { plugin: Plugin<[], Root>; contract: StageContract }> = {
  clean: { plugin: galleyClean as Plugin<[], Root>, contract: cleanContract },
  segment: { plugin: galleySegment as Plugin<[], Root>, contract: segmentContract },
  entities: { plugin: galleyEntities as Plugin<[], Root>, contract: entitiesContract },
  publish: { plugin: galleyPublish as Plugin<[], Root>, contract: publishContract },
};

const samplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../samples');
const samples = readdirSync(samplesDir).map((name) => ({
  name,
  source: readFileSync(path.join(samplesDir, name), 'utf8'),
}));

/** The document without its timings, which differ from run to run. */
function withoutTimings(data: DataMap['publish']) {
  return { ...data, article: { ...data.article, stages: {}, processedAt: '' } };
}

describe('stage contracts: each stage alone, given only what it declares it reads', () => {
  for (const { name, source } of samples) {
    it(`writes exactly what it declares, as in the whole pipeline (${name})`, async () => {
      const whole = (await runPipeline(source, { path: name })).file.data;
      for (const stage of stageNames) {
        const { plugin, contract } = stages[stage];
        const data: Partial<DataMap> = {};
        for (const key of contract.reads)
          if (whole[key] !== undefined) Object.assign(data, { [key]: structuredClone(whole[key]) });
        const given = new Set(Object.keys(data));
        const file = new VFile({ value: source, path: name, data });
        // Only clean reads the tree; the later stages must work from file.data alone.
        const tree: Root = stage === 'clean' ? read(whole.source!.format, source).tree : { type: 'root', children: [] };
        await unified().use(plugin).run(tree, file);
        const written = Object.keys(file.data).filter((key) => !given.has(key));
        expect(written, `${stage} writes`).toEqual([...contract.writes]);
        for (const key of contract.writes) {
          const value = file.data[key];
          if (key === 'publish')
            expect(withoutTimings(value as DataMap['publish'])).toEqual(withoutTimings(whole.publish!));
          else expect(value, `${stage} → ${String(key)}`).toEqual(whole[key]);
        }
      }
    });
  }
});

describe('stage options through the pipeline', () => {
  const story = 'Harbour reopens\n\nMaria Lopez of the Harbour Trust said on Monday the pier would open in May.\n';

  it('passes each stage its own options', async () => {
    const plain = await runPipeline(story);
    expect(plain.markdown).not.toBe('');
    expect(plain.article.entities.some((m) => m.label === 'PERSON')).toBe(true);
    const tuned = await runPipeline(story, {
      stageOptions: { publish: { render: false }, entities: { names: () => [] }, clean: { language: 'cy' } },
    });
    expect(tuned.markdown).toBe('');
    expect(tuned.html).toBe('');
    expect(tuned.article.entities.some((m) => m.label === 'PERSON')).toBe(false);
    expect(tuned.article.language).toBe('cy');
  });
});

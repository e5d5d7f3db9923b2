import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PipelineRunner, processArticle } from '@galley/pipeline';

const article = { source: 'Pier reopens\n\nThe pier at Ash Cove reopened on Friday.', path: 'a.txt' };

let dir: string;
let runner: PipelineRunner | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'galley-runner-'));
});

afterEach(async () => {
  await runner?.close();
  runner = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('PipelineRunner', () => {
  it('yields what processArticle yields, with the renderings', async () => {
    runner = new PipelineRunner();
    const stages: string[] = [];
    const output = await runner.run(article, { onStage: (stage, _ms, done) => stages.push(`${done}:${stage}`) });
    const { processedAt: _p, stages: _s, ...direct } = await processArticle(article.source, { path: article.path });
    const { processedAt: _q, stages: _t, ...threaded } = output.article;
    expect(threaded).toEqual(direct);
    expect(stages).toEqual(['1:clean', '2:segment', '3:entities', '4:publish']);
    expect(output.markdown).toContain('Pier reopens');
    expect(output.html).toContain('<');
  }, 30_000);

  it('reports only the stages that end past stagesAfterMs, counted from the start of the run', async () => {
    runner = new PipelineRunner();
    const stages: string[] = [];
    const onStage = (stage: string, _ms: number, done: number): number => stages.push(`${done}:${stage}`);
    await runner.run(article, { onStage, stagesAfterMs: 60_000 });
    expect(stages).toEqual([]);
    // A fault module that waits before the stages makes every stage end past the threshold.
    const faultModule = path.join(dir, 'slow.mjs');
    await writeFile(
      faultModule,
      'export default async (input, run) => { await new Promise((r) => setTimeout(r, 50)); return run(); };',
    );
    await runner.close();
    runner = new PipelineRunner({ faultModule });
    await runner.run(article, { onStage, stagesAfterMs: 40 });
    expect(stages).toEqual(['1:clean', '2:segment', '3:entities', '4:publish']);
  }, 30_000);

  it('stops stages that overrun the time limit with a coded reason, then runs the next article in a fresh thread', async () => {
    runner = new PipelineRunner();
    await expect(runner.run(article, { timeLimitMs: 1 })).rejects.toMatchObject({
      code: 'GALLEY_TIME_LIMIT',
      message: 'took longer than the 1 ms limit per article; stopped',
    });
    expect((await runner.run(article, { timeLimitMs: 30_000 })).article.title).toBe('Pier reopens');
    await expect(runner.run({ ...article, source: '   ' })).rejects.toMatchObject({
      name: 'InputError',
      code: 'GALLEY_INPUT_EMPTY',
    });
  }, 30_000);

  it('reports a stage that throws and one that exhausts the heap cap, then runs the next article', async () => {
    // Fault modules as the thread loads them: plain JavaScript files, chosen by the test.
    const faultModule = path.join(dir, 'fault.mjs');
    await writeFile(
      faultModule,
      [
        'export default async (input, run) => {',
        "  if (input.source.includes('THROW')) throw new Error('stage broke');",
        "  if (input.source.includes('HOARD')) { const hoard = []; for (;;) hoard.push({ n: hoard.length }); }",
        '  return run();',
        '};',
      ].join('\n'),
    );
    runner = new PipelineRunner({ memoryLimitMb: 64, faultModule });
    await expect(runner.run({ ...article, source: `${article.source} THROW` })).rejects.toMatchObject({
      message: 'stage broke',
    });
    await expect(runner.run({ ...article, source: `${article.source} HOARD` })).rejects.toMatchObject({
      code: 'GALLEY_MEMORY_LIMIT',
      message: 'ran out of memory (over 64 MB) on this article; stopped',
    });
    expect((await runner.run(article)).article.title).toBe('Pier reopens');
  }, 60_000);

  it('stops at once when cancelled', async () => {
    runner = new PipelineRunner();
    const controller = new AbortController();
    controller.abort('closing');
    await expect(runner.run(article, { signal: controller.signal })).rejects.toMatchObject({
      code: 'GALLEY_CANCELLED',
    });
  }, 30_000);

  it('refuses a memory limit that is not a whole number of MB', () => {
    expect(() => new PipelineRunner({ memoryLimitMb: 0.5 })).toThrow(/memoryLimitMb/);
  });

  it('reports where the time went', async () => {
    runner = new PipelineRunner();
    let timings: Record<string, number> | undefined;
    await runner.run(article, { onTimings: (t) => (timings = { ...t }) });
    expect(Object.keys(timings ?? {}).sort()).toEqual(['handoffIn', 'handoffOut', 'stages', 'threadStart']);
    for (const ms of Object.values(timings ?? {})) expect(ms).toBeGreaterThanOrEqual(0);
  }, 30_000);
});

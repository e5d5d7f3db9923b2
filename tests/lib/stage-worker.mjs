// Worker thread for the adversarial-pattern test: runs every stage's plain function over one input
// and posts each stage's time. Plain JavaScript because worker threads load files without vitest's
// TypeScript transform; it imports the built packages (dist), the code users run.
import { parentPort, workerData } from 'node:worker_threads';
import { articleId, paragraphBlocks } from '@galley/document';
import { decodeSource, detectFormat, readHtml, readMarkdown, readText, runPipeline } from '@galley/pipeline';
import * as clean from '@galley/clean';
import * as segment from '@galley/segment';
import * as entities from '@galley/entities';

const { input } = workerData;

// Each stage reports its time and, when it throws, the error's name and message; the next stage
// still runs, so one refusal does not hide another stage's slowness.
async function time(stage, run) {
  const start = performance.now();
  parentPort.postMessage({ stage, started: true });
  let error;
  try {
    await run();
  } catch (caught) {
    error = `${caught?.name}: ${caught?.message}`.slice(0, 300);
  }
  parentPort.postMessage({ stage, ms: performance.now() - start, error });
}

const body = `Title\n\n${input}`;
let text = input;
let sentences = [];
await time('decodeSource', () => decodeSource(body));
await time('detectFormat', () => detectFormat(body));
await time('paragraphBlocks', () => paragraphBlocks(body));
await time('articleId', () => articleId(input, '0'.repeat(64)));
await time('readText', () => readText(body));
await time('readHtml', () => readHtml(body));
await time('readMarkdown', () => readMarkdown(body));
await time('clean', async () => {
  text = clean.cleanTree(readText(body).tree).text;
});
// Text repair helpers, where the clean package exports them.
for (const name of ['repairText', 'fixMojibake', 'normaliseQuotes']) {
  if (typeof clean[name] === 'function') await time(name, () => clean[name](input));
}
await time('segmentText', () => {
  sentences = segment.segmentText(text);
});
await time('tokenize', () => entities.tokenize(text));
await time('findNameMentions', () => entities.findNameMentions(text, sentences));
await time('tagText', () => entities.tagText(text, sentences));
await time('runPipeline', () => runPipeline(body, { format: 'text' }));
parentPort.postMessage({ done: true });

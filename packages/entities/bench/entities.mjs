// Throughput of the entities stage's own layers (rules, resolution, quotes, speakers) and of the
// whole stage with the tagger, on the seed article; then the time on ~100k-character adversarial
// inputs, which must stay in milliseconds (linear time). usage (after `npm run build -w @galley/entities`):
//   node packages/entities/bench/entities.mjs [article.txt] [--seconds N]
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { paragraphBlocks } from '@galley/document';
import { tagText } from '../dist/index.js';
import { findNameMentions } from '../dist/lib/mentions.js';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 0) || 2;
const path =
  args.find((a) => !a.startsWith('--') && a !== String(seconds)) ??
  new URL('../../../../shared/fixtures/seed-article/article.txt', import.meta.url).pathname;
if (!existsSync(path)) {
  console.error(`bench: ${path} not found (pass an article path)`);
  process.exit(1);
}
const text = readFileSync(path, 'utf8').replace(/\r\n/g, '\n').trim();
const paragraphs = paragraphBlocks(text);
// Sentences as a crude splitter sees them; the stage's cost hardly depends on their exact edges.
const sentences = [];
for (const p of paragraphs) {
  const re = /[^.!?]+(?:[.!?]+[”"’]?|$)/g;
  re.lastIndex = p.start;
  const body = text.slice(0, p.end);
  for (let m = re.exec(body); m && m.index < p.end; m = re.exec(body)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const end = m.index + m[0].trimEnd().length;
    if (end > start) sentences.push({ start, end });
    if (re.lastIndex >= p.end) break;
  }
}
const names = findNameMentions(text, sentences);

// CPU time of this process, not wall time: other processes on a shared machine do not count.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function measure(label, run) {
  for (let i = 0; i < 300; i++) run();
  let n = 0;
  const wall = performance.now();
  const t0 = cpuMs();
  while (performance.now() - wall < seconds * 1000) {
    run();
    n++;
  }
  const ms = (cpuMs() - t0) / n;
  console.log(`${label.padEnd(30)} ${ms.toFixed(3)} CPU ms/article  ${(1000 / ms).toFixed(0)} articles/s per core`);
}

console.log(`${path}: ${text.length} chars, ${sentences.length} sentences, ${names.length} name mentions`);
measure('rules + resolution + quotes', () => tagText(text, sentences, { paragraphs, names: () => names }));
measure('whole stage (with tagger)', () => tagText(text, sentences, { paragraphs }));

// Adversarial inputs: long runs of what the regular expressions and loops look for.
const adversarial = {
  digits: '1'.repeat(100_000),
  thousands: '1,000'.repeat(20_000) + 'x',
  quotes: '“'.repeat(50_000) + '”'.repeat(50_000),
  straight: '"a '.repeat(33_000),
  capitals: 'Ab '.repeat(33_000),
  aliases: 'Foo, known as '.repeat(7_000),
  commas: 'A, b, c, d, e, f,'.repeat(6_000),
  dates: 'May 1, '.repeat(14_000),
  speech: '“a,” he said. '.repeat(7_000),
};
for (const [name, input] of Object.entries(adversarial)) {
  const wall = performance.now();
  tagText(input, [{ start: 0, end: input.length }]);
  console.log(`adversarial ${name.padEnd(10)} ${input.length} chars  ${(performance.now() - wall).toFixed(0)} ms`);
}

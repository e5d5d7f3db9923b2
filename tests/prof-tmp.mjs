import { runPipeline } from '@galley/pipeline';
const cases = {
  mdpara: `# Many paragraphs\n\n${'A *b*.\n\n'.repeat(100_000)}`,
  txtpara: `Many paragraphs\n\n${'A b.\n\n'.repeat(100_000)}`,
  emph: (n) => `# Deep\n\n${'*a '.repeat(n)}core${' a*'.repeat(n)}\n`,
};
const which = process.argv[2];
const n = Number(process.argv[3] ?? 0);
const src = typeof cases[which] === 'function' ? cases[which](n) : cases[which];
const t = performance.now();
const stages = {};
await runPipeline(src, { path: which === 'txtpara' ? 'x.txt' : 'x.md', onStage: (s, ms) => { stages[s] = Math.round(ms); } });
console.log(which, n, Math.round(performance.now() - t), 'ms', JSON.stringify(stages));

// In-process throughput: the whole pipeline (or the reference library) over the corpus, one
// warm-up pass excluded, then `reps` timed passes; per-stage time comes from `article.stages`.
import { performance } from 'node:perf_hooks';
import { countWords, summarize } from './stats.mjs';

/**
 * Time `processArticle` over `articles`, each rep being `rounds` passes over the list.
 * Returns throughput and per-stage ms/article (median and spread over reps), plus the
 * word count of each article's cleaned text, which the reference run reuses.
 */
export async function benchPipeline(processArticle, articles, { reps, rounds = 1, warmupMs = 0 }) {
  const outputs = [];
  const warmupStart = performance.now();
  for (const item of articles) outputs.push(await processArticle(item.source, { path: item.path }));
  let warmupArticles = articles.length;
  // Warm up by time, not by rounds: V8 optimises the hot functions only after many calls, and a
  // worker on a feed runs in that steady state; a short warm-up measured the JIT instead.
  while (performance.now() - warmupStart < warmupMs) {
    for (const item of articles) await processArticle(item.source, { path: item.path });
    warmupArticles += articles.length;
  }
  const words = outputs.map((article) => countWords(article.text));
  const totalWords = words.reduce((a, b) => a + b, 0) * rounds;
  const count = articles.length * rounds;
  const stageNames = [...new Set(outputs.flatMap((a) => Object.keys(a.stages ?? {})))];
  const perRep = [];
  for (let rep = 0; rep < reps; rep++) {
    const stageMs = Object.fromEntries(stageNames.map((s) => [s, 0]));
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    for (let round = 0; round < rounds; round++) {
      for (const item of articles) {
        const article = await processArticle(item.source, { path: item.path });
        for (const [stage, { ms }] of Object.entries(article.stages ?? {})) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
      }
    }
    const ms = performance.now() - start;
    perRep.push({ ms, cpuMs: cpuMillis(process.cpuUsage(cpuStart)), stageMs });
  }
  const stages = Object.fromEntries(
    stageNames.map((s) => [
      s,
      summarize(
        perRep.map((r) => r.stageMs[s] / count),
        4,
      ),
    ]),
  );
  const overhead = summarize(
    perRep.map((r) => (r.ms - stageNames.reduce((sum, s) => sum + r.stageMs[s], 0)) / count),
    4,
  );
  return {
    articles: count,
    warmupArticles,
    words: totalWords,
    articlesPerSec: summarize(
      perRep.map((r) => (count * 1000) / r.ms),
      1,
    ),
    wordsPerSec: summarize(
      perRep.map((r) => (totalWords * 1000) / r.ms),
      0,
    ),
    msPerArticle: summarize(
      perRep.map((r) => r.ms / count),
      4,
    ),
    cpuArticlesPerSec: summarize(
      perRep.map((r) => (count * 1000) / r.cpuMs),
      1,
    ),
    // Below 1 when other work shared the core: wall-time figures (stages too) are inflated by 1/cpuShare.
    cpuShare: summarize(
      perRep.map((r) => Math.min(1, r.cpuMs / r.ms)),
      2,
    ),
    stages,
    overhead,
    outputs,
    wordsPerArticle: words,
  };
}

/**
 * The reference: compromise over the same texts, asked for sentences and people, places and
 * organisations. It returns them as strings (`out('array')`): asking for offsets as we give them
 * (`out('offset')`, `json({offset: true})`) costs it 1.5–3× more, so this ratio is a lower bound.
 */
export function benchCompromise(nlp, texts, totalWords, { reps, rounds = 1, warmupMs = 0 }) {
  const run = (text) => {
    const doc = nlp(text);
    return (
      doc.sentences().out('array').length +
      doc.people().out('array').length +
      doc.places().out('array').length +
      doc.organizations().out('array').length
    );
  };
  const warmupStart = performance.now();
  for (const text of texts) run(text);
  while (performance.now() - warmupStart < warmupMs) for (const text of texts) run(text);
  const count = texts.length * rounds;
  const words = totalWords * rounds;
  const perRep = [];
  const cpuPerRep = [];
  for (let rep = 0; rep < reps; rep++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    for (let round = 0; round < rounds; round++) for (const text of texts) run(text);
    perRep.push(performance.now() - start);
    cpuPerRep.push(cpuMillis(process.cpuUsage(cpuStart)));
  }
  return {
    articles: count,
    words,
    articlesPerSec: summarize(
      perRep.map((ms) => (count * 1000) / ms),
      1,
    ),
    wordsPerSec: summarize(
      perRep.map((ms) => (words * 1000) / ms),
      0,
    ),
    msPerArticle: summarize(
      perRep.map((ms) => ms / count),
      4,
    ),
    cpuArticlesPerSec: summarize(
      cpuPerRep.map((ms) => (count * 1000) / ms),
      1,
    ),
  };
}

/** CPU time (user + system) of a `process.cpuUsage` delta, in ms: less sensitive than wall time to other work on the core. */
function cpuMillis({ user, system }) {
  return (user + system) / 1000;
}

// Printing: aligned tables, the target checks and the comparison with a saved baseline.

/** Print rows (arrays of cells) as a left/right-aligned table; numbers align right. */
export function printTable(header, rows) {
  const all = [header, ...rows].map((row) => row.map((cell) => String(cell ?? '')));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const numeric = header.map((_, i) =>
    rows.every((row) => typeof row[i] === 'number' || /^[\d.,–()% ×x-]+$/.test(String(row[i] ?? ''))),
  );
  const line = (row) =>
    '  ' +
    row
      .map((cell, i) => (numeric[i] && i > 0 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(all[0]));
  console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of all.slice(1)) console.log(line(row));
}

/** Print a section heading. */
export function heading(text) {
  console.log(`\n== ${text} ==`);
}

/**
 * The figures that a comparison tracks, flattened to `{key: {value, better}}`; `better` says
 * which direction is an improvement. Stage times carry `stage: true` for the >10% flag.
 */
export function trackedFigures(results) {
  const out = {};
  const add = (key, value, better, extra = {}) => {
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = { value, better, ...extra };
  };
  for (const scope of ['corpus', 'seed']) {
    const r = results.inProcess?.[scope];
    if (!r) continue;
    add(`in-process ${scope}: articles/s`, r.articlesPerSec.median, 'higher');
    add(`in-process ${scope}: words/s`, r.wordsPerSec.median, 'higher');
    add(`in-process ${scope}: ms/article`, r.msPerArticle.median, 'lower');
    add(`in-process ${scope}: articles/cpu-s`, r.cpuArticlesPerSec?.median, 'higher');
    for (const [stage, s] of Object.entries(r.stages))
      add(`in-process ${scope}: stage ${stage} ms`, s.median, 'lower', { stage: true });
    add(`in-process ${scope}: outside stages ms`, r.overhead.median, 'lower');
  }
  add('compromise corpus: articles/s', results.compromise?.corpus?.articlesPerSec.median, 'higher');
  add('ours/compromise (corpus)', results.ratio?.corpus, 'higher');
  add('ours/compromise (seed)', results.ratio?.seed, 'higher');
  add('peak RSS in-process MB', results.memory?.inProcessPeakRssMb, 'lower');
  for (const p of results.scaling?.points ?? []) {
    add(`scaling ${p.times}×: cpu ms/article`, p.cpuMs?.median, 'lower');
    add(`scaling ${p.times}×: peak RSS MB`, p.peakRssMb, 'lower');
  }
  for (const run of results.e2e?.runs ?? []) {
    const w = `e2e ${run.workers} worker${run.workers > 1 ? 's' : ''}`;
    add(`${w}: burst articles/s`, run.burst?.articlesPerSec, 'higher');
    add(`${w}: burst latency p95 ms`, run.burst?.latencyMs.p95, 'lower');
    add(`${w}: paced latency p50 ms`, run.paced?.latencyMs.p50, 'lower');
    add(`${w}: paced latency p95 ms`, run.paced?.latencyMs.p95, 'lower');
    run.workerPeakRssMb?.forEach((mb, i) => add(`${w}: worker ${i + 1} peak RSS MB`, mb, 'lower'));
  }
  return out;
}

/**
 * Print what got faster or slower than the baseline. Changes within ±`noise` are "same";
 * a stage whose time grew by more than `stageLimit` is flagged. Returns the flagged stages.
 */
export function printComparison(baseline, current, { noise = 0.05, stageLimit = 0.1 } = {}) {
  const before = trackedFigures(baseline);
  const after = trackedFigures(current);
  const rows = [];
  const flagged = [];
  for (const [key, now] of Object.entries(after)) {
    const was = before[key];
    if (!was) continue;
    const change = was.value === 0 ? 0 : (now.value - was.value) / was.value;
    const improved = now.better === 'higher' ? change > 0 : change < 0;
    let verdict = Math.abs(change) <= noise ? 'same' : improved ? 'better' : 'worse';
    if (now.stage && change > stageLimit) {
      verdict = `SLOWER >${Math.round(stageLimit * 100)}%`;
      flagged.push(key);
    }
    rows.push([key, fmt(was.value), fmt(now.value), `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`, verdict]);
  }
  console.log(`baseline: ${baseline.date} on ${baseline.machine?.cpu ?? '?'} (${baseline.mode} run)`);
  if (baseline.mode && baseline.mode !== current.mode) {
    console.log(
      `warning: comparing a ${current.mode} run with a ${baseline.mode} baseline; quick runs are shorter and less warmed up, so they read slower`,
    );
  }
  const shareBefore = baseline.inProcess?.corpus?.cpuShare?.median;
  const shareNow = current.inProcess?.corpus?.cpuShare?.median;
  if (shareBefore && shareNow && Math.abs(shareBefore - shareNow) > 0.15) {
    console.log(
      `warning: the process had ${Math.round(shareBefore * 100)}% of its core then and ${Math.round(shareNow * 100)}% now; ` +
        'wall-time figures (stages included) are not comparable, trust articles/cpu-s',
    );
  }
  printTable(['figure', 'baseline', 'now', 'change', 'verdict'], rows);
  if (flagged.length)
    console.log(
      `\nflagged: ${flagged.length} stage(s) slowed by more than ${stageLimit * 100}%: ${flagged.join('; ')}`,
    );
  else console.log(`\nno stage slowed by more than ${stageLimit * 100}%`);
  return flagged;
}

function fmt(v) {
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : +v.toFixed(3);
}

/** The line of a child process's stderr that names its error (`Error: …`), else the last line. */
export function errorLine(stderr) {
  const lines = stderr.trim().split('\n');
  return (lines.find((l) => /^\s*[\w.]*Error(?: \[\w+\])?:/.test(l)) ?? lines.at(-1) ?? '').trim();
}

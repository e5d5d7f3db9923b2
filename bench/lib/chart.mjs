// The scaling chart: time per article and peak RSS against article length, log–log for time so
// linear growth is a line of slope 1 (drawn dashed for reference).
import { Raster } from './png.mjs';

const INK = [30, 30, 30];
const GRID = [225, 225, 225];
const REFERENCE = [190, 190, 190];
const SERIES_COLORS = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
];
const TOTAL_COLOR = [0, 0, 0];
const CPU_COLOR = [120, 120, 120];

/**
 * Draw the scaling points (`{words, ms, cpuMs, stages, peakRssMb}`) and return PNG bytes. Wall
 * and CPU totals are both drawn: on a shared core wall time (and so every stage) is inflated.
 */
export function scalingChart(points, { title }) {
  const image = new Raster(1000, 540);
  image.text(20, 12, title, INK, 2);
  const stageNames = Object.keys(points[0]?.stages ?? {});
  const timeSeries = [
    { name: 'total wall', color: TOTAL_COLOR, values: points.map((p) => p.ms.median) },
    { name: 'total cpu', color: CPU_COLOR, values: points.map((p) => p.cpuMs.median) },
    ...stageNames.map((name, i) => ({
      name,
      color: SERIES_COLORS[i % SERIES_COLORS.length],
      values: points.map((p) => p.stages[name].median),
    })),
  ];
  const words = points.map((p) => p.words);
  // The reference line runs through the last point, where per-article fixed costs matter least.
  const last = timeSeries[1].values.at(-1);
  const linear = words.map((w) => (last * w) / words.at(-1));
  panel(
    image,
    { x: 80, y: 90, w: 520, h: 320 },
    {
      label: 'MS PER ARTICLE (LOG) VS WORDS (LOG), STAGES WALL',
      xs: words,
      series: timeSeries,
      reference: { name: 'linear', values: linear },
      logY: true,
    },
  );
  panel(
    image,
    { x: 700, y: 90, w: 270, h: 320 },
    {
      label: 'PEAK RSS MB VS WORDS',
      xs: words,
      series: [{ name: 'rss', color: SERIES_COLORS[4], values: points.map((p) => p.peakRssMb) }],
      logY: false,
    },
  );
  return image.toPng();
}

function panel(image, box, { label, xs, series, reference, logY }) {
  const all = series
    .flatMap((s) => s.values)
    .concat(reference?.values ?? [])
    .filter((v) => v > 0);
  const tx = (v) => Math.log10(v);
  const ty = logY ? (v) => Math.log10(Math.max(v, 1e-3)) : (v) => v;
  const xMin = tx(Math.min(...xs)) - 0.05;
  const xMax = tx(Math.max(...xs)) + 0.05;
  let yMin = logY ? Math.floor(ty(Math.min(...all))) : 0;
  let yMax = logY ? Math.ceil(ty(Math.max(...all))) : niceCeiling(Math.max(...all));
  if (yMax <= yMin) yMax = yMin + 1;
  const px = (v) => box.x + ((tx(v) - xMin) / (xMax - xMin)) * box.w;
  const py = (v) => box.y + box.h - ((ty(v) - yMin) / (yMax - yMin)) * box.h;

  image.text(box.x - 40, box.y - 30, label, INK, 2);
  // Horizontal grid: powers of ten on a log axis, five even steps on a linear one.
  const ticks = logY
    ? Array.from({ length: yMax - yMin + 1 }, (_, i) => 10 ** (yMin + i))
    : Array.from({ length: 6 }, (_, i) => (yMax * i) / 5);
  for (const t of ticks) {
    const y = py(t);
    image.line(box.x, y, box.x + box.w, y, GRID);
    const text = formatTick(t);
    image.text(box.x - Raster.textWidth(text, 2) - 8, y - 5, text, INK, 2);
  }
  // Labels that would overlap the previous one are left out (the grid line stays).
  let labelEnd = -Infinity;
  for (const x of xs) {
    image.line(px(x), box.y, px(x), box.y + box.h, GRID);
    const text = formatTick(x);
    const left = px(x) - Raster.textWidth(text, 2) / 2;
    if (left < labelEnd + 8) continue;
    image.text(left, box.y + box.h + 8, text, INK, 2);
    labelEnd = left + Raster.textWidth(text, 2);
  }
  image.line(box.x, box.y + box.h, box.x + box.w, box.y + box.h, INK);
  image.line(box.x, box.y, box.x, box.y + box.h, INK);
  image.text(box.x + box.w / 2 - 30, box.y + box.h + 26, 'WORDS', INK, 2);

  if (reference) polyline(image, xs, reference.values, px, py, REFERENCE, 1, 6);
  for (const s of series)
    polyline(image, xs, s.values, px, py, s.color, s.color === TOTAL_COLOR || s.color === CPU_COLOR ? 3 : 2, 0);

  // Legend under the panel, wrapping at its width, so it never hides a line.
  const legend = reference ? [...series, { name: 'linear (slope 1)', color: REFERENCE }] : series;
  let lx = box.x - 40;
  let ly = box.y + box.h + 50;
  for (const s of legend) {
    const width = 30 + Raster.textWidth(s.name, 2) + 16;
    if (lx + width > box.x + box.w + 20) {
      lx = box.x - 40;
      ly += 20;
    }
    image.fillRect(lx, ly + 5, 20, 4, s.color);
    image.text(lx + 26, ly, s.name.toUpperCase(), s.color, 2);
    lx += width;
  }
}

function polyline(image, xs, ys, px, py, color, thickness, dash) {
  for (let i = 1; i < xs.length; i++) {
    if (!(ys[i - 1] > 0 && ys[i] > 0)) continue;
    image.line(px(xs[i - 1]), py(ys[i - 1]), px(xs[i]), py(ys[i]), color, thickness, dash);
  }
  for (let i = 0; i < xs.length; i++)
    if (ys[i] > 0) image.fillRect(Math.round(px(xs[i])) - 3, Math.round(py(ys[i])) - 3, 7, 7, color);
}

function niceCeiling(v) {
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
}

function formatTick(v) {
  if (v >= 1000) return `${+(v / 1000).toFixed(1)}K`;
  if (v >= 1) return `${+v.toFixed(1)}`;
  return `${+v.toPrecision(2)}`;
}

import { html } from 'hono/html';
import { type Html, plural } from './views/layout.js';

/** One bar of a month chart: its month and one or two stacked values. */
export interface MonthBar {
  month: string;
  /** The main value (drawn first, from the axis up). */
  value: number;
  /** A second value stacked on the first (e.g. quotes whose speaker is unknown). */
  extra?: number;
}

/** Options of {@link monthChart}. */
export interface MonthChartOptions {
  /** Accessible title, e.g. "Mentions of X per month". */
  title: string;
  /** Noun of `value` ("mention"); `extraNoun` of `extra`. */
  noun: string;
  extraNoun?: string;
  /** A unique id prefix for the title and description elements. */
  id: string;
  /** Legend of the two stacked series, when `extra` is drawn. */
  legend?: [string, string];
}

const width = 720;
const height = 180;
const left = 40;
const bottom = 24;
const top = 8;

/** Every month from `first` to `last` (`YYYY-MM`), so gaps show as zero, not as nothing. */
export function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number);
  const [lastYear, lastMonth] = last.split('-').map(Number);
  while ((year < lastYear || (year === lastYear && month <= lastMonth)) && months.length < 1200) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}

/**
 * A bar chart of values per month as server-rendered SVG: a title and a description for screen
 * readers, a `<title>` on every bar (its month and values, shown on hover), year labels along
 * the bottom. Every text is escaped by the template; no script is needed to read it.
 */
export function monthChart(bars: MonthBar[], options: MonthChartOptions): Html {
  if (!bars.length) return html`<p class="hint">No data yet.</p>`;
  const byMonth = new Map(bars.map((b) => [b.month, b]));
  const months = monthRange(bars[0].month, bars[bars.length - 1].month);
  const series = months.map((month) => byMonth.get(month) ?? { month, value: 0, extra: 0 });
  const max = Math.max(1, ...series.map((b) => b.value + (b.extra ?? 0)));
  const peak = series.reduce((best, b) => (b.value + (b.extra ?? 0) > best.value + (best.extra ?? 0) ? b : best));
  const step = (width - left) / series.length;
  const barWidth = Math.max(1, step * 0.8);
  const scale = (v: number) => (v / max) * (height - bottom - top);
  const total = series.reduce((s, b) => s + b.value, 0);
  const describe = (b: MonthBar) =>
    `${b.month}: ${plural(b.value, options.noun)}${options.extraNoun ? `, ${plural(b.extra ?? 0, options.extraNoun)}` : ''}`;
  const bars_ = series.map((b, i) => {
    const x = (left + i * step).toFixed(1);
    const main = scale(b.value);
    const extra = scale(b.extra ?? 0);
    return html`<g><title>${describe(b)}</title><rect class="bar" x="${x}" y="${(height - bottom - main).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${main.toFixed(1)}"></rect>${
      extra
        ? html`<rect class="bar extra" x="${x}" y="${(height - bottom - main - extra).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${extra.toFixed(1)}"></rect>`
        : ''
    }</g>`;
  });
  const years = series
    .map((b, i) => ({ b, i }))
    .filter(({ b, i }) => i === 0 || b.month.endsWith('-01'))
    .map(
      ({ b, i }) =>
        html`<text class="axis" x="${(left + i * step).toFixed(1)}" y="${height - 6}">${b.month.slice(0, 4)}</text>`,
    );
  return html`<figure class="chart">
<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${options.id}-title ${options.id}-desc" data-chart="${options.id}">
<title id="${options.id}-title">${options.title}</title>
<desc id="${options.id}-desc">${series.length} months from ${series[0].month} to ${series[series.length - 1].month}, ${plural(total, options.noun)} in all; most in ${describe(peak)}.</desc>
<line class="axis-line" x1="${left}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}"></line>
<text class="axis" x="${left - 6}" y="${top + 10}" text-anchor="end">${max}</text>
<text class="axis" x="${left - 6}" y="${height - bottom}" text-anchor="end">0</text>
${bars_}${years}
</svg>
<figcaption>${options.title}${options.legend ? html` <span class="key"><span class="swatch"></span> ${options.legend[0]} <span class="swatch extra"></span> ${options.legend[1]}</span>` : ''}</figcaption>
</figure>`;
}

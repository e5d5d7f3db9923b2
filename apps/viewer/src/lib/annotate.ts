import type { Article, Block, EntityMention } from '@galley/document';
import { escapeHtml } from './escape.js';

/** One annotation layer element over `[start, end)`; lower ranks nest outside higher ones. */
interface Layer {
  start: number;
  end: number;
  rank: number;
  /** Opening tag of the first fragment (the one that carries an anchor id). */
  open: string;
  /** Opening tag of later fragments, when a crossing span forces a split. */
  reopen: string;
  close: string;
}

const sentenceRank = 0;
const quoteRank = 1;
const entityRank = 2;

/** The annotated article as HTML fragments: the headline apart, so a page can set it first. */
export interface RenderedArticle {
  /** Inner HTML of the title block(s); empty when the article has none. */
  title: string;
  /** Every other block, each as its own element. */
  body: string;
}

/**
 * The article as HTML: one element per block, sentences as `span.s`, quotes as `span.q` (the
 * first fragment carries the anchor `id="q-N"`) and entity mentions as `mark.e` with their
 * label and entity id. Spans that cross each other or a block boundary are split into fragments,
 * so the markup always nests. Every piece of article text is escaped.
 */
export function renderArticle(article: Article): RenderedArticle {
  const layers: Layer[] = [];
  article.sentences.forEach((s, i) => {
    const open = `<span class="s s${i % 2}" data-s="${i}">`;
    layers.push({ start: s.start, end: s.end, rank: sentenceRank, open, reopen: open, close: '</span>' });
  });
  article.quotes.forEach((q, i) => {
    const kind = q.scare ? 'q scare' : 'q';
    const reopen = `<span class="${kind}" data-q="${i}">`;
    layers.push({
      start: q.start,
      end: q.end,
      rank: quoteRank,
      open: `<span class="${kind}" id="q-${i}" data-q="${i}">`,
      reopen,
      close: '</span>',
    });
  });
  article.entities.forEach((m, i) => layers.push(entityLayer(m, i)));
  layers.sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);

  const blocks: Block[] = article.blocks.length
    ? article.blocks
    : [{ type: 'paragraph', start: 0, end: article.text.length }];
  const opened = new Set<Layer>();
  let next = 0;
  const title: string[] = [];
  const body: string[] = [];
  for (const block of blocks) {
    // Layers that ended before this block never show; the cursor only moves forward.
    while (next < layers.length && layers[next].end <= block.start) next++;
    const inside: Layer[] = [];
    for (let i = next; i < layers.length && layers[i].start < block.end; i++) {
      if (layers[i].end > block.start && layers[i].end > layers[i].start) inside.push(layers[i]);
    }
    const markup = renderSpan(article.text, block.start, block.end, inside, opened);
    if (block.type === 'title') title.push(markup);
    else {
      const tag = block.type === 'heading' ? `h${Math.min(6, Math.max(2, block.depth ?? 2))}` : 'p';
      body.push(`<${tag}>${markup}</${tag}>\n`);
    }
  }
  return { title: title.join(' '), body: body.join('') };
}

/** `text[from, to)` as escaped HTML with the given mentions highlighted (for excerpts). */
export function renderExcerpt(text: string, from: number, to: number, mentions: readonly EntityMention[]): string {
  const layers = mentions
    .filter((m) => m.end > from && m.start < to && m.end > m.start)
    .map((m) => entityLayer(m))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  return renderSpan(text, from, to, layers, new Set());
}

function entityLayer(m: EntityMention, index?: number): Layer {
  const data = index === undefined ? '' : ` data-m="${index}"`;
  const open = `<mark class="e" data-label="${m.label}" data-entity="${escapeHtml(m.entity)}"${data}>`;
  return { start: m.start, end: m.end, rank: entityRank, open, reopen: open, close: '</mark>' };
}

/**
 * Render `text[from, to)` with the layers (sorted by start) clipped to it. `opened` remembers
 * which layers already emitted their first fragment, across blocks.
 */
function renderSpan(text: string, from: number, to: number, layers: Layer[], opened: Set<Layer>): string {
  const points = new Set<number>([from, to]);
  for (const l of layers) {
    points.add(Math.max(from, l.start));
    points.add(Math.min(to, l.end));
  }
  const stops = [...points].sort((a, b) => a - b);
  const stack: Layer[] = [];
  const out: string[] = [];
  let pending = 0;
  for (let p = 0; p < stops.length; p++) {
    const at = stops[p];
    // Close every layer that ends here; layers above it that go on are closed and reopened.
    const lowest = stack.findIndex((l) => Math.min(to, l.end) <= at);
    if (lowest >= 0) {
      const carry: Layer[] = [];
      while (stack.length > lowest) {
        const top = stack.pop() as Layer;
        out.push(top.close);
        if (Math.min(to, top.end) > at) carry.unshift(top);
      }
      for (const l of carry) {
        stack.push(l);
        out.push(l.reopen);
      }
    }
    while (pending < layers.length && Math.max(from, layers[pending].start) <= at) {
      const layer = layers[pending++];
      if (Math.min(to, layer.end) <= at) continue;
      stack.push(layer);
      out.push(opened.has(layer) ? layer.reopen : layer.open);
      opened.add(layer);
    }
    if (p + 1 < stops.length) out.push(escapeHtml(text.slice(at, stops[p + 1])));
  }
  while (stack.length) out.push((stack.pop() as Layer).close);
  return out.join('');
}

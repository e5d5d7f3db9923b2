import type { Element, ElementContent, Root, RootContent } from 'hast';
import { type Figure, type Removed, collapseSpaces, findSpanAt, partitionPoint } from '@galley/document';
import {
  classifyBlock,
  cleanByline,
  isCreditLine,
  parseCredit,
  repairText,
  sameText,
  splitCaptionCredit,
} from '@galley/clean';
import { dateInText, readPageMeta, stripSiteName, type PageMeta } from './html-meta.js';
import { parseHtml } from './parse-html.js';

/** One block of the article body, in reading order. */
export interface ExtractedBlock {
  type: 'heading' | 'paragraph' | 'list-item' | 'quote';
  text: string;
  /** Heading depth (2–6) for headings. */
  depth?: number;
  /** Whether a list item belongs to an ordered list. */
  ordered?: boolean;
}

/** The main content of a web page and what was learned about it. */
export interface ExtractedArticle {
  title: string;
  byline?: string;
  published?: string;
  /** Canonical URL, site name, authors, description, language, modification date, lead image, provenance. */
  meta: Omit<PageMeta, 'title' | 'byline' | 'published' | 'articleBody' | 'documentTitle'> & { url?: string };
  blocks: ExtractedBlock[];
  figures: Figure[];
  removed: Removed[];
}

/** An element the walk kept, with the counts the scoring needs. */
interface Box {
  tag: string;
  parent: Box | undefined;
  children: Box[];
  depth: number;
  /** Pre-order number and the last pre-order number inside, so containment is two comparisons. */
  order: number;
  end: number;
  /** Class weight from class and id names (Readability's ±25). */
  weight: number;
  textLength: number;
  linkLength: number;
  /** Text blocks in the subtree: a box holding one is a wrapped paragraph. */
  blockCount: number;
  score: number;
  scored: boolean;
  /** Whether some text in it ends a sentence (for short sibling paragraphs). */
  endsSentence: boolean;
  /** Depth of the deepest ancestor-or-self that is boilerplate inside an article (-1 when none). */
  boilerDepth: number;
  /** Whether it sits in an article header or an intro/teaser box, which may hold the standfirst. */
  ledeRegion: boolean;
  signature: string;
}

/** A run of text owned by its innermost block element. */
interface TextBlock {
  owner: Box;
  text: string;
  linkLength: number;
  commas: number;
}

/** A figure with the position it had, to keep only those inside the article. */
interface PlacedFigure {
  order: number;
  figure: Figure;
  raw: string;
}

const blockTags = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'caption',
  'br',
]);
// Never article text: code, media, chrome and controls.
const skippedTags = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'canvas',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'button',
  'input',
  'select',
  'textarea',
  'option',
  'label',
  'nav',
  'aside',
  'footer',
  'menu',
  'dialog',
  'link',
  'meta',
  'title',
  'map',
  'picture',
  'source',
  'img',
  'figure',
]);
const skippedRoles = new Set([
  'navigation',
  'menu',
  'menubar',
  'complementary',
  'alert',
  'alertdialog',
  'dialog',
  'banner',
  'contentinfo',
  'search',
]);
const scoredTags = new Set(['p', 'pre', 'td', 'div', 'section', 'article', 'main', 'h2', 'h3', 'h4', 'h5', 'h6']);
const tagScores: Record<string, number> = {
  div: 5,
  pre: 3,
  td: 3,
  blockquote: 3,
  address: -3,
  ol: -3,
  ul: -3,
  dl: -3,
  dd: -3,
  dt: -3,
  li: -3,
  form: -3,
  h1: -5,
  h2: -5,
  h3: -5,
  h4: -5,
  h5: -5,
  h6: -5,
  th: -5,
};

// Readability's class/id signals (Mozilla, Apache-2.0 licensed algorithm, patterns reimplemented).
const unlikelyCandidate =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/;
const maybeCandidate = /and|article|body|column|content|main|shadow/;
const negativeSignal =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/;
const positiveSignal = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/;
// Inside the article: regions that carry furniture, not prose (names split at - and _).
const boilerRegion =
  /(?:^|[\s_-])(?:share|sharing|social|related[a-z0-9]*|newsletter|subscribe|subscription|signup|promo|tags?|topics|author|authors|bio|byline|meta|timestamp|dateline|date|credits?|captions?|advert|advertisement|ads?|sponsored|recirc[a-z0-9]*|recommended|similar|consent|cookies?|read-?more|more-stories|comments?|breadcrumbs?|toolbar|print|email|paywall|disclaimer|copyright|footnotes?|inline-?cta|cta|teaser|outbrain|taboola|embed|video|gallery|slideshow|infobox|pullquote|pull-quote|carousel|swiper|slider|rail)(?=$|[\s_-])/;
const bloggerWrapper = /^date-(?:outer|posts)$/;
const bareAddress = /^(?:https?:\/\/|www\.)\S+$|^[^\s@]+@[^\s@]+\.\w+$/i;
const captionRegion = /caption|(?:photo|image|img)-?credit|(?:^|[\s_-])credits?(?=$|[\s_-])/;
const creditClass = /credit|copyright|source|byline|photographer/;
// Boxes that hold an article's standfirst: "article__intro", "teaser-text", "abstract", "bajada".
const ledeClass =
  /intro|teaser-?text|abstract|standfirst|summary|lede|(?:^|[\s_-])lead(?:$|[\s_-])|bajada|chapeau|excerpt|description/;
// Screen-reader labels some sites put before captions ("Image caption", "Media caption").
const captionLabel = /^(?:image|media|photo|video|picture) caption:?\s*/i;
const hiddenStyle = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const comma = /[,،，]/g;
const sentenceEnd = /\.( |$)/;

/** Rules that also apply to headings (capitals and dates make good subheadings, prompts do not). */
const headingFurniture = new Set([
  'share-prompt',
  'newsletter-prompt',
  'related-link',
  'comment-prompt',
  'advertisement-label',
  'paywall-prompt',
  'read-time',
]);
/** Minimum characters for a paragraph to vote for its ancestors (Readability's 25). */
const minScoredLength = 25;
/** Candidates kept for the split-article check, and how many near-best ones must share an ancestor. */
const topCandidates = 5;
const minRivals = 3;
/** Link share above which a block is navigation, not prose. */
const maxLinkDensity = 0.5;
/** Shortest paragraph in an article's header read as its standfirst. */
const minStandfirst = 120;
// A standfirst outside the body is taken from this length: shorter lines there are kickers and datelines.
const minOutsideStandfirst = 60;
/** Article text shorter than this means the container chosen is not the article at all. */
const tinyBody = 250;
/** Article text shorter than this after pruning by class names means the pruning went wrong. */
const retryBelow = 500;
// Script-held text shorter than this is a summary, not the article.
const minScriptBody = 400;

/**
 * Whether class and id names mark a box as furniture inside an article (a share bar, an author
 * bio). A name that starts with a furniture word is furniture ("similar-posts", "related-content");
 * any other name with a content word ("post-content", "article-tags") clears the box.
 */
function namesBoilerplate(signature: string): boolean {
  if (!signature || !boilerRegion.test(signature)) return false;
  let furniture = false;
  for (const name of signature.split(' ')) {
    // "js-…" names hook up scripts (a slider, a lightbox), and Blogger wraps each day's posts in
    // "date-outer"/"date-posts": neither says what the box holds.
    if (name.startsWith('js-') || bloggerWrapper.test(name)) continue;
    // Named for its furniture first ("related-content"); a standfirst box ("teaser-text") is not.
    if (name.search(boilerRegion) === 0 && !ledeClass.test(name)) furniture = true;
    else if (positiveSignal.test(name)) return false;
    else if (boilerRegion.test(name)) furniture = true;
  }
  return furniture;
}

function signatureOf(element: Element): string {
  const className = element.properties.className;
  const classes = Array.isArray(className) ? className.join(' ') : typeof className === 'string' ? className : '';
  const id = typeof element.properties.id === 'string' ? element.properties.id : '';
  return id ? `${classes} ${id}`.toLowerCase() : classes.toLowerCase();
}

function classWeight(signature: string): number {
  if (!signature) return 0;
  let weight = 0;
  if (negativeSignal.test(signature)) weight -= 25;
  // "similar-posts" names a box of teasers, not a post: no bonus for the content word in it.
  if (positiveSignal.test(signature) && !namesBoilerplate(signature)) weight += 25;
  return weight;
}

function isHidden(element: Element): boolean {
  const p = element.properties;
  if (p.hidden !== undefined && p.hidden !== false) return true;
  if (p.ariaHidden === 'true') return true;
  return typeof p.style === 'string' && hiddenStyle.test(p.style);
}

/** Text of a subtree without scripts and styles, walked iteratively. */
export function textOf(node: Element | Root): string {
  const parts: string[] = [];
  const stack: Array<RootContent | ElementContent> = [...node.children].reverse();
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type === 'text') parts.push(current.value);
    else if (current.type === 'element' && current.tagName !== 'script' && current.tagName !== 'style') {
      if (current.tagName === 'br' || blockTags.has(current.tagName)) parts.push(' ');
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]);
    }
  }
  return collapseSpaces(parts.join('')).trim();
}

/** Find the first image below an element. */
function firstImage(element: Element): Element | undefined {
  const stack: ElementContent[] = [...element.children];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type !== 'element') continue;
    if (current.tagName === 'img') return current;
    for (const child of current.children) stack.push(child);
  }
  return undefined;
}

/** A `<figure>` or captioned image as a Galley figure: caption, parsed credit, image source and alt. */
function figureOf(element: Element): { figure: Figure; raw: string } | undefined {
  let caption = '';
  let credit = '';
  const stack: ElementContent[] = [...element.children];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type !== 'element') continue;
    const signature = signatureOf(current);
    if (signature && creditClass.test(signature)) credit ||= textOf(current);
    else {
      // A caption may hold the credit, so look inside it too.
      if (current.tagName === 'figcaption' || captionRegion.test(signature)) caption ||= textOf(current);
      for (const child of current.children) stack.push(child);
    }
  }
  if (!caption && element.tagName !== 'figure') caption = textOf(element);
  if (credit && caption.endsWith(credit)) caption = caption.slice(0, -credit.length).trim();
  if (!credit && caption) {
    const split = splitCaptionCredit(caption);
    if (split) ({ caption, credit } = split);
    else if (isCreditLine(caption)) [credit, caption] = [caption, ''];
  }
  const image = firstImage(element);
  const src = typeof image?.properties.src === 'string' ? image.properties.src : undefined;
  const alt = typeof image?.properties.alt === 'string' ? repairText(image.properties.alt) : '';
  caption = repairText(caption).replace(captionLabel, '');
  credit = repairText(credit);
  if (!caption && !credit && !src) return undefined;
  const figure: Figure = {
    ...(caption ? { caption } : {}),
    ...(credit ? { credit: parseCredit(credit) } : {}),
    ...(src ? { src } : {}),
    ...(alt ? { alt } : {}),
  };
  return { figure, raw: [caption, credit].filter(Boolean).join(' ') };
}

/** A figure whose caption is only a label ("Advertisement", "Anzeige"): an ad slot, not a picture. */
function isPlaceholder(figure: Figure): boolean {
  if (figure.credit || !figure.caption) return false;
  const verdict = classifyBlock(figure.caption, { structured: true });
  return verdict.kind === 'removed' && (verdict.removed === 'advertisement' || verdict.removed === 'share');
}

interface Frame {
  element: Element | Root;
  box: Box;
  next: number;
  /** Innermost block-level box, which owns the text being read. */
  owner: Box;
  isBlock: boolean;
}

/** Everything the single walk over the page gathers. */
interface Walk {
  boxes: Box[];
  blocks: TextBlock[];
  figures: PlacedFigure[];
}

function newBox(tag: string, parent: Box | undefined, order: number, signature: string): Box {
  const depth = parent ? parent.depth + 1 : 0;
  return {
    tag,
    parent,
    children: [],
    depth,
    order,
    end: order,
    weight: classWeight(signature),
    textLength: 0,
    linkLength: 0,
    blockCount: 0,
    score: 0,
    scored: false,
    signature,
    endsSentence: false,
    boilerDepth: parent ? parent.boilerDepth : -1,
    ledeRegion: parent ? parent.ledeRegion : false,
  };
}

/**
 * One iterative pass over the page: prune what is never content, collect metadata and figures,
 * cut the text into blocks owned by their innermost block element and sum text and link lengths.
 */
function walk(tree: Root, stripUnlikely: boolean): Walk {
  const rootBox = newBox('#root', undefined, 0, '');
  const boxes: Box[] = [rootBox];
  const blocks: TextBlock[] = [];
  const figures: PlacedFigure[] = [];
  const stack: Frame[] = [{ element: tree, box: rootBox, next: 0, owner: rootBox, isBlock: true }];
  let parts: string[] = [];
  let partLength = 0;
  let linkLength = 0;
  let linkDepth = 0;
  let owner = rootBox;

  const flush = () => {
    if (partLength) {
      const text = collapseSpaces(parts.join('')).trim();
      if (text) {
        const length = text.length;
        const links = Math.min(linkLength, length);
        blocks.push({ owner, text, linkLength: links, commas: text.match(comma)?.length ?? 0 });
        owner.textLength += length;
        owner.blockCount++;
        if (sentenceEnd.test(text)) owner.endsSentence = true;
        owner.linkLength += links;
      }
    }
    parts = [];
    partLength = 0;
    linkLength = 0;
  };

  while (stack.length) {
    const frame = stack[stack.length - 1];
    const children = frame.element.children;
    if (frame.next >= children.length) {
      stack.pop();
      if (frame.isBlock) flush();
      if (frame.element.type === 'element' && frame.element.tagName === 'a') linkDepth--;
      const box = frame.box;
      box.end = boxes.length - 1;
      if (box.parent && stack.length) {
        box.parent.textLength += box.textLength;
        box.parent.linkLength += box.linkLength;
        box.parent.blockCount += box.blockCount;
        if (box.endsSentence) box.parent.endsSentence = true;
      }
      if (stack.length) owner = stack[stack.length - 1].owner;
      continue;
    }
    const child = children[frame.next++];
    if (child.type === 'text') {
      parts.push(child.value);
      partLength += child.value.length;
      if (linkDepth > 0) linkLength += collapseSpaces(child.value).length;
      continue;
    }
    if (child.type !== 'element') continue;
    const tag = child.tagName;
    if (tag === 'br') {
      parts.push(' ');
      continue;
    }
    const signature = signatureOf(child);
    if (tag === 'figure' || (signature && captionRegion.test(signature) && tag !== 'body')) {
      flush();
      const placed = figureOf(child);
      if (placed && !isPlaceholder(placed.figure)) figures.push({ order: boxes.length - 1, ...placed });
      continue;
    }
    // Chrome elements are skipped unless a page misuses one to wrap its article (an <aside> or
    // <header> around the whole page, left open or used for layout).
    const wrapper = (tag === 'aside' || tag === 'header' || tag === 'nav') && wrapsArticle(child);
    if ((skippedTags.has(tag) && !wrapper) || isHidden(child)) continue;
    const role = child.properties.role;
    if (typeof role === 'string' && skippedRoles.has(role) && !wrapper) continue;
    if (
      stripUnlikely &&
      signature &&
      tag !== 'body' &&
      tag !== 'article' &&
      tag !== 'main' &&
      tag !== 'a' &&
      tag !== 'html' &&
      tag !== 'header' &&
      unlikelyCandidate.test(signature) &&
      !maybeCandidate.test(signature)
    )
      continue;

    const isBlock = blockTags.has(tag);
    if (isBlock) flush();
    const box = newBox(tag, frame.box, boxes.length, signature);
    if (namesBoilerplate(signature) || (tag === 'header' && !wrapper)) {
      box.boilerDepth = box.depth;
    }
    if (tag === 'header' || (signature && ledeClass.test(signature))) box.ledeRegion = true;
    boxes.push(box);
    frame.box.children.push(box);
    if (tag === 'a') linkDepth++;
    const childOwner = isBlock ? box : frame.owner;
    stack.push({ element: child, box, next: 0, owner: childOwner, isBlock });
    owner = childOwner;
  }
  flush();
  return { boxes, blocks, figures };
}

/** Most elements looked at when checking whether a chrome element wraps the article. */
const maxWrapperScan = 4000;

/** Whether an element holds an <article> or <main> (looked for within a bounded number of nodes). */
function wrapsArticle(element: Element): boolean {
  const stack: ElementContent[] = [...element.children];
  for (let seen = 0; stack.length && seen < maxWrapperScan; seen++) {
    const current = stack.pop()!;
    if (current.type !== 'element') continue;
    if (current.tagName === 'article' || current.tagName === 'main') return true;
    for (const child of current.children) stack.push(child);
  }
  return false;
}

function linkDensity(box: Box): number {
  return box.textLength ? box.linkLength / box.textLength : 0;
}

function initialise(box: Box): void {
  if (box.scored) return;
  box.scored = true;
  box.score = (tagScores[box.tag] ?? 0) + box.weight;
}

/**
 * Choose the article's container(s) the way Readability does: paragraphs vote for their parent
 * and more distant ancestors, votes are discounted by link density, then the winner may grow to
 * its parent and take in siblings that score well too.
 */
function chooseContainers(result: Walk): Box[] {
  const candidates: Box[] = [];
  for (const block of result.blocks) {
    const owner = block.owner;
    if (!scoredTags.has(owner.tag) || block.text.length < minScoredLength) continue;
    const score = 1 + block.commas + Math.min(Math.floor(block.text.length / 100), 3);
    let ancestor = owner.parent;
    for (let level = 0; ancestor && level < 5; level++, ancestor = ancestor.parent) {
      if (ancestor.tag === '#root') break;
      if (!ancestor.scored) {
        initialise(ancestor);
        candidates.push(ancestor);
      }
      ancestor.score += score / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
    }
  }
  if (!candidates.length) return [];
  for (const candidate of candidates) candidate.score *= 1 - linkDensity(candidate);
  const ranked = candidates.sort((a, b) => b.score - a.score).slice(0, topCandidates);
  let top = ranked[0];
  // Several near-best candidates under one ancestor: the article is split into parts (cards,
  // sections), and that ancestor holds all of them.
  const rivals = ranked.slice(1).filter((c) => c.score >= top.score * 0.75);
  if (rivals.length >= minRivals) {
    for (
      let ancestor = top.parent;
      ancestor && ancestor.tag !== 'body' && ancestor.tag !== '#root';
      ancestor = ancestor.parent
    ) {
      let holding = 0;
      for (const rival of rivals) if (rival.order > ancestor.order && rival.order <= ancestor.end) holding++;
      if (holding >= minRivals) {
        top = ancestor;
        initialise(top);
        break;
      }
    }
  }
  // Climb while the parent holds more of the article than the winner does.
  let lastScore = top.score;
  const threshold = lastScore / 3;
  for (let parent = top.parent; parent && parent.tag !== 'body' && parent.tag !== '#root'; parent = parent.parent) {
    if (!parent.scored) continue;
    if (parent.score < threshold) break;
    if (parent.score > lastScore) {
      top = parent;
      break;
    }
    lastScore = parent.score;
  }
  const parent = top.parent;
  if (!parent || parent.tag === '#root') return [top];
  const siblingThreshold = Math.max(10, top.score * 0.2);
  const chosen: Box[] = [];
  for (const sibling of parent.children) {
    if (sibling === top) {
      chosen.push(sibling);
      continue;
    }
    // An article's header holds its title, kicker and date line; its standfirst is read apart.
    if (sibling.tag === 'header') continue;
    let bonus = 0;
    if (sibling.signature && sibling.signature === top.signature) bonus = top.score * 0.2;
    if (sibling.scored && sibling.score + bonus >= siblingThreshold) {
      chosen.push(sibling);
      continue;
    }
    // A paragraph, or an element that only wraps one (Readability unwraps those into paragraphs).
    if (sibling.tag === 'p' || sibling.blockCount === 1) {
      const density = linkDensity(sibling);
      const length = sibling.textLength;
      if ((length > 80 && density < 0.25) || (length > 0 && length < 80 && density === 0 && sibling.endsSentence))
        chosen.push(sibling);
    }
  }
  return chosen;
}

/** Most words in a paragraph that ends in a colon and reads as a label ("Related links:"). */
const maxLabelWords = 6;
/** Most words in a heading the orphan rule may drop. */
const maxHeadingWords = 10;

/**
 * Headings and "Label:" lines that introduce nothing: the next kept block is a heading of the same
 * or a higher level, or there is none. What they introduced (a link list, a widget, a form) was
 * removed, so they are that furniture's titles ("Most read", "Temas relacionados", "Kontakt:").
 */
function dropOrphanLabels(blocks: ExtractedBlock[], removed: Removed[]): void {
  // A long "heading" is a paragraph styled big, not a title over something.
  const level = (block: ExtractedBlock | undefined) =>
    !block
      ? 0
      : block.type === 'heading' && block.text.split(' ').length <= maxHeadingWords
        ? (block.depth ?? 2)
        : isLabel(block)
          ? 7
          : undefined;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const own = level(blocks[i]);
    if (own === undefined) continue;
    const next = level(blocks[i + 1]);
    if (next === undefined || (next !== 0 && next > own)) continue;
    removed.push({ kind: 'navigation', text: blocks[i].text, rule: 'orphan-heading' });
    blocks.splice(i, 1);
  }
}

function isLabel(block: ExtractedBlock): boolean {
  return block.type === 'paragraph' && block.text.endsWith(':') && block.text.split(' ').length <= maxLabelWords;
}

/** Finds which of some disjoint boxes, in document order, holds a pre-order number. */
function locator(boxes: readonly Box[]): (order: number) => Box | undefined {
  const spans = boxes.map((box) => ({ start: box.order, end: box.end + 1 }));
  return (order) => boxes[findSpanAt(spans, order)];
}

/** Whether a sorted list holds a number in `(after, before]`. */
function bodyBetween(sorted: readonly number[], after: number, before: number): boolean {
  const first = partitionPoint(sorted.length, (i) => sorted[i] <= after);
  return first < sorted.length && sorted[first] <= before;
}

function containedLength(containers: readonly Box[]): number {
  let length = 0;
  for (const box of containers) length += box.textLength;
  return length;
}

function blockType(owner: Box): { type: ExtractedBlock['type']; depth?: number; ordered?: boolean } {
  const tag = owner.tag;
  if (tag.length === 2 && tag[0] === 'h' && tag[1] >= '1' && tag[1] <= '6')
    return { type: 'heading', depth: Math.max(2, Number(tag[1])) };
  if (tag === 'li') return { type: 'list-item', ordered: owner.parent?.tag === 'ol' };
  for (let box: Box | undefined = owner; box && box.depth > owner.depth - 4; box = box.parent) {
    if (box.tag === 'blockquote') return { type: 'quote' };
  }
  return { type: 'paragraph' };
}

/**
 * Extract the article from a web page: its title, byline, date, body blocks in reading order
 * and figures (captions and parsed credits, never body text). Accepts an HTML string or a hast
 * tree; walks are iterative, so nesting depth is not limited by the call stack.
 */
/**
 * The page's text as its JSON-LD gives it (articleBody, a recipe's ingredients and steps), in
 * place of the blocks found in the markup when those are short and hold less than half of it: the
 * markup was rendered by script, or the scoring chose a teaser. A long body is kept: script text
 * often runs paragraphs together or differs from the page as shown. Paragraphs are read as the body's are, so
 * prompts in the script text are still removed.
 */
function scriptFallback(blocks: ExtractedBlock[], removed: Removed[], source: string): void {
  const paragraphs = source.includes('\n\n') ? source.split(/\n\s*\n/) : source.split('\n');
  const texts = paragraphs
    .map((p) => repairText(/[<&]/.test(p) ? textOf(parseHtml(p)) : p))
    .filter((text) => text.length > 0);
  const scriptLength = texts.reduce((n, text) => n + text.length, 0);
  const bodyLength = blocks.reduce((n, block) => n + block.text.length, 0);
  if (scriptLength < minScriptBody || bodyLength >= tinyBody || bodyLength * 2 >= scriptLength) return;
  for (const block of blocks.splice(0)) removed.push({ kind: 'boilerplate', text: block.text, rule: 'script-body' });
  for (const text of texts) {
    const verdict = classifyBlock(text, { structured: true });
    if (verdict.kind === 'removed') removed.push({ kind: verdict.removed, text, rule: verdict.rule });
    else blocks.push({ text, type: 'paragraph' });
  }
}

const regionClass = /(?:^|[\s_-])(?:article|main|content|entry|post|story)(?:$|[\s_-])/;
/** Most levels climbed from the chosen body to the region that holds it. */
const maxRegionClimb = 9;
/** Shortest paragraph outside the chosen body that is taken as more of the article. */
const minOutsideProse = 100;

/**
 * The nearest <article>, <main> or box named as the article's ("post-content", "entry") a few
 * levels above the chosen body: the page's own mark of where the article is. Prose beside the
 * body inside it (a second column of text, a section a page builder put in its own box) is the
 * article too.
 */
function articleRegion(containers: readonly Box[]): Box | undefined {
  let box = containers[0]?.parent;
  for (let level = 0; box && level < maxRegionClimb; level++, box = box.parent) {
    if (box.tag === 'body' || box.tag === '#root') return undefined;
    if (box.tag === 'article' || box.tag === 'main' || regionClass.test(box.signature)) return box;
  }
  return undefined;
}

/**
 * Whether a block outside the chosen body but inside its article region is more of the article:
 * unlinked prose with sentences, not in a boilerplate box (an author bio, a share bar), a list
 * item (a teaser list) or a box whose name marks it as furniture.
 */
function besideBody(block: TextBlock, region: Box, inRegion: (order: number) => Box | undefined): boolean {
  const { owner, text } = block;
  if (!inRegion(owner.order)) return false;
  const list = contentList(block);
  if (!list && (text.length < minOutsideProse || block.linkLength >= text.length * 0.2 || !sentenceEnd.test(text)))
    return false;
  // By name only: an article's <header> (a standfirst, a second title block) may hold prose.
  for (let box: Box | undefined = owner; box && box !== region; box = box.parent) {
    if ((box.tag === 'li' && !list) || namesBoilerplate(box.signature)) return false;
  }
  return true;
}

/** Smallest list or table read as content beside the body: one with some length and next to no links. */
const minContentList = 150;

/**
 * The list or table an unlinked item or cell belongs to when that list is content (ingredients,
 * facts, steps), not a list of teasers or links.
 */
function contentList(block: TextBlock): Box | undefined {
  if (block.linkLength || !['li', 'td', 'th', 'dd', 'dt'].includes(block.owner.tag)) return undefined;
  for (let box = block.owner.parent; box && box.depth > block.owner.depth - 5; box = box.parent) {
    if (box.tag === 'ul' || box.tag === 'ol' || box.tag === 'table' || box.tag === 'dl')
      return box.textLength >= minContentList && linkDensity(box) < 0.1 ? box : undefined;
  }
  return undefined;
}

/**
 * A standfirst that sits between the title and the chosen body, outside it (in the article's
 * header, say): a box named as one ("intro", "lead", "teaser-text"…) holding a sentence or more of
 * unlinked prose.
 */
function isStandfirst(block: TextBlock): boolean {
  return (
    block.owner.ledeRegion &&
    block.owner.tag !== 'header' &&
    block.text.length >= minOutsideStandfirst &&
    block.linkLength < block.text.length * 0.1
  );
}

export function extractArticle(input: Root | string, url?: string): ExtractedArticle {
  if (typeof input !== 'string' && (!input || input.type !== 'root')) {
    throw new TypeError('extractArticle expects an HTML string or a hast root node');
  }
  const tree = typeof input === 'string' ? parseHtml(input) : input;
  let result = walk(tree, true);
  let containers = chooseContainers(result);
  // As Readability does: when pruning by class names left too little, it pruned the article too.
  if (containedLength(containers) < retryBelow) {
    result = walk(tree, false);
    containers = chooseContainers(result);
  }
  // Only a title or a line survived (no paragraph scored, or a teaser won): the page is built
  // without the markup the scoring needs, so take the whole body and let the block rules below
  // (link density, boilerplate regions, prompts) remove the furniture.
  const chosenLength = containedLength(containers);
  if (chosenLength < tinyBody) {
    const body = result.boxes.find((box) => box.tag === 'body') ?? result.boxes[0];
    if (body.textLength - body.linkLength > chosenLength * 2 + tinyBody) containers = [body];
  }
  // Figures and the byline may sit beside the body, in the element that holds it (not the page).
  const holder = containers[0]?.parent;
  const scope = holder && holder.tag !== '#root' && holder.tag !== 'html' && holder.tag !== 'body' ? holder : undefined;
  const containerOf = locator(containers);
  const region = articleRegion(containers);
  const inRegion = region ? locator([region]) : () => undefined;
  const inScope = scope ? locator([scope]) : containerOf;
  const meta = readPageMeta(tree, url);
  const provenance = { ...meta.provenance };
  // og:title or JSON-LD headline, else the page's <h1>, else <title> without the site name.
  let title = meta.title ? repairText(meta.title) : '';
  const firstHeading =
    result.blocks.find((b) => b.owner.tag === 'h1' && inScope(b.owner.order)) ??
    result.blocks.find((b) => b.owner.tag === 'h1');
  if (!title && firstHeading) {
    title = repairText(firstHeading.text);
    provenance.title = '<h1>';
  }
  if (!title && meta.documentTitle) {
    title = repairText(stripSiteName(meta.documentTitle, meta.siteName, true));
    provenance.title = '<title>';
  }
  const blocks: ExtractedBlock[] = [];
  const removed: Removed[] = [];
  let byline = meta.byline;
  let published = meta.published;
  // Between the page's <h1> and the body: where a header's byline and date line sit.
  const headingOrder = firstHeading ? firstHeading.owner.order : -1;
  const bodyStart = containers.length ? Math.min(...containers.map((c) => c.order)) : -1;
  // Pre-order numbers of the body blocks kept, ascending: what separates one figure from the next.
  const bodyOrders: number[] = [];

  for (const block of result.blocks) {
    const owner = block.owner;
    const container = containerOf(owner.order) ?? (region && besideBody(block, region, inRegion) ? region : undefined);
    if (!container) {
      // Around the body (an article header, say): the byline, the date and the standfirst.
      const nearTitle = headingOrder >= 0 && owner.order > headingOrder && owner.order < bodyStart;
      const beforeBody = nearTitle || (scope !== undefined && inScope(owner.order) && owner.order < bodyStart);
      if (beforeBody && !bodyOrders.length && isStandfirst(block)) {
        const text = repairText(block.text);
        if (classifyBlock(text, { structured: true }).kind === 'body') {
          bodyOrders.push(owner.order);
          blocks.push({ text, type: 'paragraph' });
          continue;
        }
      }
      if (((scope && inScope(owner.order)) || nearTitle) && block.text.length < 80) {
        if (!byline) {
          const verdict = classifyBlock(repairText(block.text), { structured: true });
          if (verdict.kind === 'removed' && verdict.removed === 'byline') byline = verdict.value;
        }
        // The markup gave no date: the first short line with one before the text (htmldate's
        // last resort is the same, a date read from the text near the top).
        if (!published && !bodyOrders.length) {
          published = dateInText(block.text);
          if (published) provenance.published = 'date in the text above the article';
        }
      }
      continue;
    }
    const text = repairText(block.text);
    if (!text) continue;
    if (!published && !bodyOrders.length && text.length < 80) {
      published = dateInText(text);
      if (published) provenance.published = 'date in the text above the article';
    }
    // A long paragraph in an article's header or intro box is its standfirst, not furniture.
    const standfirst = owner.ledeRegion && text.length >= minStandfirst && block.linkLength < text.length * 0.1;
    if (owner.boilerDepth > container.depth && !standfirst) {
      const verdict = classifyBlock(text, { structured: true });
      if (verdict.kind === 'removed' && verdict.removed === 'byline') byline ??= verdict.value;
      removed.push({
        kind: verdict.kind === 'removed' ? verdict.removed : 'boilerplate',
        text,
        rule: 'boilerplate-region',
      });
      continue;
    }
    // A bare address written out as the text (a petition's URL, a contact e-mail) is the text's own.
    if (block.linkLength / block.text.length > maxLinkDensity && !bareAddress.test(text)) {
      removed.push({ kind: 'navigation', text, rule: 'link-density' });
      continue;
    }
    const shape = blockType(owner);
    if (shape.type === 'heading' && title && sameText(text, title)) continue;
    if (shape.type === 'heading') {
      // A heading over a prompt or a teaser list ("Most popular", "Comments") is furniture too.
      const verdict = classifyBlock(text, { structured: true });
      if (verdict.kind === 'removed' && headingFurniture.has(verdict.rule)) {
        removed.push({ kind: verdict.removed, text, rule: verdict.rule });
        continue;
      }
    } else {
      const verdict = classifyBlock(text, { structured: true });
      if (verdict.kind === 'removed') {
        removed.push({ kind: verdict.removed, text, rule: verdict.rule });
        if (verdict.removed === 'byline' && !byline) byline = verdict.value;
        continue;
      }
      if (verdict.kind === 'figure') {
        result.figures.push({
          order: owner.order,
          raw: text,
          figure: {
            ...(verdict.caption ? { caption: verdict.caption } : {}),
            ...(verdict.credit ? { credit: parseCredit(verdict.credit) } : {}),
          },
        });
        continue;
      }
    }
    bodyOrders.push(owner.order);
    blocks.push({ text, ...shape });
  }

  if (meta.articleBody) scriptFallback(blocks, removed, meta.articleBody);
  dropOrphanLabels(blocks, removed);
  const figures: Figure[] = [];
  let previous: PlacedFigure | undefined;
  for (const placed of result.figures.sort((a, b) => a.order - b.order)) {
    if (!inScope(placed.order)) continue;
    if (placed.raw)
      removed.push({ kind: placed.figure.caption ? 'caption' : 'credit', text: placed.raw, rule: 'figure' });
    const { figure } = placed;
    // A lone credit with no body text since the last captioned picture is that picture's credit.
    if (
      figure.credit &&
      !figure.caption &&
      !figure.src &&
      previous &&
      !previous.figure.credit &&
      !bodyBetween(bodyOrders, previous.order, placed.order)
    ) {
      previous.figure.credit = figure.credit;
      continue;
    }
    figures.push(figure);
    previous = placed;
  }
  let authors = meta.authors;
  if (byline && byline !== meta.byline) {
    // Read from a "By …" line in the text: the same checks as a byline from markup.
    const sites = [meta.siteName, meta.canonical ?? url].filter((s): s is string => Boolean(s));
    byline = cleanByline(repairText(byline), sites);
    authors = byline?.split(', ');
    if (byline) provenance.byline = 'byline line in the text';
  }
  if (!title) delete provenance.title;
  return {
    title,
    ...(byline ? { byline: repairText(byline) } : {}),
    ...(published ? { published } : {}),
    meta: {
      ...(meta.canonical ? { canonical: meta.canonical } : {}),
      ...(meta.siteName ? { siteName: meta.siteName } : {}),
      ...(authors?.length ? { authors } : {}),
      ...(meta.description ? { description: meta.description } : {}),
      ...(meta.language ? { language: meta.language } : {}),
      ...(meta.modified ? { modified: meta.modified } : {}),
      ...(meta.image ? { image: meta.image } : {}),
      ...(url ? { url } : {}),
      provenance,
    },
    blocks,
    figures,
    removed,
  };
}

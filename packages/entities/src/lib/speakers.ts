import { type EntityMention, type EntityRecord, type Quote, type Span, findSpanAt } from '@galley/document';
import { organisationNouns } from './lang/en/index.js';
import { lastBefore } from './sorted.js';
import { DASHES, findClauses, subjectOpening } from './speakers/clauses.js';
import { createContext, itemsOf, labelOf, sentenceAt } from './speakers/context.js';
import { continueSpeaker } from './speakers/continuation.js';
import {
  type Discourse,
  createDiscourse,
  noteSentence,
  noteSpeaker,
  noteSubject,
  noteUnnamedOrganisation,
} from './speakers/discourse.js';
import { resolveNounSubject } from './speakers/organisation.js';
import { resolvePronoun } from './speakers/pronoun.js';
import { SHORT, colonBefore, hasAtMostWords, scareReason } from './speakers/scare.js';
import type { Attribution, Clause, Context, Item, Subject } from './speakers/types.js';

/** What {@link attributeQuotes} reads: the article's spans and names, all sorted by offset. */
export interface AttributeOptions {
  /** Sentence spans (a quotation's speech clause is looked for in its own sentence first). */
  sentences: readonly Span[];
  /** Paragraph spans: a quotation-only paragraph continues the speaker of the one before. */
  paragraphs: readonly Span[];
  /** Quotation spans, marks included (`findQuoteSpans`). */
  quotes: readonly Span[];
  /** Resolved mentions and the entity records they point to (`resolveEntities`). */
  entities: readonly EntityMention[];
  entityIndex: readonly EntityRecord[];
}

/**
 * Whether someone else became the subject between a decision (in sentence `from`) and a
 * quotation (in sentence `to`): “…,” Smith said. Jones disagreed. “…” is not Smith's any more.
 */
function subjectChanged(d: Discourse, from: number, to: number, decision: Attribution): boolean {
  for (let s = from + 1; s < to; s++) {
    if (d.frames[s]?.some((r) => r.role === 'subject' && r.entity !== decision.speaker)) return true;
  }
  return false;
}

/** A stretch of text the clause rules read at once: a paragraph, or paragraphs one quotation runs across. */
interface Window {
  from: number;
  to: number;
}

/** Paragraphs, merged where a quotation runs from one into the next. */
function windowsOf(text: string, paragraphs: readonly Span[], quotes: readonly Span[]): Window[] {
  const windows: Window[] = [];
  for (const p of paragraphs.length ? paragraphs : [{ start: 0, end: text.length }]) {
    const last = windows[windows.length - 1];
    const q = findSpanAt(quotes, p.start);
    if (last && q >= 0 && quotes[q].start < p.start) last.to = p.end;
    else windows.push({ from: p.start, to: p.end });
  }
  return windows;
}

/** The most a speaker continued over a paragraph of narration is worth. */
const NARRATION_CEILING = 0.7;

/** Paragraphs a pronoun or a continued speaker reaches back over, before a quotation. */
const WINDOWS_BACK = 5;

/** Which windows the walk must read: those with a quotation and the few before each. */
function windowsNeeded(windows: readonly Window[], quotes: readonly Span[]): boolean[] {
  const needed = windows.map(() => false);
  let q = 0;
  for (let w = 0; w < windows.length; w++) {
    while (q < quotes.length && quotes[q].end <= windows[w].from) q++;
    if (q < quotes.length && quotes[q].start < windows[w].to)
      for (let k = Math.max(0, w - WINDOWS_BACK); k <= w; k++) needed[k] = true;
  }
  return needed;
}

function resolveSubject(ctx: Context, d: Discourse, subject: Subject): Attribution {
  switch (subject.kind) {
    case 'named':
      return { speaker: subject.entity, confidence: subject.confidence, cue: subject.cue };
    case 'pronoun':
      return resolvePronoun(ctx, d, subject.word, subject.at);
    case 'noun':
      return resolveNounSubject(ctx, d, subject);
    default:
      return { confidence: 0, cue: subject.cue };
  }
}

/** How many clauses on each side of a quotation are looked at: a sentence rarely has more. */
const CLAUSES_AROUND = 8;

/**
 * The clause nearest to a quotation within `[from, to)`, preferring one that follows it; a place
 * speaking for its government ("Washington had concluded") only when no one else speaks there.
 * `starts` are the clauses' start offsets (binary search keeps long paragraphs linear).
 */
function nearestClause(
  ctx: Context,
  clauses: readonly Clause[],
  starts: readonly number[],
  quote: Span,
  from: number,
  to: number,
): Clause | undefined {
  const first = lastBefore(starts, quote.end) + 1; // first clause at or after the quotation's end
  const pick = (wantNamed: boolean) => {
    const fits = (c: Clause) => !wantNamed || labelOf(ctx, c.attribution?.speaker) !== 'LOC';
    let after: Clause | undefined;
    for (let k = first; k < clauses.length && k < first + CLAUSES_AROUND && clauses[k].start < to; k++) {
      if (fits(clauses[k])) {
        after = clauses[k];
        break;
      }
    }
    let before: Clause | undefined;
    for (
      let k = lastBefore(starts, quote.start);
      k >= 0 && k > first - 1 - CLAUSES_AROUND && clauses[k].start >= from;
      k--
    ) {
      if (fits(clauses[k])) {
        before = clauses[k];
        break;
      }
    }
    if (after && before) return after.start - quote.end <= quote.start - before.end + 1 ? after : before;
    return after ?? before;
  };
  return pick(true) ?? pick(false);
}

/** How many quotations on each side of a short one are read for a longer one in its sentence. */
const SIBLINGS_AROUND = 8;

/** Whether a quotation near quotation `q` inside `sentence` has more words than a short phrase. */
function longerInSentence(text: string, spans: readonly Span[], q: number, sentence: Span): boolean {
  const longer = (k: number) => !hasAtMostWords(text.slice(spans[k].start, spans[k].end), SHORT);
  for (let k = q - 1; k >= 0 && k >= q - SIBLINGS_AROUND && spans[k].start >= sentence.start; k--)
    if (longer(k)) return true;
  for (let k = q + 1; k < spans.length && k <= q + SIBLINGS_AROUND && spans[k].end <= sentence.end; k++)
    if (longer(k)) return true;
  return false;
}

/** A quotation that ends in a question or exclamation mark, inside its closing marks. */
const QUESTION_END = /[?!]\W{0,2}$/;
/** How far after such a quotation its clause may start: “…?” the deputy chief of staff asked. */
const CLAUSE_AFTER = 40;

/** The subject of sentence `s` as the discourse recorded it. */
function subjectOf(d: Discourse, s: number): string | undefined {
  return s >= 0 ? d.frames[s]?.find((r) => r.role === 'subject')?.entity : undefined;
}

/**
 * Whether an entity is a person (not an unnamed placeholder, not an organisation) named by a
 * name within `span`, not only by a pronoun the walk resolved.
 */
function namedPerson(ctx: Context, entity: string | undefined, span: Span): entity is string {
  return labelOf(ctx, entity) === 'PERSON' && namedInside(ctx, span, entity!);
}

/** The most an inferred speaker named inside their own quotation is worth: people rarely speak of themselves by name. */
const SELF_NAMED = 0.5;

/** Whether a mention of `entity` sits inside `span` (a quotation, a sentence). */
function namedInside(ctx: Context, span: Span, entity: string): boolean {
  for (let i = lastBefore(ctx.mentionStarts, span.start) + 1; i < ctx.entities.length; i++) {
    const m = ctx.entities[i];
    if (m.start >= span.end) return false;
    if (m.entity === entity) return true;
  }
  return false;
}

/** Marks a quotation may have before it and still open its sentence (more is not a sentence's opening). */
const OPENING_MARKS = 16;

/** Whether only space and marks stand between a sentence's start and a quotation (it opens the sentence). */
function opensSentence(text: string, from: number, at: number): boolean {
  if (at - from > OPENING_MARKS) return false;
  for (let i = at - 1; i >= from; i--) if (isLetterOrDigit(text.charCodeAt(i))) return false;
  return true;
}

function isLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122) || code >= 0xc0;
}

/** How many earlier quotations a short one is looked for in, nearest first (a long article stays linear). */
const REPEAT_REACH = 40;
/** The most a repeated quotation's speaker is worth: the journalist may quote the words back at someone else. */
const REPEAT_CEILING = 0.75;

/** A quotation's words without its marks and end punctuation, in lower case. */
function quotedWords(text: string): string {
  return text
    .replace(/^\W+|\W+$/gu, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/**
 * The decision for a short quotation (two words or more) that repeats words of an earlier,
 * longer quotation ("…,” Reed said. … It is hard to square with “investing for growth.”): the
 * earlier one's speaker. Undefined when it repeats nothing.
 */
function repeatedSpeech(ctx: Context, earlier: readonly Quote[], span: Span): Attribution | undefined {
  const words = quotedWords(ctx.text.slice(span.start, span.end));
  if (!words.includes(' ')) return undefined;
  const pattern = new RegExp(`(?:^|\\W)${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\W|$)`, 'u');
  for (let k = earlier.length - 1; k >= 0 && k >= earlier.length - REPEAT_REACH; k--) {
    const q = earlier[k];
    if (q.scare || q.text.length <= span.end - span.start || !pattern.test(q.text.toLowerCase())) continue;
    const cue = 'repeats words of an earlier quotation';
    return q.speaker
      ? { speaker: q.speaker, confidence: Math.min(REPEAT_CEILING, q.confidence ?? 0), cue }
      : { confidence: 0, cue };
  }
  return undefined;
}

/**
 * Below this confidence a speaker is not named at all: the quotation keeps the cue, with the
 * candidate in words, so a reader sees who it might be and why that was not enough. Between it
 * and 0.8 the viewer shows the speaker as uncertain.
 */
const MIN_SPEAKER_CONFIDENCE = 0.55;

function toQuote(ctx: Context, span: Span, a: Attribution): Quote {
  const quote: Quote = { start: span.start, end: span.end, text: ctx.text.slice(span.start, span.end) };
  if (a.speaker && a.confidence >= MIN_SPEAKER_CONFIDENCE) {
    quote.speaker = a.speaker;
    quote.confidence = a.confidence;
    quote.cue = a.cue;
  } else if (a.speaker) {
    quote.cue = `too uncertain to name ${ctx.records.get(a.speaker)?.name ?? a.speaker} (${a.cue})`;
  } else quote.cue = a.cue;
  return quote;
}

/**
 * Quotations with their speakers, each with a `confidence` (0–1) and the `cue` that decided it.
 * The article is walked in order, keeping track of whom it is about (the subject of each
 * sentence, the last speaker), so that "he said" goes to the person the text is about at that
 * point. For each quotation: a speech clause in its own sentence ("X said", "said X", "X, the
 * union's treasurer, told Y:", "according to a statement from X", "said a spokeswoman for X,
 * Jennifer Rodstrom"; "the statement read" for an organisation; "he", "the judge" resolved);
 * else the speaker of the paragraph, of a clause elsewhere in it, or — for a quotation that
 * opens its paragraph — of the paragraph before. Titles, labels and short phrases without a
 * speech verb are scare quotes (`scare: true`, no speaker). When the text says someone spoke
 * but not whom we can name, or two people fit a pronoun equally, the quotation has no speaker:
 * none is better than a wrong one.
 */
export function attributeQuotes(text: string, options: AttributeOptions): Quote[] {
  const { sentences, paragraphs, quotes: spans } = options;
  const ctx = createContext(text, options);
  const d = createDiscourse();
  const quotes: Quote[] = [];
  const resolve = (subject: Subject) => resolveSubject(ctx, d, subject);
  let q = 0;
  let previous: Attribution | undefined;
  let previousAt = -1;
  const windows = windowsOf(text, paragraphs, spans);
  const needed = windowsNeeded(windows, spans);
  for (const [index, w] of windows.entries()) {
    if (!needed[index]) {
      // Far from any quotation: nothing here is attributed, or read back to.
      previous = undefined;
      continue;
    }
    const items = itemsOf(ctx, w.from, w.to);
    const { clauses, verbs } = findClauses(ctx, items);
    const starts = clauses.map((c) => c.start);
    walkSentences(ctx, d, w, items, clauses, resolve);
    let inParagraph: Attribution | undefined;
    let inParagraphAt = -1;
    for (; q < spans.length && spans[q].start < w.to; q++) {
      const span = spans[q];
      const s1 = sentenceAt(ctx, span.start);
      const s2 = sentenceAt(ctx, span.end - 1);
      const sentence = {
        start: s1 >= 0 && sentences[s1].end > span.start ? Math.max(w.from, sentences[s1].start) : w.from,
        end: s2 >= 0 && sentences[s2].end >= span.end ? Math.min(w.to, sentences[s2].end) : w.to,
      };
      const speechVerb = (verbs[lastBefore(verbs, sentence.start) + 1] ?? Infinity) < sentence.end;
      const opens = opensSentence(text, sentence.start, span.start);
      let repeated: Attribution | undefined;
      const scare = scareReason(text, span, {
        speechVerb,
        opensSentence: opens,
        sentence,
        paragraph: { start: w.from, end: w.to },
        repeatsSpeech: () => (repeated = repeatedSpeech(ctx, quotes, span)) !== undefined,
        longerInSentence: () => longerInSentence(text, spans, q, sentence),
      });
      if (scare) {
        quotes.push({
          start: span.start,
          end: span.end,
          text: text.slice(span.start, span.end),
          scare: true,
          cue: scare,
        });
        continue;
      }
      const own =
        nearestClause(ctx, clauses, starts, span, sentence.start, sentence.end) ??
        // “…?” Kessler asked: a question or an exclamation ends a sentence for the segmenter,
        // but the clause right after it is still its own; so does a signature (“…” - Matthew Ingram).
        (QUESTION_END.test(text.slice(span.start, span.end)) || DASHES.has(text.slice(span.end, span.end + 2).trim())
          ? nearestClause(ctx, clauses, starts, span, span.end, Math.min(w.to, span.end + CLAUSE_AFTER))
          : undefined);
      let lead = span.start;
      while (lead > w.from && text.charCodeAt(lead - 1) <= 32) lead--;
      const other = own ? undefined : nearestClause(ctx, clauses, starts, span, w.from, w.to);
      const found =
        repeated ??
        own?.attribution ??
        continueSpeaker({
          inParagraph: inParagraph && !subjectChanged(d, inParagraphAt, s1, inParagraph) ? inParagraph : undefined,
          // A clause before the quotation no longer speaks for it once someone else became the subject.
          elsewhere:
            other?.attribution &&
            !(other.start < span.start && subjectChanged(d, other.sentence, s1, other.attribution))
              ? other.attribution
              : undefined,
          opensParagraph: lead === w.from,
          previous: previous && !subjectChanged(d, previousAt, s1, previous) ? previous : undefined,
          opensSentence: opens,
          sentenceSubject: s1 >= 0 ? d.frames[s1]?.find((r) => r.role === 'subject')?.entity : undefined,
          afterColon:
            colonBefore(text, sentence.start, span.start) &&
            namedPerson(ctx, subjectOf(d, s1), { start: sentence.start, end: span.start }),
          speechVerbInSentence: speechVerb,
          previousSubject:
            s1 > 0 && sentences[s1 - 1].start >= w.from && namedPerson(ctx, subjectOf(d, s1 - 1), sentences[s1 - 1])
              ? subjectOf(d, s1 - 1)
              : undefined,
        });
      // A speaker the text only inferred (a pronoun, a continuation) who is named inside the
      // quotation is likely someone else talking about them.
      const decision =
        found.speaker && own?.subject.kind !== 'named' && namedInside(ctx, span, found.speaker)
          ? {
              speaker: found.speaker,
              confidence: Math.min(found.confidence, SELF_NAMED),
              cue: `${found.cue}, but named inside the quotation`,
            }
          : found;
      inParagraph = decision;
      inParagraphAt = s2;
      if (decision.speaker) noteSpeaker(d, s2, decision.speaker);
      quotes.push(toQuote(ctx, span, decision));
    }
    // What the next paragraph may continue: the last speaker of this one, of a quotation or a clause.
    const lastClause = clauses[clauses.length - 1];
    if (lastClause?.attribution && lastClause.sentence > inParagraphAt) {
      previous = lastClause.attribution;
      previousAt = lastClause.sentence;
    } else if (inParagraph) {
      previous = inParagraph;
      previousAt = inParagraphAt;
    } else if (!clauses.length && previous?.speaker && !colonBefore(text, w.from, w.to)) {
      // A paragraph of narration between (“Its link to the dollar had proved an engine of
      // growth.”) leaves the speaker in place, a little less sure; someone else becoming the
      // subject there is caught when the next quotation reads back. One that ends in a colon
      // announces the next quotation itself (“…, which contains the following statement:”).
      previous = { ...previous, confidence: Math.min(previous.confidence, NARRATION_CEILING) };
    } else {
      previous = undefined;
    }
  }
  // Quotations outside every paragraph (paragraphs that do not cover the text) keep no speaker.
  for (; q < spans.length; q++) quotes.push(toQuote(ctx, spans[q], { confidence: 0, cue: 'outside the paragraphs' }));
  return quotes;
}

/**
 * Resolve the clauses of a window in text order, sentence by sentence, recording each sentence
 * in the discourse once its clauses are resolved (a pronoun is read against what came before).
 */
function walkSentences(
  ctx: Context,
  d: Discourse,
  w: Window,
  items: readonly Item[],
  clauses: readonly Clause[],
  resolve: (subject: Subject) => Attribution,
): void {
  const first = Math.max(0, sentenceAt(ctx, w.from));
  const last = sentenceAt(ctx, w.to - 1);
  let c = 0;
  let i = 0;
  for (let s = first; s <= last; s++) {
    const end = s + 1 < ctx.sentences.length ? Math.min(w.to, ctx.sentences[s + 1].start) : w.to;
    let stop = i;
    while (stop < items.length && items[stop].start < end) stop++;
    // A name that opens the sentence is its subject before any clause of it is read.
    const opening = subjectOpening(ctx, items, i, stop);
    if (opening?.kind === 'named') noteSubject(d, s, opening.entity);
    const firstClause = c;
    for (; c < clauses.length && clauses[c].start < end; c++) {
      const clause = clauses[c];
      clause.attribution = resolve(clause.subject);
      if (clause.attribution.speaker) noteSpeaker(d, clause.sentence, clause.attribution.speaker);
      else if (clause.subject.kind === 'noun' && organisationNouns.has(clause.subject.noun))
        noteUnnamedOrganisation(d, clause.sentence, clause.subject.noun);
    }
    noteSentence(ctx, d, s, items.slice(i, stop), clauses.slice(firstClause, c), resolve);
    i = stop;
  }
}

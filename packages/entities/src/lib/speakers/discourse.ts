import { lastBefore } from '../sorted.js';
import { insideQuote, isPossessive, labelOf, paragraphAt, sentenceAt } from './context.js';
import { documentNouns, organisationNouns } from '../lang/en/index.js';
import { subjectOpening, verbLike } from './clauses.js';
import { genderOfWord } from './gender.js';
import type { Attribution, Clause, Context, Gender, Item, Subject } from './types.js';

/** How a sentence presents a person or organisation: as its subject, as another part, as an owner ("Trump's call"). */
export type Role = 'subject' | 'other' | 'possessive' | 'hearer';

/** A person or organisation in a sentence. */
export interface Referent {
  entity: string;
  role: Role;
}

/** A possible antecedent, with the salience that ranks it. */
export interface Candidate extends Referent {
  score: number;
  /** Sentences with referents between it and the word being resolved (0: the same sentence). */
  age: number;
  /** Sentences of any kind between them. */
  back: number;
}

/**
 * What the text is about at each point, built as the walk goes through the article in order
 * (centering in the manner of Grosz, Joshi & Weinstein 1995, kept to what news copy needs): the
 * people and organisations of each sentence, its subject ranked first, and the last speaker.
 */
export interface Discourse {
  /** Referents of each sentence walked so far, by sentence index. */
  frames: Referent[][];
  lastSpeaker?: { entity: string; sentence: number };
  /**
   * Subjects found so far in the sentence being walked: its opening name, its clauses' speakers;
   * and an organisation that spoke there without a name we know ("the foreign ministry said").
   */
  current: { sentence: number; subjects: string[]; unnamedOrganisation?: string };
  /**
   * People the text brings in without a name we know ("an officer", "the staff member", a name
   * the tagger missed), by placeholder id (`~` and the sentence): they compete for a pronoun,
   * and a pronoun that means one of them has no speaker we can name.
   */
  unnamed: Map<string, { word: string; gender?: Gender }>;
}

export function createDiscourse(): Discourse {
  return { frames: [], current: { sentence: -1, subjects: [] }, unnamed: new Map() };
}

/** Nouns that name people: "officer", "member", "analyst", "spokesman", "aide", "source", "the 43-year-old". */
const PERSON_NOUN =
  /(?:er|or|ist|ian|ant|ent|[^t]ee|man|woman|person|people|member|official|source|aide|staff|agent|chief|expert|witness|judge|user|insider|rep|boss|citizen|resident|voter|teen|child|doctor|nurse|star|veteran|candidate|player|athlete|coach|captain|singer|actress|pilot|victim|suspect|defendant|widow|wife|husband|mother|father|son|daughter|year-old)s?$/;

const PLURAL = /(?:[^s]s|people|men|women)$/;

/** Whether a subject word names a person (not a document, an organisation or a thing). */
export function namesPerson(word: string): boolean {
  if (documentNouns.has(word) || organisationNouns.has(word)) return false;
  return word !== word.toLowerCase() || PERSON_NOUN.test(word) || genderOfWord(word) !== undefined;
}

/** Record a subject of sentence `s` as soon as it is known, for pronouns later in the same sentence. */
export function noteSubject(d: Discourse, s: number, entity: string): void {
  if (d.current.sentence !== s) d.current = { sentence: s, subjects: [] };
  d.current.subjects.push(entity);
}

/**
 * Record that an organisation we cannot name spoke in a clause of sentence `s` ("Russia's
 * foreign ministry said it viewed …"): an "it" after it in the sentence is that organisation.
 */
export function noteUnnamedOrganisation(d: Discourse, s: number, phrase: string): void {
  if (d.current.sentence !== s) d.current = { sentence: s, subjects: [] };
  d.current.unnamedOrganisation = phrase;
}

/** Record who spoke in a clause of sentence `s`: a subject of that sentence, and the last speaker. */
export function noteSpeaker(d: Discourse, s: number, entity: string): void {
  noteSubject(d, s, entity);
  d.lastSpeaker = { entity, sentence: s };
}

/** Salience of a role: a subject is what the next pronoun most likely means. */
const ROLE_WEIGHT: Record<Role, number> = { subject: 1, other: 0.45, possessive: 0.3, hearer: 0.2 };
/** Words after which a name is who listened: "told NBC News", "emailed to NBC News". */
const TO_HEARER = new Set(['to', 'told', 'tells', 'tell', 'telling']);
/** Salience by age in sentences with referents (0: earlier in the same sentence). */
const RECENCY = [1.1, 1, 0.6, 0.4, 0.25, 0.15];
/** How far back a referent can be: sentences with referents, and sentences at all. */
const MAX_AGE = RECENCY.length - 1;
const MAX_SENTENCES_BACK = 14;
/** A recent speaker stays in view: the next "he said" most often continues them. */
const LAST_SPEAKER_BONUS = 1.1;
const LAST_SPEAKER_REACH = 6;
/** Referents kept per sentence: its subject and the first others (a pathological sentence stays cheap). */
const MAX_REFERENTS = 24;

/**
 * What a new paragraph's own subject costs the referents of earlier paragraphs: a paragraph is a
 * segment of the discourse, and once it has brought in its own subject ("Buckley worried about
 * the song. “…,” she said") a pronoun means that subject rather than the speaker before it.
 */
const EARLIER_PARAGRAPH = 0.65;

/**
 * Candidates for what a word at `at` refers back to, best first. `admit` weighs each entity (0
 * leaves it out: a man for "she"; below 1: a person of unknown gender for "he").
 */
export function rankReferents(ctx: Context, d: Discourse, at: number, admit: (entity: string) => number): Candidate[] {
  const s = sentenceAt(ctx, at);
  const paragraph = ctx.sentences[s] ? paragraphAt(ctx, ctx.sentences[s].start) : -1;
  const inParagraph = (k: number) => paragraphAt(ctx, ctx.sentences[k].start) === paragraph;
  const own = partialFrame(ctx, d, s, at);
  // Whether this paragraph has a subject of its own the word can mean, before it.
  let segmented = own.some((r) => r.role === 'subject' && admit(r.entity) > 0);
  for (let k = s - 1; !segmented && k >= 0 && s - k <= MAX_SENTENCES_BACK && inParagraph(k); k--)
    segmented = !!d.frames[k]?.some((r) => r.role === 'subject' && admit(r.entity) > 0);
  const best = new Map<string, Candidate>();
  const consider = (r: Referent, age: number, back: number, earlier: boolean) => {
    const weight = admit(r.entity);
    if (!weight) return;
    let score = ROLE_WEIGHT[r.role] * RECENCY[age] * weight;
    if (d.lastSpeaker?.entity === r.entity && s - d.lastSpeaker.sentence <= LAST_SPEAKER_REACH)
      score *= LAST_SPEAKER_BONUS;
    if (earlier && segmented) score *= EARLIER_PARAGRAPH;
    const known = best.get(r.entity);
    if (!known || known.score < score) best.set(r.entity, { ...r, score, age, back });
  };
  for (const r of own) consider(r, 0, 0, false);
  let age = 1;
  for (let k = s - 1; k >= 0 && age <= MAX_AGE && s - k <= MAX_SENTENCES_BACK; k--) {
    const frame = d.frames[k];
    if (!frame?.length) continue;
    const earlier = !inParagraph(k);
    for (const r of frame) consider(r, age, s - k, earlier);
    age++;
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** The referents of sentence `s` before `at`: what the sentence has said so far. */
function partialFrame(ctx: Context, d: Discourse, s: number, at: number): Referent[] {
  if (s < 0) return [];
  const frame = d.frames[s];
  if (frame) return frame.filter((r) => r.role === 'subject');
  const from = ctx.sentences[s].start;
  const refs: Referent[] =
    d.current.sentence === s ? d.current.subjects.map((entity) => ({ entity, role: 'subject' })) : [];
  // The names just before `at` (a few dozen at most: a pronoun does not reach further within a sentence).
  const last = lastBefore(ctx.mentionStarts, at);
  for (let i = Math.max(0, lastBefore(ctx.mentionStarts, from) + 1, last - MAX_REFERENTS); i <= last; i++) {
    const m = ctx.entities[i];
    const label = labelOf(ctx, m.entity);
    if ((label !== 'PERSON' && label !== 'ORG') || insideQuote(ctx, m.start)) continue;
    refs.push({ entity: m.entity, role: 'other' });
  }
  return refs;
}

/**
 * Record sentence `s` (its items, its clauses already resolved): its subject is the speaker of
 * its first speech clause, else what opens it after any adverbial ("In his testimony Tuesday,
 * Vindman said"), a pronoun or a phrase there resolved; every other person or organisation
 * outside its quotations is another referent, an owner ("Trump's call") the weakest.
 */
export function noteSentence(
  ctx: Context,
  d: Discourse,
  s: number,
  items: readonly Item[],
  clauses: readonly Clause[],
  resolve: (subject: Subject) => Attribution,
): void {
  const frame: Referent[] = [];
  const spoken = clauses.find((c) => c.sentence === s && c.attribution?.speaker);
  const subjects = new Set<string>();
  if (spoken?.attribution?.speaker) subjects.add(spoken.attribution.speaker);
  else for (const e of openingSubjects(ctx, items, resolve)) subjects.add(e);
  if (!subjects.size) {
    // Someone unnamed as the subject: "An officer shouts", "Schiff asked" (a name the tagger missed).
    const unresolved = clauses.find((c) => c.sentence === s)?.subject ?? subjectOpening(ctx, items, 0);
    const word =
      unresolved?.kind === 'noun'
        ? unresolved.noun
        : unresolved?.kind === 'unknown'
          ? unresolved.word
          : personTaggedOtherwise(ctx, items);
    // A plural ("officials", "aides") is a group: never "he" or "she".
    if (word && namesPerson(word) && !PLURAL.test(word)) {
      const id = `~${s}`;
      d.unnamed.set(id, { word, gender: genderOfWord(word) });
      subjects.add(id);
    }
  }
  for (const e of subjects) frame.push({ entity: e, role: 'subject' });
  if (subjects.size === 1) learnGender(ctx, items, [...subjects][0]);
  for (let k = 0; k < items.length; k++) {
    const m = items[k].mention;
    if (!m || subjects.has(m.entity)) continue;
    const label = labelOf(ctx, m.entity);
    if (label !== 'PERSON' && label !== 'ORG') continue;
    const role = isPossessive(items[k + 1])
      ? 'possessive'
      : TO_HEARER.has(items[k - 1]?.lower ?? '')
        ? 'hearer'
        : 'other';
    frame.push({ entity: m.entity, role });
  }
  d.frames[s] = frame.length > MAX_REFERENTS ? frame.slice(0, MAX_REFERENTS) : frame;
}

/**
 * What a sentence tells of its subject's gender when the names do not: "Quist, who had not
 * spoken all week, doubted her own count" — one person in the sentence, and its pronouns all of
 * one gender, mean that person.
 */
function learnGender(ctx: Context, items: readonly Item[], subject: string): void {
  if (ctx.gender.has(subject) || labelOf(ctx, subject) !== 'PERSON') return;
  // A pronoun before the person is named points back to someone earlier, not forward to them:
  // "faith that the author knows what he’s doing …, after the novelist Jo Walton explained them".
  // So the pronouns after the name decide; a subject the sentence never names (read from its
  // opening pronoun) takes them all.
  let named = false;
  let all: Gender | undefined | null;
  let after: Gender | undefined | null;
  for (const it of items) {
    if (it.kind === 'mention') {
      if (it.mention!.entity === subject) named = true;
      else if (labelOf(ctx, it.mention!.entity) === 'PERSON') return;
    }
    if (it.kind !== 'word' || !GENDERED_PRONOUNS.has(it.lower)) continue;
    const g = genderOfWord(it.lower);
    // null: pronouns of both genders, which tell nothing.
    all = all === undefined || all === g ? g : null;
    if (named) after = after === undefined || after === g ? g : null;
  }
  const said = named ? after : all;
  if (said) ctx.gender.set(subject, said);
}

const GENDERED_PRONOUNS = new Set(['he', 'him', 'his', 'she', 'her', 'hers']);

/**
 * A person the tagger called "miscellaneous" or a place (known as a person from "Locksley and
 * his postdoc") that opens a sentence as its subject ("Locksley had discovered"): someone the
 * text is about whom we cannot name, so that "he said" next is not given to a speaker further
 * back. Its text, or undefined.
 */
function personTaggedOtherwise(ctx: Context, items: readonly Item[]): string | undefined {
  let k = 0;
  while (k < items.length && (items[k].kind === 'quote' || items[k].kind === 'punct')) k++;
  const m = items[k]?.mention;
  const next = items[k + 1];
  if (!m || !ctx.misread.has(m.entity) || next?.kind !== 'word') return undefined;
  return next.lower === 'and' || verbLike(next.lower) ? ctx.text.slice(m.start, m.end) : undefined;
}

/** The subject that opens a sentence, resolved: one entity, two for "Noel and Thomas" or "Acme and Globex", or none. */
function openingSubjects(ctx: Context, items: readonly Item[], resolve: (subject: Subject) => Attribution): string[] {
  const subject = subjectOpening(ctx, items, 0);
  if (!subject) return [];
  if (subject.kind !== 'named') {
    const speaker = resolve(subject).speaker;
    return speaker ? [speaker] : [];
  }
  const k = items.findIndex((it) => it.mention?.entity === subject.entity);
  const second = items[k + 2];
  if (
    k >= 0 &&
    items[k + 1]?.lower === 'and' &&
    second?.kind === 'mention' &&
    labelOf(ctx, second.mention!.entity) === labelOf(ctx, subject.entity)
  )
    return [subject.entity, second.mention!.entity];
  return [subject.entity];
}

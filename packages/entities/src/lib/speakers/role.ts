import { roleQualifiers } from '../lang/en/index.js';
import { lastBefore } from '../sorted.js';
import { SPACES, labelOf } from './context.js';
import { type Discourse, namesPerson, rankReferents } from './discourse.js';
import { agrees, genderOfWord } from './gender.js';
import { UNDECIDED, round } from './pronoun.js';
import type { Attribution, Context, Gender, Subject } from './types.js';

/** The people described by a role noun, trying its singular too ("officials" → "official"), with the qualifiers each had. */
export function roleHolders(ctx: Context, noun: string): Map<string, Set<string>> | undefined {
  return ctx.roles.get(noun) ?? (noun.endsWith('s') ? ctx.roles.get(noun.slice(0, -1)) : ctx.roles.get(`${noun}s`));
}

/**
 * "The treasurer said", "said the judge": the person introduced with that role (an appositive,
 * a title, "X is the CEO of …"), the most salient of them when several were; undefined when no
 * one was introduced so. The role's qualifiers must be those of an introduction: "the president"
 * is not the person introduced as "former Vice President", "the vice president" not "President".
 */
export function resolveRole(
  ctx: Context,
  d: Discourse,
  noun: string,
  at: number,
  label = 'PERSON',
  modifiers: readonly string[] = [],
): Attribution | undefined {
  const all = roleHolders(ctx, noun);
  if (!all) return undefined;
  const signature = modifiers
    .filter((w) => roleQualifiers.has(w))
    .sort()
    .join(' ');
  const ofLabel = [...all].filter(([e]) => labelOf(ctx, e) === label);
  const holders = new Set(ofLabel.filter(([, seen]) => seen.has(signature)).map(([e]) => e));
  if (!holders.size)
    return ofLabel.length
      ? { confidence: 0, cue: `“${signature ? `${signature} ` : ''}${noun}” is no one introduced so` }
      : undefined;
  const ranked = rankReferents(ctx, d, at, (entity) => (holders.has(entity) ? 1 : 0));
  const cue = `role noun → person introduced as “${noun}”`;
  if (ranked.length) {
    const [best, second] = ranked;
    // "Secretary of State Mike Pompeo told Fox News …. Asked about it, the secretary said": the
    // person the sentence just before is about, whom the text did not introduce otherwise, may be
    // meant as well as the one introduced with the role further back.
    const focus = label === 'PERSON' ? inFocusOtherwise(ctx, d, at, all, genderOfWord(noun)) : undefined;
    if (focus)
      return {
        confidence: 0,
        cue: `“${noun}”: ${ctx.records.get(best.entity)?.name ?? best.entity} introduced so, or ${ctx.records.get(focus)?.name ?? focus} in focus, nothing decides`,
      };
    const confidence = second ? 0.6 + 0.25 * (1 - second.score / best.score) : 0.85;
    return { speaker: best.entity, confidence: round(confidence), cue };
  }
  // Introduced further back than the discourse reaches: the one mentioned last.
  for (let i = lastBefore(ctx.mentionStarts, at); i >= 0; i--) {
    if (holders.has(ctx.entities[i].entity))
      return { speaker: ctx.entities[i].entity, confidence: holders.size > 1 ? 0.55 : 0.7, cue };
  }
  return { speaker: [...holders][0], confidence: 0.5, cue };
}

/**
 * The person the text is about at `at` (the subject of this sentence or the one before, the most
 * salient), when the role's gender (`wanted`) fits them and the text introduced them with no role
 * (not this one in any form: "former vice president" is not "the president"; nor another): a
 * description there may mean them as well as the one introduced with it further back.
 */
function inFocusOtherwise(
  ctx: Context,
  d: Discourse,
  at: number,
  holders: ReadonlyMap<string, unknown>,
  wanted: Gender | undefined,
): string | undefined {
  const ranked = rankReferents(ctx, d, at, (entity) =>
    labelOf(ctx, entity) === 'PERSON' && agrees(ctx.gender.get(entity), wanted) !== 'no' ? 1 : 0,
  );
  const top = ranked[0];
  if (!top || holders.has(top.entity) || top.role !== 'subject' || top.age > 1) return undefined;
  // Someone the text introduced with another role ("Sam Okafor, the union's treasurer") is not
  // "the judge": only a person it said nothing of may be meant.
  for (const introduced of ctx.roles.values()) if (introduced.has(top.entity)) return undefined;
  return top.entity;
}

/** Words before a name that make it someone other than the sentence's subject: "meeting X", "with X", "X and". */
const COUNTERPART =
  /\b(?:with|against|to|from|by|and|or|than|versus|vs\.?|meet|meets|meeting|met|beat|beating|defeated|told|telling|replace|replaced|replacing|succeed|succeeded|succeeding)\s+(?:\S+\s+){0,2}$/i;

/** Whether the last mention of `entity` before `at` is set against someone else: "After meeting Ferris". */
function counterpart(ctx: Context, entity: string, at: number): boolean {
  for (let i = lastBefore(ctx.mentionStarts, at); i >= 0; i--) {
    const m = ctx.entities[i];
    if (m.entity !== entity) continue;
    return COUNTERPART.test(ctx.text.slice(Math.max(0, m.start - 40), m.start));
  }
  return false;
}

/** Role nouns for groups (and words that are no nouns): they never fall back to the person in focus. */
const PLURAL = /(?:s|people|men|women|ed|ing)$/;

/** Words an indefinite phrase may have before its noun: "a UK man", "a 43-year-old man". */
const INDEFINITE_MODIFIERS = 2;
/** "a"/"an" and the words after it that may be its noun: "a UK man", "an 8-year-old girl". */
// A lookahead, so that "a man and a woman" reads both phrases.
const INDEFINITE_PHRASE = new RegExp(`\\b(?:a|an)(?=((?:\\s+[\\w-]+){1,${INDEFINITE_MODIFIERS + 1}}))`, 'gi');

/**
 * Where each word first stands in an indefinite phrase ("a/an" and up to three words), read in
 * one pass over the text the first time a phrase needs it, so that many "the X said" cost one scan.
 */
function indefiniteWords(ctx: Context): Map<string, number> {
  if (ctx.indefinites) return ctx.indefinites;
  const first = new Map<string, number>();
  for (const m of ctx.text.matchAll(INDEFINITE_PHRASE)) {
    for (const word of m[1].trim().toLowerCase().split(SPACES)) if (!first.has(word)) first.set(word, m.index!);
  }
  ctx.indefinites = first;
  return first;
}

/** Whether the text before `at` brings someone in as "a/an … noun". */
function introducedUnnamed(ctx: Context, noun: string, at: number): boolean {
  return (indefiniteWords(ctx).get(noun) ?? Infinity) < at;
}

/**
 * "Said the actor" (the article, no owner) when no one was introduced as an actor: the person the text is about at that
 * point, if one is clearly so (the subject of a recent sentence, nobody as salient), of the
 * noun's gender when it has one. A plural ("the doctors") is a group: no one.
 */
export function personInFocus(ctx: Context, d: Discourse, subject: Extract<Subject, { kind: 'noun' }>): Attribution {
  const { noun, at } = subject;
  const unnamed = { confidence: 0, cue: `“${noun}” not introduced by name` };
  // "His lawyer", "China's ambassador": someone else than the person in view.
  if (PLURAL.test(noun) || subject.determiner !== 'the' || !namesPerson(noun)) return unnamed;
  // "A UK man … Dempsey talked with the man … “…,” the man wrote": the article brought in
  // someone as "a man" without a name, and "the man" points back to them.
  if (introducedUnnamed(ctx, noun, at)) return { confidence: 0, cue: `“the ${noun}” → “a ${noun}” not named` };
  const wanted = genderOfWord(noun);
  const ranked = rankReferents(ctx, d, at, (entity) => {
    const other = d.unnamed.get(entity);
    if (labelOf(ctx, entity) !== 'PERSON' && !other) return 0;
    const g = other ? other.gender : ctx.gender.get(entity);
    return wanted && g && g !== wanted ? 0 : 1;
  });
  const [best, second] = ranked;
  if (
    !best ||
    best.role !== 'subject' ||
    d.unnamed.has(best.entity) ||
    (second && second.score >= UNDECIDED * best.score)
  )
    return unnamed;
  // "In Bexley’s address …, the presidential nominee likened"; "in an Oliver Sacks kind of way — the
  // late neurologist wrote": a description points back to the person who fits named just before it
  // in its own sentence, rather than to the subject further back.
  // Not someone the sentence sets against its subject: "After meeting Ferris, the nominee said".
  const near =
    best.age > 0 &&
    ranked.find(
      (c) => c.age === 0 && c.entity !== best.entity && !d.unnamed.has(c.entity) && !counterpart(ctx, c.entity, at),
    );
  if (near) return { speaker: near.entity, confidence: 0.6, cue: `role noun → person named before it in its sentence` };
  return { speaker: best.entity, confidence: 0.6, cue: `role noun → person in focus` };
}

import { documentNouns, organisationNouns, spokesNouns } from '../lang/en/index.js';
import { lastBefore } from '../sorted.js';
import { insideQuote, labelOf, sentenceAt } from './context.js';
import { type Discourse, rankReferents } from './discourse.js';
import { UNDECIDED } from './pronoun.js';
import { personInFocus, resolveRole } from './role.js';
import type { Attribution, Context, Subject } from './types.js';

/**
 * The organisation the text is about at `at`: the subject of a recent sentence, and undefined
 * when none is, or when a second one is nearly as much in view.
 */
export function organisationInFocus(ctx: Context, d: Discourse, at: number): string | undefined {
  const [best, second] = rankReferents(ctx, d, at, (entity) => (labelOf(ctx, entity) === 'ORG' ? 1 : 0));
  if (!best || best.role !== 'subject') return undefined;
  return second && second.score >= UNDECIDED * best.score ? undefined : best.entity;
}

/**
 * "The statement read": in the latest earlier sentence that mentions a statement, the
 * organisation (or the place speaking for its government) that is its subject, else the
 * organisation named first there, else the person who is its subject ("In a written statement,
 * Gujral reiterated …"), else the organisation in view before that sentence.
 */
function issuerOf(ctx: Context, d: Discourse, noun: string, at: number): string | undefined {
  const { sentences, text, entities } = ctx;
  const current = sentenceAt(ctx, at);
  for (let s = current - 1, steps = 0; s >= 0 && steps < 12; s--, steps++) {
    const sentence = sentences[s];
    // A sentence's first few thousand characters: enough for any real one, bounded for a pathological one.
    if (
      !text
        .slice(sentence.start, Math.min(sentence.end, sentence.start + 3000))
        .toLowerCase()
        .includes(noun)
    )
      continue;
    // "The White House said in a statement …": who spoke in that sentence issued it, a place
    // standing for its government included.
    const spoke = d.frames[s]?.find((r) => r.role === 'subject')?.entity;
    const label = labelOf(ctx, spoke);
    if (label === 'ORG' || label === 'LOC') return spoke;
    for (
      let i = Math.max(0, lastBefore(ctx.mentionStarts, sentence.start) + 1);
      i < entities.length && entities[i].start < sentence.end;
      i++
    ) {
      if (labelOf(ctx, entities[i].entity) === 'ORG' && !insideQuote(ctx, entities[i].start)) return entities[i].entity;
    }
    // "In a written statement, Gujral reiterated …", "The statement from Morris said": a person
    // who is the subject of that sentence, no organisation named there, issued it.
    if (label === 'PERSON') return spoke;
    return organisationInFocus(ctx, d, sentence.start);
  }
  return undefined;
}

/**
 * A speaker given by a noun phrase: a document ("the statement said", "according to a statement
 * from X"), a spokesperson ("a spokeswoman for X", "a WeWork spokesperson"), a role ("the
 * treasurer") or an organisation noun ("the company said"). Organisations speak too. A phrase no
 * rule can resolve ("an insider", "Trump's son") names nobody we know: no speaker.
 */
export function resolveNounSubject(
  ctx: Context,
  d: Discourse,
  subject: Extract<Subject, { kind: 'noun' }>,
): Attribution {
  const { noun, at, organisation, possessor, definite, determiner, modifiers } = subject;
  // The phrase as written, for a cue: "an improvised live show", not "an show".
  const phrase = [determiner, ...modifiers, noun].join(' ');
  const ownerOrg = organisation ?? (labelOf(ctx, possessor) === 'ORG' ? possessor : undefined);
  if (documentNouns.has(noun)) {
    if (ownerOrg) return { speaker: ownerOrg, confidence: 0.85, cue: `the ${noun} of the organisation named` };
    const issuer = issuerOf(ctx, d, noun, at);
    return issuer
      ? { speaker: issuer, confidence: 0.75, cue: `the ${noun} → who issued it` }
      : { confidence: 0, cue: `the ${noun}: no organisation issued it in the text` };
  }
  if (spokesNouns.has(noun)) {
    if (ownerOrg) return { speaker: ownerOrg, confidence: 0.85, cue: `${noun} for the organisation named` };
    // Speaking for a person ("Swift's rep") is not that person speaking.
    if (possessor) return { confidence: 0, cue: `${noun} of a person: not that person's words` };
    if (!definite) return { confidence: 0, cue: `${phrase} of no organisation named` };
    // "The spokesman said" with no organisation in the phrase: one introduced as spokesman, else
    // nobody we can name (guessing the organisation in view speaks for too many).
    return resolveRole(ctx, d, noun, at) ?? { confidence: 0, cue: `${noun} of no organisation named` };
  }
  // "An officer said", "a company said": someone new, not anyone named before.
  if (!definite) return { confidence: 0, cue: `“${phrase}” not named` };
  if (organisationNouns.has(noun)) {
    if (ownerOrg) return { speaker: ownerOrg, confidence: 0.85, cue: `“the ${noun}” of the organisation named` };
    return resolveRole(ctx, d, noun, at, 'ORG') ?? organisationNamedBy(ctx, d, subject);
  }
  return resolveRole(ctx, d, noun, at, 'PERSON', modifiers) ?? personInFocus(ctx, d, subject);
}

/** Whether two words share a stem (five letters, or the whole of a shorter word): "production" and "Productions". */
function sameStem(a: string, b: string): boolean {
  const n = Math.min(5, a.length, b.length);
  return n >= 4 && a.slice(0, n) === b.slice(0, n);
}

/**
 * "The company said", "the production company said": the organisation in focus, preferring one
 * whose name fits the phrase's words; a qualified phrase no name fits ("the French foreign
 * ministry") is an organisation the text does not name.
 */
function organisationNamedBy(ctx: Context, d: Discourse, subject: Extract<Subject, { kind: 'noun' }>): Attribution {
  const ranked = rankReferents(ctx, d, subject.at, (entity) => (labelOf(ctx, entity) === 'ORG' ? 1 : 0));
  const words = [...subject.modifiers, subject.noun];
  const fits = ranked.find((c) =>
    (ctx.records.get(c.entity)?.name ?? '')
      .toLowerCase()
      .split(' ')
      .some((w) => words.some((x) => sameStem(w, x))),
  );
  if (fits)
    return { speaker: fits.entity, confidence: 0.8, cue: `“the ${subject.noun}” → organisation whose name fits` };
  if (subject.modifiers.length)
    return { confidence: 0, cue: `“the ${[...subject.modifiers, subject.noun].join(' ')}” not named` };
  return ranked[0]
    ? { speaker: ranked[0].entity, confidence: 0.7, cue: `“the ${subject.noun}” → organisation in focus` }
    : { confidence: 0, cue: `“the ${subject.noun}”: no organisation named before` };
}

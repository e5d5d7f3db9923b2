import { agrees } from './gender.js';
import { labelOf, sentenceAt } from './context.js';
import { type Candidate, type Discourse, rankReferents } from './discourse.js';
import type { Attribution, Context, Gender } from './types.js';

/** A second candidate this close to the first (as a share of its salience) leaves a pronoun undecided. */
export const UNDECIDED = 0.75;
/** Salience below which nobody of unknown gender is in view any more (a subject four sentences back, an object two back). */
const IN_VIEW = 0.3;
/** Salience below which a referent is far back (a subject three sentences ago), and the most such a reading is worth. */
const FAR = 0.5;
const FAR_CEILING = 0.7;
/** Sentences back beyond which a referent is far, whatever came between. */
const FAR_BACK = 3;
/** Salience from which a second candidate is a rival (a subject five sentences back, an object three back). */
const RIVAL = 0.15;
const RIVALLED_CEILING = 0.75;
/** Weight of a person whose gender the text does not tell, for "he" or "she". */
const UNKNOWN_GENDER = 0.75;

/** A candidate as a reader knows it: its name, or the words that brought in someone unnamed (“the judge”). */
function nameOf(ctx: Context, d: Discourse, entity: string): string {
  const unnamed = d.unnamed.get(entity);
  return unnamed ? `the ${unnamed.word}` : (ctx.records.get(entity)?.name ?? entity);
}

/** Why the winner won, in words. */
function because(d: Discourse, best: Candidate): string {
  if (best.role !== 'subject') return 'only one who fits in view';
  if (d.lastSpeaker?.entity === best.entity) return 'last speaker';
  return best.age === 0
    ? 'subject of this sentence'
    : best.age === 1
      ? 'subject of the previous sentence'
      : 'last subject';
}

/**
 * "He", "she" (a person of that gender), "it", "they" (an organisation): the most salient
 * candidate in the discourse so far, when nothing as salient competes; a speaker nobody can
 * decide between two people of the same gender is left unnamed rather than guessed.
 */
export function resolvePronoun(
  ctx: Context,
  d: Discourse,
  word: 'he' | 'she' | 'it' | 'they',
  at: number,
): Attribution {
  const person = word === 'he' || word === 'she';
  // "The foreign ministry said it viewed …": the organisation that just spoke, named or not.
  const organisation = d.current.sentence === sentenceAt(ctx, at) ? d.current.unnamedOrganisation : undefined;
  if (word === 'it' && organisation) return { confidence: 0, cue: `“it” → the ${organisation} just before, not named` };
  const wanted: Gender | undefined = word === 'she' ? 'female' : word === 'he' ? 'male' : undefined;
  const ranked = rankReferents(ctx, d, at, (entity) => {
    const unnamed = d.unnamed.get(entity);
    const label = labelOf(ctx, entity);
    if (!person) return label === 'ORG' ? 1 : 0;
    if (label !== 'PERSON' && !unnamed) return 0;
    const fit = agrees(unnamed ? unnamed.gender : ctx.gender.get(entity), wanted);
    return fit === 'no' ? 0 : fit === 'yes' ? 1 : UNKNOWN_GENDER;
  });
  const [best, second] = ranked;
  // Far back, only a person the pronoun's gender fits for certain is still meant.
  const certain = best && wanted && ctx.gender.get(best.entity) === wanted;
  if (!best || (best.score < IN_VIEW && !certain)) {
    const overruled = wanted && overruledName(ctx, d, at, wanted);
    if (overruled) return overruled;
    return { confidence: 0, cue: `“${word}”: nobody it can refer to in view` };
  }
  // "Acme and Globex announced a merger. “…,” they said": both speak, and a speaker is one.
  const together =
    word === 'they' &&
    best.role === 'subject' &&
    d.frames[sentenceAt(ctx, at) - best.back]?.find((r) => r.role === 'subject' && r.entity !== best.entity);
  if (together)
    return {
      confidence: 0,
      cue: `“they”: ${nameOf(ctx, d, best.entity)} and ${nameOf(ctx, d, together.entity)} together`,
    };
  const unnamed = d.unnamed.get(best.entity);
  if (unnamed) return { confidence: 0, cue: `“${word}” → someone not named (“${unnamed.word}”)` };
  if (second && second.score >= UNDECIDED * best.score)
    return {
      confidence: 0,
      cue: `“${word}”: ${nameOf(ctx, d, best.entity)} or ${nameOf(ctx, d, second.entity)}, nothing decides`,
    };
  // Skipping the person the sentence just before brought in for someone further back is a guess:
  // "“…,” said Bexley. ¶ That drew a rebuke from Dan Ferris. ¶ “…,” he said."
  const skipped =
    best.age > 1 &&
    wanted &&
    ranked.find(
      (c) =>
        c.age === 1 &&
        c.role === 'other' &&
        ctx.gender.get(c.entity) === wanted &&
        !d.frames[sentenceAt(ctx, at) - c.back]?.some((r) => r.entity === best.entity),
    );
  if (skipped)
    return {
      confidence: 0,
      cue: `“${word}”: ${nameOf(ctx, d, best.entity)} or ${nameOf(ctx, d, skipped.entity)}, named just before, nothing decides`,
    };
  // "Cotti said Chechnya must stay. “…,” he said": the one who spoke in the sentence just before
  // is meant whatever the names tell of gender, as long as none of them contradicts it.
  const continuesSpeaker =
    best.role === 'subject' &&
    best.back === 1 &&
    d.lastSpeaker?.entity === best.entity &&
    d.lastSpeaker.sentence === sentenceAt(ctx, at) - 1;
  const known = !person || ctx.gender.has(best.entity) || continuesSpeaker;
  const margin = 1 - (second ? second.score / best.score : 0);
  // A referent far back (not a subject of the last two sentences) is a guess however alone it is:
  // the text may have moved on to someone the pronoun does not fit (a typo, an unnamed person).
  // Anyone else the pronoun could mean, in view, makes it a reading rather than a fact: on news
  // copy a pronoun resolved to a name is right about two times in three (issue 16), so it stays
  // below the confidence the viewer shows as sure, unless the referent is the only one who fits.
  const far = best.score < FAR || best.back > FAR_BACK;
  const ceiling = far ? FAR_CEILING : second && second.score >= RIVAL ? RIVALLED_CEILING : 0.95;
  const confidence = Math.min(
    ceiling,
    Math.max(0.5, 0.5 + 0.45 * margin + (known ? 0.05 : -0.1) - (best.role === 'subject' ? 0 : 0.1)),
  );
  // What a confident reading teaches: the person's gender, for the next pronoun.
  if (wanted && !ctx.gender.has(best.entity) && confidence >= 0.75) ctx.gender.set(best.entity, wanted);
  return { speaker: best.entity, confidence: round(confidence), cue: `pronoun → ${because(d, best)}` };
}

/**
 * "Claude Mandil, the agency's director, said …. “…,” he said": when no one the pronoun fits is in
 * view, the subject of the sentence just before, alone in view (anyone else further back than a pronoun reaches), whose gender only a given name or
 * a surname told (the name lists are a guess: they give "Claude" to girls only). Undefined otherwise.
 */
function overruledName(ctx: Context, d: Discourse, at: number, wanted: Gender): Attribution | undefined {
  const ranked = rankReferents(ctx, d, at, (entity) =>
    labelOf(ctx, entity) === 'PERSON' && !d.unnamed.has(entity) ? 1 : 0,
  );
  const [best, second] = ranked;
  if (
    !best ||
    (second && second.score >= IN_VIEW) ||
    best.role !== 'subject' ||
    best.age > 1 ||
    !ctx.namedGender.has(best.entity)
  )
    return undefined;
  if (ctx.gender.get(best.entity) === wanted) return undefined;
  return { speaker: best.entity, confidence: 0.6, cue: 'pronoun → subject just before, its name’s gender overruled' };
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

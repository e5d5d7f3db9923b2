import {
  adverbialOpeners,
  corporateSuffixes,
  determiners,
  documentNouns,
  evaluativeVerbs,
  hearerVerbs,
  interveners,
  ledGroupNouns,
  nonRoleWords,
  organisationNouns,
  personTitles,
  speechVerbs,
  spokesNouns,
  weakSpeechVerbs,
} from '../lang/en/index.js';
import { isClauseBreak, isPossessive, isSpeaker, labelOf, sentenceAt } from './context.js';
import { isCapitalised, nameSubject, named } from './named.js';
import type { Clause, Context, Item, Subject } from './types.js';

/** Speech clauses of a paragraph and the offsets of every speech verb in it (evidence for the scare rules). */
export interface Clauses {
  clauses: Clause[];
  verbs: number[];
}

const PRONOUNS = new Set(['he', 'she', 'it', 'they']);
/** "he’d", "she's": a pronoun with a verb attached. */
const CONTRACTED_PRONOUN = /^(he|she|it|they)['’]/;
const GENERATIONAL = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii']);
const RELATIVE = new Set(['who', 'which', 'that']);
/**
 * Names that can qualify a title before a person's name: "Acme chief executive", "U.S. Attorney",
 * "Democratic Sen.", "Trump campaign spokesman".
 */
const QUALIFIER_LABELS = new Set(['ORG', 'LOC', 'MISC', 'PERSON']);
/** Verbs that report someone else's words: "X quoted Y as saying". */
const QUOTING = new Set(['quoted', 'quotes', 'quote', 'quoting', 'cited', 'cites']);
/** Verbs that, right after a speech verb, show it is inside a subject: "the letter Mike wrote was". */
const COPULAS = new Set(['was', 'is', 'were', 'are']);
/** How far back (in items) a sentence's subject is looked for from its verb: keeps long sentences linear. */
const SUBJECT_REACH = 80;
/** Articles that bring someone new in: "an officer said" is nobody named before. */
const INDEFINITE = new Set(['a', 'an', 'one', 'another', 'some']);
/** Prepositions that link a spokesperson or a document to whom it speaks for: "a spokeswoman for X". */
const OF_WHOM = new Set(['for', 'of', 'from', 'at', 'by']);

function pronoun(item: Item): Subject | undefined {
  if (item.kind !== 'word') return undefined;
  const word = PRONOUNS.has(item.lower) ? item.lower : CONTRACTED_PRONOUN.exec(item.lower)?.[1];
  return word ? { kind: 'pronoun', word: word as 'he' | 'she' | 'it' | 'they', at: item.start } : undefined;
}

/**
 * A name-like mention the tagger called MISC that reads as a speaker: after a person's title
 * ("Ms Persson said"), or with an organisation's head word ("the Arab League called it").
 */
function miscSpeaker(ctx: Context, items: readonly Item[], j: number): Subject | undefined {
  const item = items[j];
  if (item.kind !== 'mention' || labelOf(ctx, item.mention!.entity) !== 'MISC') return undefined;
  const title = items[j - 1];
  if (title?.kind === 'word' && personTitles.has(title.lower.replace('.', '')))
    return named(item.mention!.entity, 0.7, 'a name after a person’s title');
  const words = ctx.text.slice(item.start, item.end).toLowerCase().split(' ');
  const head = words[words.length - 1];
  if (words.length > 1 && (organisationNouns.has(head) || corporateSuffixes.has(head)))
    return named(item.mention!.entity, 0.7, 'an organisation’s name');
  return undefined;
}

/** A noun phrase over items `[from, head]` (and a "for/of X" after it up to `after`): its head noun and who is in it. */
function nounPhrase(ctx: Context, items: readonly Item[], from: number, head: number, after = head): Subject {
  let organisation: string | undefined;
  let possessor: string | undefined;
  for (let k = from; k <= after; k++) {
    const m = items[k].mention;
    if (!m) continue;
    const label = labelOf(ctx, m.entity);
    if (isPossessive(items[k + 1]) && (label === 'PERSON' || label === 'ORG')) possessor = m.entity;
    else if (label === 'ORG') organisation = m.entity;
  }
  const modifiers: string[] = [];
  for (let k = from; k < head; k++)
    if (items[k].kind === 'word' && !determiners.has(items[k].lower) && !(k === from && INDEFINITE.has(items[k].lower)))
      modifiers.push(items[k].lower);
  const first = items[from];
  const definite = first.kind === 'mention' || !INDEFINITE.has(first.lower);
  // "The boxer’s trainer": an owner inside the phrase makes it someone's, like a name's would.
  let owned = first.kind === 'mention';
  for (let k = from + 1; k < head && !owned; k++) owned = isPossessive(items[k]);
  const determiner = owned ? '’s' : first.lower;
  return {
    kind: 'noun',
    noun: items[head].lower,
    at: items[head].start,
    organisation,
    possessor,
    modifiers,
    definite,
    determiner,
  };
}

/**
 * The subject that ends at item `j`, read backwards: a name, a pronoun, a name set off by commas
 * or a noun phrase. `v` is the verb (a participle takes its sentence's subject).
 */
function subjectEndingAt(ctx: Context, items: readonly Item[], j: number, v: number): Subject | undefined {
  while (j >= 0 && items[j].kind === 'word' && interveners.has(items[j].lower)) j--;
  // "Sen. Chuck Schumer (D-N.Y.) said": a parenthesis between the name and its verb.
  j = beforeParenthesis(items, j);
  // "James Kennedy Jr. said": the generation is part of the name.
  if (j > 0 && items[j].lower === '.' && GENERATIONAL.has(items[j - 1].lower)) j--;
  if (j > 0 && GENERATIONAL.has(items[j].lower) && items[j - 1].kind === 'mention') j--;
  if (j < 0) return undefined;
  const item = items[j];
  // "Warren answered Biden, who had said her plan was “elitist”": the relative clause speaks for
  // the name it hangs on, not for the sentence's subject.
  if (item.lower === 'who') {
    const named1 = items[items[j - 1]?.lower === ',' ? j - 2 : j - 1];
    return isSpeaker(ctx, named1?.mention) ? named(named1.mention.entity, 0.85, 'named before “who”') : undefined;
  }
  if (item.kind === 'word' && nonRoleWords.has(item.lower)) return undefined;
  const misc = miscSpeaker(ctx, items, j);
  if (misc) return misc;
  const p = pronoun(item);
  if (p) return documentAuthor(ctx, items, j) ?? p;
  if (item.kind === 'mention' || (item.kind === 'word' && isCapitalised(ctx.text, item.start))) {
    if (namesTogether(ctx, items, j - 2)) return together(item);
    const described = unclosedApposition(ctx, items, j);
    if (described) return described;
    const owner = prepositionalObject(ctx, items, j);
    return owner ?? nameSubject(ctx, item, 'named in the sentence');
  }
  if (item.lower === ',') return appositiveSubject(ctx, items, j, v);
  if (item.kind !== 'word') return undefined;
  // "Kejriwal turned to Twitter to describe his city as a “gas chamber”": the sentence's subject.
  if (item.lower === 'to') return sentenceSubject(ctx, items, v);
  // A participle takes its sentence's subject: "…sent a letter earlier this month stating that they “…”";
  // but after "with" it has its own: "with one poster writing “…”" (someone not named).
  if (items[v].lower.endsWith('ing')) return withPhrase(ctx, items, j) ?? sentenceSubject(ctx, items, v);
  // A noun phrase: "the coordinator said", "the statement read", "a VKontakte spokesperson said",
  // "Donald Trump's son told", "the “Pose” actor said".
  // "Damascus radio said", "Kremlin spokesman said": a name that qualifies the noun right after it.
  if (items[j - 1]?.kind === 'mention' && speaksForOthers(item.lower)) return nounPhrase(ctx, items, j - 1, j);
  for (let k = j - 1, steps = 0; k >= 0 && steps < 7; k--, steps++) {
    const it = items[k];
    if (it.kind === 'word' && determiners.has(it.lower))
      return ledBy(ctx, items, k, j) ?? ownerOfPhrase(ctx, items, k, j, v) ?? nounPhrase(ctx, items, k, j);
    if (it.kind === 'mention' && isPossessive(items[k + 1])) return nounPhrase(ctx, items, k, j);
    if (it.kind === 'word' && RELATIVE.has(it.lower)) return subjectEndingAt(ctx, items, k - 1, v); // "A spokesperson who … said"
    if (it.kind === 'quote') continue; // a title inside the phrase
    if (it.kind === 'punct' && !isPossessive(it) && it.lower !== '-') break;
  }
  // A plain noun with no determiner: "officials said", "one user quipped": someone unnamed.
  return { kind: 'unknown', at: item.start, word: item.lower, cue: `speaker “${item.lower}” not named` };
}

/** Items between a document noun and the "in which" that opens its relative clause: "a message to Saddam on August 22". */
const RELATIVE_REACH = 8;

/**
 * "Barzani sent a message to Saddam in which he said: “…”": a pronoun in a relative clause on a
 * document (item `j`) is the person who sent or wrote it, named before the document in the
 * sentence, not the subject of the sentence around it. Undefined otherwise.
 */
function documentAuthor(ctx: Context, items: readonly Item[], j: number): Subject | undefined {
  if (items[j - 1]?.lower !== 'which' || items[j - 2]?.lower !== 'in') return undefined;
  for (let k = j - 3; k >= 0 && k >= j - 3 - RELATIVE_REACH; k--) {
    const it = items[k];
    if (isClauseBreak(it)) return undefined;
    if (it.kind !== 'word' || !documentNouns.has(it.lower)) continue;
    // The nearest person before the document, in its clause: who sent it ("Barzani sent a message").
    for (let m = k - 1; m >= 0 && m >= k - RELATIVE_REACH; m--) {
      const before = items[m];
      if (isClauseBreak(before) || before.kind === 'quote') return undefined;
      if (before.kind === 'mention' && labelOf(ctx, before.mention!.entity) === 'PERSON')
        return PREPOSITIONS.has(items[m - 1]?.lower ?? '')
          ? undefined
          : named(before.mention!.entity, 0.75, `the ${it.lower}’s author`);
    }
    return undefined;
  }
  return undefined;
}

/** Whether a noun stands for an organisation or speaks for one: "radio", "spokesman", "statement". */
function speaksForOthers(noun: string): boolean {
  return organisationNouns.has(noun) || spokesNouns.has(noun) || documentNouns.has(noun);
}

/** Words a "with" phrase may have before its participle: "with one longtime poster writing". */
const WITH_REACH = 4;

/** The noun phrase of "with X writing" ending at item `j`, when one opens a few words before; else undefined. */
function withPhrase(ctx: Context, items: readonly Item[], j: number): Subject | undefined {
  for (let k = j - 1; k >= 0 && k >= j - WITH_REACH; k--) {
    const it = items[k];
    if (it.kind !== 'word') return undefined;
    if (it.lower !== 'with') continue;
    const first = items[k + 1].lower;
    return k + 1 < j && (determiners.has(first) || INDEFINITE.has(first))
      ? nounPhrase(ctx, items, k + 1, j)
      : { kind: 'unknown', at: items[j].start, word: items[j].lower, cue: `speaker “${items[j].lower}” not named` };
  }
  return undefined;
}

/** Possessive pronouns that tie a group to the person just named: "Paganini and his team". */
const LEADER_PRONOUNS = new Set(['his', 'her', 'their']);

/**
 * "Paganini and his team wrote": a person named with the group they lead, the phrase's
 * determiner at item `k` and its head at `j`. The person speaks for the group (not the
 * organisation in view, which "the team" alone would be).
 */
function ledBy(ctx: Context, items: readonly Item[], k: number, j: number): Subject | undefined {
  const leader = items[k - 2];
  if (
    !LEADER_PRONOUNS.has(items[k].lower) ||
    items[k - 1]?.lower !== 'and' ||
    leader?.kind !== 'mention' ||
    labelOf(ctx, leader.mention!.entity) !== 'PERSON' ||
    !ledGroupNouns.has(items[j].lower)
  )
    return undefined;
  return named(leader.mention!.entity, 0.85, 'named with the group they lead');
}

/** Items a parenthesis between a name and its verb may hold: "(D-N.Y.)", "(pictured, left)". */
const PARENTHESIS_REACH = 12;

/** The item before a parenthesis that closes at item `j` ("Schumer (D-N.Y.)"), else `j`. */
function beforeParenthesis(items: readonly Item[], j: number): number {
  if (items[j]?.lower !== ')') return j;
  for (let k = j - 1; k >= 0 && k >= j - PARENTHESIS_REACH; k--) {
    if (items[k].lower === '(') return k - 1;
    if (isClauseBreak(items[k])) return j;
  }
  return j;
}

/**
 * The subject when the phrase opening at item `k` is the object of a preposition: "aides to the
 * president said", "those close to the boxer acknowledge", "a friend of the mayor said" speak of
 * the president, the boxer, the mayor, and are someone else. A spokesperson or a document of an
 * organisation ("a spokesman for the ministry", head at item `j`) speaks for it, as the noun rules
 * read it. Undefined when no preposition stands before the phrase.
 */
function ownerOfPhrase(ctx: Context, items: readonly Item[], k: number, j: number, v: number): Subject | undefined {
  const preposition = items[k - 1];
  if (!(preposition?.kind === 'word' && PREPOSITIONS.has(preposition.lower))) return undefined;
  const before = items[k - 2];
  if (!before) return undefined;
  const speaksFor = before.kind === 'word' && (spokesNouns.has(before.lower) || documentNouns.has(before.lower));
  if (speaksFor && organisationNouns.has(items[j].lower)) return undefined;
  return (
    subjectEndingAt(ctx, items, k - 2, v) ?? {
      kind: 'unknown',
      at: items[k].start,
      cue: 'the phrase before the verb is about someone, not who speaks',
    }
  );
}

/** Conjunctions a sentence may open with before its subject. */
const OPENING_CONJUNCTIONS = new Set(['but', 'and', 'so', 'yet', 'or']);

/** Prepositions that name a document's author: "a letter from X", "a survey by X". */
const AUTHOR_PREPOSITIONS = new Set(['from', 'by', 'of']);

/** Prepositions whose object is not the subject of the verb after it. */
const PREPOSITIONS = new Set(['of', 'for', 'from', 'at', 'in', 'by', 'with', 'on', 'to']);

/**
 * A name in a prepositional phrase is not the subject: "The authors of the research published in
 * the journal JAMA Psychiatry argued" (no one named), "a spokesman for Acme said" (Acme speaks).
 * Undefined when the name at `j` does stand as the subject.
 */
function prepositionalObject(ctx: Context, items: readonly Item[], j: number): Subject | undefined {
  let p = j - 1;
  // "Maria Szabo of the office … on behalf of the OSCE told": the person who opens the sentence,
  // past the article before the organisation.
  if (items[p]?.kind === 'word' && determiners.has(items[p].lower) && PREPOSITIONS.has(items[p - 1]?.lower ?? '')) {
    const head = personBeforePreposition(ctx, items, p - 1);
    if (head) return head;
  }
  // "in the journal JAMA Psychiatry": a determiner and a common noun between.
  if (
    items[p]?.kind === 'word' &&
    !PREPOSITIONS.has(items[p].lower) &&
    items[p].lower === ctx.text.slice(items[p].start, items[p].end)
  ) {
    if (!(items[p - 1]?.kind === 'word' && determiners.has(items[p - 1].lower))) return undefined;
    p -= 2;
  }
  const preposition = items[p];
  if (!(preposition?.kind === 'word' && PREPOSITIONS.has(preposition.lower))) return undefined;
  const head = items[p - 1];
  // "The letter from Marwan Jilani said": a document by a person is that person's word.
  const author = items[j].mention;
  if (
    head?.kind === 'word' &&
    documentNouns.has(head.lower) &&
    AUTHOR_PREPOSITIONS.has(preposition.lower) &&
    p === j - 1 &&
    labelOf(ctx, author?.entity) === 'PERSON'
  )
    return named(author!.entity, 0.85, `the ${head.lower}’s author`);
  if (
    head?.kind === 'word' &&
    (spokesNouns.has(head.lower) || documentNouns.has(head.lower) || organisationNouns.has(head.lower))
  ) {
    for (let k = p - 2, steps = 0; k >= 0 && steps < 5; k--, steps++) {
      if (items[k].kind === 'word' && determiners.has(items[k].lower)) return nounPhrase(ctx, items, k, p - 1, j);
    }
  }
  return (
    personBeforePreposition(ctx, items, p) ?? {
      kind: 'unknown',
      at: items[j].start,
      cue: 'the name after the verb’s subject is not who speaks',
    }
  );
}

/** Items an apposition left open may hold between its comma and the organisation: ", leader of the main opposition X". */
const OPEN_APPOSITION_REACH = 10;

/**
 * "Nawaz Sharif, leader of the main opposition Pakistan Muslim League told a rally": an apposition
 * the writer did not close, which ends in the organisation (item `j`) that the person before the
 * comma belongs to. The person speaks: their name opens the sentence and the words between the comma
 * and the organisation are a description with "of", "for" or "at", no verb. Undefined otherwise.
 */
function unclosedApposition(ctx: Context, items: readonly Item[], j: number): Subject | undefined {
  if (labelOf(ctx, items[j].mention?.entity) !== 'ORG') return undefined;
  let preposition = false;
  for (let k = j - 1; k >= 1 && k >= j - OPEN_APPOSITION_REACH; k--) {
    const it = items[k];
    if (it.lower === ',') {
      const name = items[k - 1];
      if (!preposition || k === j - 1 || name.kind !== 'mention') return undefined;
      if (labelOf(ctx, name.mention!.entity) !== 'PERSON' || !openingName(ctx, items, k - 1)) return undefined;
      return named(name.mention!.entity, 0.85, 'named before a description');
    }
    if (it.kind === 'quote' || it.kind === 'punct') return undefined;
    if (it.kind === 'word' && verbLike(it.lower)) return undefined;
    if (it.kind === 'word' && OF_WHOM.has(it.lower) && it.lower !== 'by') preposition = true;
  }
  return undefined;
}

/** Items a subject's prepositional phrases may hold: "Maria Szabo of the office organising the elections on behalf of the OSCE". */
const HEAD_REACH = 24;

/**
 * The person who opens the sentence and whose phrase the preposition at item `p` continues:
 * "Maria Szabo of the Hungarian office … on behalf of the OSCE told Reuters" is Szabo speaking.
 */
function personBeforePreposition(ctx: Context, items: readonly Item[], p: number): Subject | undefined {
  for (let k = p - 1; k >= 0 && k >= p - HEAD_REACH; k--) {
    const it = items[k];
    if (isClauseBreak(it) || it.lower === ',') return undefined;
    if (
      it.kind === 'mention' &&
      labelOf(ctx, it.mention!.entity) === 'PERSON' &&
      PREPOSITIONS.has(items[k + 1]?.lower ?? '') &&
      openingName(ctx, items, k)
    )
      return named(it.mention!.entity, 0.85, 'named before a description');
  }
  return undefined;
}

/**
 * A subject set off by commas before the verb: "Aleksei Sergeev, the Alliance’s coordinator,
 * told"; "Strauss Zelnick, CEO of Take-Two, adds"; "Her barrister, Simon Pryce, said"; "The
 * statement, which was obtained by Variety, claimed". A person before one of the commas wins over
 * an organisation in the appositive.
 */
function appositiveSubject(ctx: Context, items: readonly Item[], j: number, v: number): Subject | undefined {
  let organisation: string | undefined;
  let k = j - 1;
  for (let steps = 0; k > 0 && steps < 40; k--, steps++) {
    const it = items[k];
    if (isClauseBreak(it)) break;
    if (it.lower !== ',') continue;
    // "The statement, which was obtained by Variety, claimed": the phrase before the relative clause.
    if (items[k + 1]?.kind === 'word' && RELATIVE.has(items[k + 1].lower)) return subjectEndingAt(ctx, items, k - 1, v);
    const name = items[k - 1];
    if (name.kind !== 'mention' || !isSpeaker(ctx, name.mention)) continue;
    // The name must open its clause ("X, the union's treasurer, said"), not sit deep in one
    // ("After meeting X, officials, including …, said").
    const before = items[k - 2];
    const opens = !before || before.kind === 'quote' || before.kind === 'punct' || openingName(ctx, items, k - 1);
    if (!opens) continue;
    if (labelOf(ctx, name.mention.entity) === 'PERSON')
      return named(name.mention.entity, 0.9, 'named before a description');
    organisation ??= name.mention.entity;
  }
  if (items[j - 2]?.lower === ',' && isSpeaker(ctx, items[j - 1].mention))
    return named(items[j - 1].mention!.entity, 0.9, 'named in apposition');
  if (organisation) return named(organisation, 0.85, 'organisation before a description');
  // A participle, or one verb of a series, takes its sentence's subject: "Boudreau gave a talk,
  // telling them “…”"; "he asked about the Brotherhood, called Omar a “terrorist”".
  const subject = sentenceSubject(ctx, items, v);
  if (subject?.kind === 'named' || subject?.kind === 'pronoun' || isTogether(subject)) return subject;
  // "Opposition deputies walked out, denouncing “…”": a participle's unnamed subject speaks, and
  // no one else (the paragraph's speaker before) does.
  return items[v].lower.endsWith('ing')
    ? subject?.kind === 'unknown'
      ? subject
      : plainSubject(ctx, items, v)
    : undefined;
}

/** Words a plain noun phrase may have before its verb: "Opposition deputies walked", "Local party officials said". */
const PLAIN_REACH = 4;

/**
 * The plain noun phrase that opens the sentence of item `v` ("Opposition deputies walked out,
 * denouncing …"), no article and no name in it: someone unnamed, or undefined.
 */
function plainSubject(ctx: Context, items: readonly Item[], v: number): Subject | undefined {
  const s = sentenceAt(ctx, items[v].start);
  let i = v;
  while (i > 0 && v - i < SUBJECT_REACH && sentenceAt(ctx, items[i - 1].start) === s) i--;
  while (i < v && (items[i].kind === 'quote' || items[i].kind === 'punct')) i++;
  if (items[i]?.kind === 'word' && OPENING_CONJUNCTIONS.has(items[i].lower)) i++;
  for (let k = i; k < v && k <= i + PLAIN_REACH; k++) {
    const it = items[k];
    if (it.kind !== 'word' || nonRoleWords.has(it.lower) || adverbialOpeners.has(it.lower) || pronoun(it))
      return undefined;
    if (k > i && verbLike(it.lower))
      return {
        kind: 'unknown',
        at: items[k - 1].start,
        word: items[k - 1].lower,
        cue: `speaker “${items[k - 1].lower}” not named`,
      };
    if (verbLike(it.lower)) return undefined;
  }
  return undefined;
}

/** Whether a word after a noun is likely its verb ("An officer stopped", "The company has"): it ends the noun phrase. */
export function verbLike(word: string): boolean {
  return speechVerbs.has(word) || interveners.has(word) || word.endsWith('ed');
}

/** The last item of a noun phrase's words from item `from` ("rival", "production company"), a few at most. */
function phraseEnd(items: readonly Item[], from: number, limit: number): number {
  let head = from;
  while (
    head + 1 < limit &&
    head < from + 4 &&
    items[head + 1].kind === 'word' &&
    !nonRoleWords.has(items[head + 1].lower) &&
    !verbLike(items[head + 1].lower)
  )
    head++;
  return head;
}

/** Words of a title an apposition may have before its name: "council member", "chief executive". */
const APPOSITION_TITLE_WORDS = 3;

/** The speaker named in an apposition opening with the comma at item `comma`: ", council member Dan Ferris,". */
function appositionAt(ctx: Context, items: readonly Item[], comma: number, limit: number): string | undefined {
  if (items[comma]?.lower !== ',') return undefined;
  for (let k = comma + 1; k < limit && k <= comma + 1 + APPOSITION_TITLE_WORDS; k++) {
    const it = items[k];
    if (it.kind === 'mention') return isSpeaker(ctx, it.mention) ? it.mention.entity : undefined;
    if (it.kind !== 'word' || nonRoleWords.has(it.lower)) return undefined;
  }
  return undefined;
}

/** Whether the name at item `k` is the subject that opens its sentence ("Wild coach Bruce Boudreau, …"). */
function openingName(ctx: Context, items: readonly Item[], k: number): boolean {
  const s = sentenceAt(ctx, items[k].start);
  let i = k;
  while (i > 0 && k - i < SUBJECT_REACH && sentenceAt(ctx, items[i - 1].start) === s) i--;
  const subject = subjectOpening(ctx, items, i, k + 1);
  return subject?.kind === 'named' && subject.entity === items[k].mention?.entity;
}

/**
 * The subject that opens the sentence holding item `v`, after any adverbial ("In his testimony
 * Tuesday, Vindman said"; "The group, WeWorkers Coalition, formed …").
 */
export function sentenceSubject(ctx: Context, items: readonly Item[], v: number): Subject | undefined {
  const s = sentenceAt(ctx, items[v].start);
  let i = v;
  while (i > 0 && v - i < SUBJECT_REACH && sentenceAt(ctx, items[i - 1].start) === s) i--;
  const subject = subjectOpening(ctx, items, i, v);
  // "Dale and Martha disputed that …, saying he was “…”": the verb's subject is both of them.
  if (subject?.kind === 'named') {
    for (let k = i; k < v; k++)
      if (items[k].mention?.entity === subject.entity) {
        return namesTogether(ctx, items, k) ? together(items[k]) : subject;
      }
  }
  return subject;
}

/** Whether items `first` and `first + 2` are two names of one kind joined by "and": "Acme and Globex". */
function namesTogether(ctx: Context, items: readonly Item[], first: number): boolean {
  const a = items[first];
  const b = items[first + 2];
  return (
    a?.kind === 'mention' &&
    b?.kind === 'mention' &&
    items[first + 1].lower === 'and' &&
    isSpeaker(ctx, a.mention) &&
    labelOf(ctx, a.mention.entity) === labelOf(ctx, b.mention!.entity)
  );
}

const TOGETHER = 'two names speaking together';

/** Two who speak together ("Acme and Globex announced"): a quotation's speaker is one, so no one. */
function together(item: Item): Subject {
  return { kind: 'unknown', at: item.start, cue: TOGETHER };
}

function isTogether(subject: Subject | undefined): boolean {
  return subject?.kind === 'unknown' && subject.cue === TOGETHER;
}

/** The subject that opens a sentence whose first item is `i` (looking no further than `limit`). */
export function subjectOpening(
  ctx: Context,
  items: readonly Item[],
  i: number,
  limit = items.length,
): Subject | undefined {
  while (i < limit && (items[i].kind === 'quote' || items[i].kind === 'punct')) i++;
  // "But Adem Hodzic, one of the refugees, told Reuters": a conjunction opens, the subject follows.
  if (i + 1 < limit && items[i].kind === 'word' && OPENING_CONJUNCTIONS.has(items[i].lower)) i++;
  if (i < limit && items[i].kind === 'word' && adverbialOpeners.has(items[i].lower)) {
    let comma = i + 1;
    while (comma < limit && comma < i + 30 && items[comma].lower !== ',' && !isClauseBreak(items[comma])) comma++;
    if (comma < limit && items[comma].lower === ',') i = comma + 1;
  }
  let place = false;
  for (let k = i; k < limit && k < i + 6; k++) {
    const it = items[k];
    // Past a place and its verb the words are the verb's object: "Russia has closed its border".
    if (place && it.kind === 'word' && verbLike(it.lower)) return undefined;
    if (it.kind === 'mention') {
      const label = labelOf(ctx, it.mention!.entity);
      place = label !== 'PERSON' && label !== 'ORG';
      if (place) continue; // "U.S. Attorney James Kennedy"
      // "Bexley’s rival, council member Dan Ferris, called": the name in apposition; else no subject.
      if (isPossessive(items[k + 1])) {
        const person = appositionAt(ctx, items, phraseEnd(items, k + 2, limit) + 1, limit);
        return person ? named(person, 0.85, 'named in apposition') : undefined;
      }
      // A name before a title and a person is the person's: "InfoNation President Dan McDowell",
      // "Biden adviser Symone Sanders".
      const person = personAfterOrganisation(ctx, items, k);
      return named(person?.kind === 'named' ? person.entity : it.mention!.entity, 0.85, 'subject of the sentence');
    }
    const p = pronoun(it);
    if (p) return p;
    if (it.kind === 'word' && determiners.has(it.lower)) {
      // "The CDC assured the public": a name right after the article is the subject.
      const after = items[k + 1];
      if (after?.kind === 'mention' && isSpeaker(ctx, after.mention) && !isPossessive(items[k + 2]))
        return named(after.mention.entity, 0.85, 'subject of the sentence');
      // "The 19-year-old Philippoussis stayed calm", "The veteran senator Ada Voss": a person
      // after the article and a description is the subject.
      const described = personAfterDescription(ctx, items, k + 1, limit);
      if (described) return named(described, 0.85, 'subject of the sentence');
      // "The group, WeWorkers Coalition, formed", "His rival, council member Dan Ferris, called":
      // the name in apposition; else the phrase itself.
      const head = phraseEnd(items, k + 1, limit);
      const person = appositionAt(ctx, items, head + 1, limit);
      if (person) return named(person, 0.85, 'named in apposition');
      return items[head]?.kind === 'word' ? nounPhrase(ctx, items, k, head) : undefined;
    }
    if (k === i && it.kind === 'word') {
      const name = untaggedOpening(ctx, items, k, limit);
      if (name) return name;
    }
    if (it.kind !== 'word' || nonRoleWords.has(it.lower)) return undefined;
  }
  return undefined;
}

/** Items a description before a name may have: "19-year-old", "veteran Democratic". */
const DESCRIPTION_REACH = 6;

/**
 * The person named after a description that starts at item `from` (lower-case words that are
 * no function words or verbs, numbers, hyphens), when the name is not an owner ("the 19-year-old's
 * coach"). Undefined otherwise.
 */
function personAfterDescription(ctx: Context, items: readonly Item[], from: number, limit: number): string | undefined {
  for (let j = from; j < limit && j < from + DESCRIPTION_REACH; j++) {
    const it = items[j];
    if (it.kind === 'mention') {
      const label = labelOf(ctx, it.mention!.entity);
      if (label === 'PERSON') return j > from && !isPossessive(items[j + 1]) ? it.mention!.entity : undefined;
      if (label !== 'CARDINAL') return undefined;
    } else if (it.lower === '-') continue;
    else if (
      it.kind !== 'word' ||
      nonRoleWords.has(it.lower) ||
      verbLike(it.lower) ||
      it.lower !== ctx.text.slice(it.start, it.end)
    )
      return undefined;
  }
  return undefined;
}

/**
 * A name the tagger missed that opens a sentence: a surname of one person named before ("Quill
 * disagreed"), else two capitalised words that are no sentence's usual opening ("Xiomara Quetzal,
 * a council member, disagreed"): someone the text is about whom we cannot name, so that "she said"
 * next is not given to someone further back.
 */
function untaggedOpening(ctx: Context, items: readonly Item[], k: number, limit: number): Subject | undefined {
  const it = items[k];
  if (!isCapitalised(ctx.text, it.start) || nonRoleWords.has(it.lower) || adverbialOpeners.has(it.lower))
    return undefined;
  const ids = ctx.nameWords.get(it.lower);
  if (ids?.size === 1) return named([...ids][0], 0.75, 'surname of a person named earlier');
  const next = items[k + 1];
  if (!(k + 1 < limit && next.kind === 'word' && isCapitalised(ctx.text, next.start) && !nonRoleWords.has(next.lower)))
    return undefined;
  // "House Speaker Nancy Pelosi", "Prime Minister Boris Johnson": a title before a tagged name.
  let end = k + 2;
  while (end < limit && items[end].kind === 'word' && isCapitalised(ctx.text, items[end].start)) end++;
  if (items[end]?.kind === 'mention') return undefined;
  return { kind: 'unknown', at: it.start, word: ctx.text.slice(it.start, next.end), cue: 'a name not tagged' };
}

/**
 * "Responded NASA administrator Jim Bridenstine", "said Acme chief executive Ann Lee", "said U.S.
 * Attorney Erin Cox", "said Trump campaign spokesman Tim Murtaugh": a name, a title of a word or
 * two and a person; the person speaks, not the organisation, the place or the person the title
 * is of.
 */
function personAfterOrganisation(ctx: Context, items: readonly Item[], k: number): Subject | undefined {
  const label = labelOf(ctx, items[k].mention?.entity) ?? '';
  if (!QUALIFIER_LABELS.has(label)) return undefined;
  for (let j = k + 1; j < items.length && j <= k + 3; j++) {
    const it = items[j];
    if (it.kind === 'mention' && labelOf(ctx, it.mention!.entity) === 'PERSON') {
      // After a person, only a role makes a title: "Biden adviser X", not "Quist thanked Reyes".
      const title = items[j - 1].lower;
      const role = label !== 'PERSON' || personTitles.has(title) || spokesNouns.has(title) || ROLE_NOUN.test(title);
      return j > k + 1 && role ? named(it.mention!.entity, 0.9, 'named after a title') : undefined;
    }
    if (it.kind !== 'word' || nonRoleWords.has(it.lower) || speechVerbs.has(it.lower) || verbLike(it.lower))
      return undefined;
  }
  return undefined;
}

/** Nouns for a role a person holds for someone: "adviser", "director", "executive", "spokesman", "aide", "CEO". */
const ROLE_NOUN = /(?:er|or|ist|ian|ant|ent|ive|man|woman|person|aide|chief|chair|secretary|counsel|head|ceo|cfo|coo)$/;

/**
 * The subject right after a speech verb at item `v`: "said Sergeev", "says club secretary Janet
 * Moorcroft", "wrote The Post", "said a spokeswoman for Trump hotels, Jennifer Rodstrom",
 * "according to a statement from the ministry", "according to the White House".
 */
function subjectAfter(
  ctx: Context,
  items: readonly Item[],
  v: number,
  cue = 'named in the sentence',
): Subject | undefined {
  const next = items[v + 1];
  if (!next) return undefined;
  // "said Tom Smith’s lawyer, John Doe", "told Trump’s son": the owner is not who speaks.
  if (next.kind === 'mention' && isPossessive(items[v + 2])) return ownedPhrase(ctx, items, v + 1);
  if (next.kind === 'mention')
    return personAfterOrganisation(ctx, items, v + 1) ?? miscSpeaker(ctx, items, v + 1) ?? nameSubject(ctx, next, cue);
  const p = pronoun(next);
  if (p) return p;
  if (next.kind !== 'word') return undefined;
  // A title or role before the name: "says club secretary Janet Moorcroft", "said U.S. Attorney Nealy
  // Cox", "said his mother Nurbika Mamatuyeva".
  const role = LEADER_PRONOUNS.has(next.lower) ? v + 2 : v + 1;
  for (let k = role; k < items.length && k <= v + 5; k++) {
    const it = items[k];
    if (it.kind === 'mention' && labelOf(ctx, it.mention!.entity) === 'PERSON')
      return named(it.mention!.entity, 0.9, 'named after a title');
    if (
      it.kind === 'quote' ||
      it.kind === 'punct' ||
      (it.kind === 'word' && (nonRoleWords.has(it.lower) || speechVerbs.has(it.lower)))
    )
      break;
  }
  if (!determiners.has(next.lower)) return undefined;
  // "according to the White House", "told the BBC": a name after the article.
  const named1 = items[v + 2];
  if (
    named1?.kind === 'mention' &&
    !isPossessive(items[v + 3]) &&
    // "wrote The Post in an editorial", not "said the Acme spokesman".
    (items[v + 3]?.kind !== 'word' || nonRoleWords.has(items[v + 3].lower))
  )
    return nameSubject(ctx, named1, cue);
  let head = v + 1;
  while (
    head + 1 < items.length &&
    head < v + 7 &&
    !spokesNouns.has(items[head].lower) &&
    !documentNouns.has(items[head].lower) &&
    (items[head + 1].kind === 'mention' ||
      (items[head + 1].kind === 'word' && !nonRoleWords.has(items[head + 1].lower)))
  )
    head++;
  while (head > v + 1 && items[head].kind !== 'word') head--;
  if (head <= v + 1) return undefined;
  let end = head;
  const noun = items[head].lower;
  const listed = spokesNouns.has(noun) || documentNouns.has(noun) || organisationNouns.has(noun);
  const document = documentNouns.has(noun);
  const link = items[head + 1]?.lower ?? '';
  // "a commentary in the official China Daily": a document in a publication is the publication's word.
  if (listed && (OF_WHOM.has(link) || (document && link === 'in'))) {
    let k = head + 2;
    // "the statement by spokesman Glyn Davies", "a commentary in the official China Daily": a
    // document's author or publisher may stand after a role word or two.
    if (document) k = pastRoleWords(items, k);
    while (
      k < items.length &&
      k < head + 8 &&
      (items[k].kind === 'mention' || (items[k].kind === 'word' && determiners.has(items[k].lower)))
    )
      k++;
    if (k > head + 2 && items[k - 1].kind === 'mention') end = k - 1;
    else if (k > head + 2 && !document) end = k - 1;
    // A document by a person is that person's word: "a 2018 survey by Penelope Muse Abernathy".
    const author = items[end];
    if (documentNouns.has(noun) && author.kind === 'mention' && labelOf(ctx, author.mention!.entity) === 'PERSON')
      return named(author.mention!.entity, 0.85, `the ${noun}’s author`);
  }
  // A name in apposition after the phrase is who spoke: "…, said a spokeswoman for X, Jennifer
  // Rodstrom"; not the subject of the clause after "according to a senior official, Clinton will …".
  const comma = items[end + 1];
  const person = items[end + 2];
  if (
    comma?.lower === ',' &&
    person?.kind === 'mention' &&
    labelOf(ctx, person.mention!.entity) === 'PERSON' &&
    nameEndsClause(items, end + 2)
  )
    return named(person.mention!.entity, 0.9, 'named in apposition');
  return nounPhrase(ctx, items, v + 1, head, end);
}

/** Lower-case words a document's author may have before their name: "by spokesman", "in the official". */
const AUTHOR_ROLE_WORDS = 2;

/** The item after the determiners and up to two role words from `k` when a name follows them, else `k`. */
function pastRoleWords(items: readonly Item[], k: number): number {
  let j = k;
  while (j < items.length && items[j].kind === 'word' && determiners.has(items[j].lower)) j++;
  for (let n = 0; n < AUTHOR_ROLE_WORDS && items[j]?.kind === 'word'; n++) {
    const w = items[j].lower;
    if (nonRoleWords.has(w) || speechVerbs.has(w) || determiners.has(w)) return k;
    j++;
  }
  return items[j]?.kind === 'mention' ? j : k;
}

/** Words a phrase after a speech verb may have between its owner and its head: "Smith’s longtime lawyer". */
const OWNED_REACH = 4;

/**
 * The phrase an owner opens after a speech verb ("said Smith’s lawyer, John Doe"; "said Acme’s
 * spokeswoman"): the person named in apposition after it, else the phrase itself, which the
 * noun rules resolve (an organisation's spokeswoman speaks for it; a person's does not).
 */
function ownedPhrase(ctx: Context, items: readonly Item[], owner: number): Subject | undefined {
  let head = owner + 2;
  while (
    head + 1 < items.length &&
    head < owner + 2 + OWNED_REACH &&
    items[head + 1].kind === 'word' &&
    !nonRoleWords.has(items[head + 1].lower) &&
    !speechVerbs.has(items[head + 1].lower)
  )
    head++;
  if (items[head]?.kind !== 'word') return undefined;
  const person = items[head + 2];
  if (items[head + 1]?.lower === ',' && person?.kind === 'mention' && labelOf(ctx, person.mention!.entity) === 'PERSON')
    return named(person.mention!.entity, 0.9, 'named in apposition');
  return nounPhrase(ctx, items, owner, head);
}

/**
 * Whether a weak speech verb at `v` that could be a noun is used as one: right after an article
 * or an owner, or one word after an article ("a conference call as “…”", "the company’s report").
 * A past tense is a verb ("the premier cheered").
 */
function nounPosition(items: readonly Item[], v: number): boolean {
  if (items[v].lower.endsWith('ed')) return false;
  for (let k = v - 1; k >= 0 && k >= v - 3; k--) {
    const it = items[k];
    if ((it.kind === 'word' && determiners.has(it.lower)) || isPossessive(it)) return true;
    if (it.kind !== 'word') return false;
  }
  return false;
}

/**
 * Whether a weak speech verb at item `v` tags a quotation: one follows it (after a colon, a
 * comma or a few words: "called it “a disgrace”") or one ends just before it ("…,” the statement read).
 */
function nearQuote(items: readonly Item[], v: number): boolean {
  // "put" speaks only as "put it": "as he put it, “…”".
  if (items[v].lower === 'put' || items[v].lower === 'puts') {
    if (items[v + 1]?.lower !== 'it') return false;
    const mark = items[v + 2];
    if ((mark?.lower === ',' || mark?.lower === ':') && items[v + 3]?.kind === 'quote') return true;
  }
  const next = items[v + 1];
  if (next && (next.kind === 'quote' || next.lower === ':' || (next.lower === ',' && items[v + 2]?.kind === 'quote')))
    return true;
  const evaluative = evaluativeVerbs.has(items[v].lower) && !nounPosition(items, v);
  for (let k = v + 1; evaluative && k < items.length && k <= v + 8; k++) {
    if (items[k].kind === 'quote') return true;
    if (isClauseBreak(items[k])) break;
  }
  for (let k = v - 1; k >= 0 && k >= v - 5; k--) {
    if (items[k].kind === 'quote') return true;
    if (items[k].kind === 'punct' && items[k].lower !== ',' && !isPossessive(items[k])) return false;
  }
  return false;
}

/** Weak verbs whose bare form after an article is their past tense, never a noun: "the statement read". */
const PAST_AS_BASE = new Set(['read', 'put']);

/**
 * Whether a weak speech verb at `v` in its bare form stands after an article as a noun: "called
 * the phone call “a shakedown”", "the July 25 call “perfect”". A verb there would take "-s" after
 * a singular subject; after a plural one ("the officials call it") it is read as a verb.
 */
function baseFormNoun(items: readonly Item[], v: number): boolean {
  const word = items[v].lower;
  if (PAST_AS_BASE.has(word) || /(?:s|ed|ing)$/.test(word)) return false;
  const before = items[v - 1];
  if (before?.kind === 'word' && before.lower.endsWith('s') && !determiners.has(before.lower)) return false;
  return nounPosition(items, v);
}

/** Participles after "quoted X as" whose subject is X: "as saying", "as telling him". */
const QUOTED_AS = new Set(['saying', 'telling', 'writing', 'stating']);

/** How many items "quoted" may have between it and "as": "quoted the unnamed corporal as saying". */
const QUOTED_REACH = 6;

/** Whether the quoting verb at `v` has an object and then "as": "quoted Chernov as saying". */
function quotesSomeoneAs(items: readonly Item[], v: number): boolean {
  for (let k = v + 2; k < items.length && k <= v + QUOTED_REACH; k++) {
    if (items[k].lower === 'as') return true;
    if (items[k].kind === 'punct' || items[k].kind === 'quote') return false;
  }
  return false;
}

/** Whether an item opens a phrase a participle's own subject can stand in: "with Boswell stating", ", Boswell saying". */
function opensPhrase(item: Item | undefined): boolean {
  return !item || item.lower === 'with' || item.kind === 'punct';
}

/** Whether the name after item `v` ends its clause: "…, said Mary Lovely, an economist." (not "called Omar a “…”"). */
function nameEndsClause(items: readonly Item[], v: number): boolean {
  let k = v;
  while (k < items.length && items[k].kind !== 'mention') k++;
  const next = items[k + 1];
  return !next || (next.kind === 'punct' && next.lower !== '’s' && next.lower !== "'s");
}

export const DASHES = new Set(['-', '–', '—', '―']);

/** Whether the quotation at item `q` is followed by a dash and a person's name that end the paragraph. */
function signature(ctx: Context, items: readonly Item[], q: number): boolean {
  const name = items[q + 2];
  return (
    DASHES.has(items[q + 1]?.lower ?? '') &&
    name?.kind === 'mention' &&
    labelOf(ctx, name.mention!.entity) === 'PERSON' &&
    (q + 3 === items.length || (q + 4 === items.length && items[q + 3].lower === '.'))
  );
}

/** Speech clauses among the items of a paragraph, with their subjects as written (resolution comes later). */
export function findClauses(ctx: Context, items: readonly Item[]): Clauses {
  const clauses: Clause[] = [];
  const verbs: number[] = [];
  const push = (start: number, end: number, subject: Subject | undefined) => {
    if (subject) clauses.push({ start, end, sentence: sentenceAt(ctx, start), subject });
  };
  for (let v = 0; v < items.length; v++) {
    const item = items[v];
    // "Sergeev: “We will fight”" — a name, a colon and the quotation, as in headlines and interviews.
    if (
      item.lower === ':' &&
      items[v + 1]?.kind === 'quote' &&
      (v === 1 || items[v - 2]?.kind === 'punct') &&
      labelOf(ctx, items[v - 1]?.mention?.entity) === 'PERSON'
    ) {
      verbs.push(item.start);
      push(
        items[v - 1].start,
        item.end,
        named(items[v - 1].mention!.entity, 0.85, 'name and colon before the quotation'),
      );
      continue;
    }
    // "“So far, it's the Internet: 1.” - Matthew Ingram": a quotation signed at its paragraph's end.
    if (item.kind === 'quote' && signature(ctx, items, v)) {
      verbs.push(items[v + 1].start);
      push(items[v + 1].start, items[v + 2].end, named(items[v + 2].mention!.entity, 0.85, 'signed after a dash'));
      continue;
    }
    if (item.kind !== 'word') continue;
    if (item.lower === 'according' && items[v + 1]?.lower === 'to') {
      verbs.push(item.start);
      push(item.start, items[v + 1].end, subjectAfter(ctx, items, v + 1, 'according to'));
      continue;
    }
    // "To Sergeev, the law is “homophobic”": the view of the person named.
    if (
      item.lower === 'to' &&
      items[v + 2]?.lower === ',' &&
      (v === 0 || items[v - 1].kind === 'punct') &&
      labelOf(ctx, items[v + 1].mention?.entity) === 'PERSON'
    ) {
      verbs.push(item.start);
      push(item.start, items[v + 1].end, named(items[v + 1].mention!.entity, 0.8, 'the view of the person named'));
      continue;
    }
    if (!speechVerbs.has(item.lower)) continue;
    if (weakSpeechVerbs.has(item.lower) && (!nearQuote(items, v) || baseFormNoun(items, v))) continue;
    // "the letter Mike wrote was “kind”", "what he said is “…”": the verb is inside the subject
    // of another verb, and speaks for nothing after it.
    if (COPULAS.has(items[v + 1]?.lower ?? '')) continue;
    verbs.push(item.start);
    const prev = items[v - 1];
    // "Doe quoted Smith as saying “…”": who is quoted speaks, not who quotes; the quoting verb
    // is no clause of its own ("“…,” Interfax quoted Chernomyrdin as saying").
    if (QUOTING.has(item.lower) && quotesSomeoneAs(items, v)) continue;
    // "Bexley was quoted as saying" is read as any participle: it shares the clause's subject.
    // "He quoted Ross as telling him: “…”" too.
    if (prev?.lower === 'as' && QUOTED_AS.has(item.lower) && !QUOTING.has(items[v - 2]?.lower ?? '')) {
      const quoted = items[v - 2];
      push(
        item.start,
        item.end,
        isSpeaker(ctx, quoted?.mention)
          ? named(quoted.mention.entity, 0.9, 'quoted as saying')
          : { kind: 'unknown', at: item.start, cue: 'quoted as saying: someone not named' },
      );
      continue;
    }
    const finite = !item.lower.endsWith('ing');
    const afterQuote = prev && (prev.kind === 'quote' || (prev.lower === ',' && items[v - 2]?.kind === 'quote'));
    // After the verb stands the speaker when the clause follows a quotation (“…,” said X) or a
    // comma with a name that ends the clause (“…, too, said Mary Lovely”; "were disinfected, reports
    // Wee"), and never after "told":
    // "Benioff weighed in, telling Cook, “…”"; "he told the BBC".
    let after: Subject | undefined;
    if (finite && !hearerVerbs.has(item.lower) && afterQuote) after = subjectAfter(ctx, items, v);
    else if (finite && prev?.lower === ',' && !hearerVerbs.has(item.lower)) {
      const name = subjectAfter(ctx, items, v);
      if (name?.kind === 'named' && nameEndsClause(items, v + 1)) after = name;
    }
    // A participle after a clause shares its subject: "…,” McDowell said, adding, “…”"; but one
    // with a name of its own before it speaks for that name: "It quoted critics, with Boswell stating: “…”".
    const last = clauses[clauses.length - 1];
    const own =
      !finite && isSpeaker(ctx, prev?.mention) && opensPhrase(items[v - 2])
        ? named(prev.mention.entity, 0.9, 'named before the participle')
        : undefined;
    const shared = !finite && last?.sentence === sentenceAt(ctx, item.start) ? last.subject : undefined;
    let subject = after ?? own ?? shared ?? subjectEndingAt(ctx, items, v - 1, v);
    // A second verb of the same subject: "Volker said he never used the term and added, “…”".
    if (!subject && (prev?.lower === 'and' || prev?.lower === 'but')) {
      subject = last?.sentence === sentenceAt(ctx, item.start) ? last.subject : sentenceSubject(ctx, items, v);
    }
    push(item.start, item.end, subject);
  }
  return { clauses, verbs };
}

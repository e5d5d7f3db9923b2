import { GAZETTEER_CLASSES, gazetteerHash, type Lexicon } from './tagger/features.js';
import { hashPhrase } from './tagger/hash.js';
import { personTitles } from './titles.js';
import { isTitleCaseWord, tokenize } from './tokenize.js';
import type { NameMention } from './mentions.js';

type Label = NameMention['label'];
const LABELS: readonly Label[] = ['PERSON', 'ORG', 'LOC', 'MISC'];
const PERSON = 0;
const ORG = 1;
const LOC = 2;
const MISC = 3;

/** Weight of one piece of document evidence against one tagger vote. */
const STRONG = 3;
/** Evidence this strong next to one mention (for its reading, or against the article's) keeps that mention's own reading. */
const OVERRIDE = STRONG;

/** Company-form words after a name: "WeWork Inc", "Acme Ltd." make it an organisation. */
const companyForms = new Set([
  'inc',
  'corp',
  'corporation',
  'co',
  'ltd',
  'llc',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'nv',
  'bv',
  'lp',
  'llp',
  'holdings',
  'group',
]);

/** Nouns after "X's" that only organisations have ("WeWork's spokesperson", "Apple's shares"). */
const organisationPossessions = new Set([
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'spokespeople',
  'shares',
  'stock',
  'shareholders',
  'investors',
  'board',
  'ceo',
  'cfo',
  'founder',
  'co-founder',
  'chairman',
  'employees',
  'staff',
  'workers',
  'headquarters',
  'subsidiary',
  'parent',
  'customers',
  'users',
  'subscribers',
  'app',
  'website',
  'platform',
  'revenue',
  'profits',
  'earnings',
  'valuation',
  'offices',
  'stores',
  'members',
]);

/** Words of {@link personTitles} that stand before places and organisations too ("former Yugoslavia", "Foreign Ministry"). */
const sharedModifiers = new Set([
  'former',
  'late',
  'foreign',
  'defence',
  'defense',
  'interior',
  'finance',
  'deputy',
  'vice',
  'prime',
  'chief',
  'general',
  'secretary',
  'director',
  'leader',
  'speaker',
]);

/**
 * Words of {@link personTitles} that in lower case are as often an adjective or a verb ("major
 * Hamas leaders", "to coach Nice", "chair the Senate committee"): person evidence only written
 * as a title, in Title Case ("Major Clarke", "Coach Bell").
 */
const titlesOnlyCapitalised = new Set(['major', 'coach', 'chair', 'justice']);

/** Words after a name and a comma that describe a person ("Ms Cruz, 45,", "Ali, who …"). */
const personPronounsAfter = new Set(['who', 'whose', 'whom']);

/** Words before a name that a person never follows ("at WeWork", "in Burbank" are organisations or places). */
const notPersonBefore = new Set(['at', 'in', 'into', 'inside', 'near', 'across', 'throughout', 'outside']);
/**
 * Verbs whose addressee follows ("told X", "confirmed to X", "according to X"): what is told is a
 * person or an organisation, never a work or a product (MISC).
 */
const tellVerbs = new Set(['told', 'tells', 'telling', 'tell']);
const toVerbs = new Set([
  'said',
  'says',
  'confirmed',
  'confirms',
  'explained',
  'wrote',
  'spoke',
  'speaking',
  'talking',
  'talked',
  'according',
  'admitted',
  'denied',
]);

/** Of those, the ones that read as places ("in Burbank"); "at" is as often an employer ("works at WeWork"). */
const placeBefore = new Set(['in', 'into', 'inside', 'near', 'across', 'throughout', 'outside']);

/** Weight of the knowledge (name lists) per mention: a tie-breaker, since the tagger already sees the lists. */
const KNOWLEDGE = 0.5;

/** Tokens of `text[from, to)` as strings (cheap: mentions are few). */
function words(text: string, from: number, to: number): string[] {
  return tokenize(text, from, to).map((t) => text.slice(t.start, t.end));
}

/** Lower case without a final full stop ("Inc." → "inc"). */
function bare(word: string): string {
  const lower = word.toLowerCase();
  return lower.length > 1 && lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** How a name is compared across its mentions: its words, lower-cased, without full stops, possessives or a leading "the". */
function nameKey(parts: readonly string[]): string {
  const kept = parts.map(bare).filter((w) => w !== "'s" && w !== '’s');
  if (kept.length > 1 && kept[0] === 'the') kept.shift();
  return kept.join(' ');
}

/** One name in the article: its mentions and the evidence gathered for each label. */
interface NameGroup {
  mentions: number[];
  votes: Float64Array;
}

/**
 * Evidence for each label (PERSON, ORG, LOC, MISC) from one mention: `out` gets what holds for the
 * name wherever it stands ("X's spokesperson", "X Inc", a title, a first name, the name lists),
 * `local` what holds for this occurrence only (the preposition before it: "at X", "in X").
 */
function contextEvidence(
  text: string,
  mention: NameMention,
  parts: readonly string[],
  knowledge: Knowledge,
  out: Float64Array,
  local: Float64Array,
): void {
  const classes = knowledge.classes(parts);
  // "American workers", "according to Christian belief", "Major European rivers": a listed
  // demonym is an adjective before a noun, not a company's staff, an informant or a titled
  // person, whatever else the lists say ("American" is also an airline, "Christian" a first name).
  if ((classes & knowledge.demonymBit) !== 0) return;
  const after = words(text, mention.end, Math.min(text.length, mention.end + 40));
  const before = words(text, Math.max(0, mention.start - 30), mention.start);
  const previous = before.length > 0 ? bare(before[before.length - 1]) : '';
  const last = bare(parts[parts.length - 1]);
  if (companyForms.has(last) && parts.length > 1) out[ORG] += STRONG;
  if (after.length > 0 && companyForms.has(bare(after[0])) && after[0] !== after[0].toLowerCase()) out[ORG] += STRONG;
  if (after.length > 1 && (after[0] === "'s" || after[0] === '’s' || after[0] === "'" || after[0] === '’')) {
    // "X's new spokesperson": look past one adjective.
    const noun = bare(after[1]);
    const next = after.length > 2 ? bare(after[2]) : '';
    if (organisationPossessions.has(noun) || organisationPossessions.has(next)) out[ORG] += STRONG;
  } else if (after.length > 0 && organisationPossessions.has(bare(after[0]))) out[ORG] += STRONG; // "a WeWork spokesperson"
  const previousWritten = before.length > 0 ? before[before.length - 1] : '';
  const writtenAsTitle = !titlesOnlyCapitalised.has(previous) || isTitleCaseWord(previousWritten);
  if (personTitles.has(previous) && !sharedModifiers.has(previous) && writtenAsTitle) out[PERSON] += STRONG;
  // Weak: groups of people ("Iraqis, who") take "who" too.
  if (after.length > 1 && after[0] === ',' && personPronounsAfter.has(after[1].toLowerCase())) out[PERSON] += 1;
  if (after.length > 2 && after[0] === ',' && /^\d{1,2}$/.test(after[1]) && after[2] === ',') out[PERSON] += STRONG;
  const beforePrevious = before.length > 1 ? bare(before[before.length - 2]) : '';
  if (tellVerbs.has(previous) || (previous === 'to' && toVerbs.has(beforePrevious))) {
    local[MISC] -= STRONG;
    local[ORG] += 1;
  }
  const possessive = after.length > 0 && (after[0] === "'s" || after[0] === '’s');
  // "at Smith's home" says nothing against a person.
  if (notPersonBefore.has(previous) && !possessive) {
    local[PERSON] -= STRONG;
    local[ORG] += placeBefore.has(previous) ? 0 : 1;
    local[LOC] += 1;
  }
  // A first name followed by a listed surname ("Tom Harlow"; not "Carr Futures").
  if (parts.length >= 2 && parts.length <= 3 && knowledge.isFirstName(parts[0]) && knowledge.isNamePart(last))
    out[PERSON] += 1;
  const listedPlace = (classes & knowledge.placeBits) !== 0;
  const listedOrganisation = (classes & knowledge.organisationBit) !== 0;
  if (listedPlace && !listedOrganisation) out[LOC] += KNOWLEDGE;
  if (listedOrganisation && !listedPlace) out[ORG] += KNOWLEDGE;
}

/** What the name lists in the model say about a name. */
interface Knowledge {
  isFirstName(word: string): boolean;
  /** Listed as part of a person's name (surnames and first names). */
  isNamePart(word: string): boolean;
  /** Gazetteer class bits of the whole name. */
  classes(parts: readonly string[]): number;
  placeBits: number;
  organisationBit: number;
  demonymBit: number;
}

function knowledgeOf(lexicon: Lexicon): Knowledge {
  const bit = (name: (typeof GAZETTEER_CLASSES)[number]) => 1 << GAZETTEER_CLASSES.indexOf(name);
  const lookUp = (parts: readonly string[]) =>
    parts.length > lexicon.maxPhrase ? 0 : lexicon.gazetteer.get(hashPhrase(parts.map(gazetteerHash))) & 0xff;
  return {
    isFirstName: (word) => (lookUp([word]) & bit('FIRSTNAME')) !== 0,
    isNamePart: (word) => (lookUp([word]) & (bit('NAME') | bit('PERSON') | bit('FIRSTNAME'))) !== 0,
    classes: (parts) => lookUp(parts.filter((w) => w !== "'s" && w !== '’s')),
    placeBits: bit('LOC') | bit('PLACE'),
    organisationBit: bit('ORG'),
    demonymBit: bit('DEMONYM'),
  };
}

/**
 * One label per name per article: mentions of the same name (compared without case, full stops
 * or possessives) and its short forms (a person's first or last name alone, a company without
 * "Inc") take the label that wins a vote over all of them, where each mention's tagger label
 * counts once and document evidence counts more: "X's spokesperson", "X Inc", "at X" (never a
 * person), a title before it, a first name in it. A mention keeps its own label only where its
 * own context clearly says otherwise. So a person's name never turns into an organisation
 * three paragraphs later, and "WeWork" tagged PERSON in one sentence joins the company it is
 * elsewhere. Returns the mentions (same order and spans) with agreed labels.
 */
export function agreeOnLabels(text: string, mentions: readonly NameMention[], lexicon: Lexicon): NameMention[] {
  const knowledge = knowledgeOf(lexicon);
  const parts = mentions.map((m) => words(text, m.start, m.end));
  const keys = parts.map(nameKey);
  const cues = mentions.map(() => new Float64Array(LABELS.length));
  const local = mentions.map(() => new Float64Array(LABELS.length));
  mentions.forEach((mention, i) => contextEvidence(text, mention, parts[i], knowledge, cues[i], local[i]));
  const evidence = cues.map((c, i) => c.map((v, l) => v + local[i][l]));

  // Full names first, so that short forms can join them.
  const groups = new Map<string, NameGroup>();
  const order = mentions.map((_, i) => i).sort((a, b) => parts[b].length - parts[a].length || a - b);
  const shortForms = new Map<string, string>();
  for (const i of order) {
    let key = keys[i];
    if (key === '') continue;
    if (!groups.has(key)) {
      const joined = shortForms.get(key);
      if (joined !== undefined) key = joined;
    }
    let group = groups.get(key);
    if (group === undefined) {
      group = { mentions: [], votes: new Float64Array(LABELS.length) };
      groups.set(key, group);
      registerShortForms(key, mentions[i].label, shortForms);
    }
    group.mentions.push(i);
  }

  const out = mentions.map((m) => ({ ...m }));
  for (const group of groups.values()) {
    if (group.mentions.length < 2 && strength(evidence[group.mentions[0]]) < STRONG) continue;
    const votes = group.votes;
    for (const i of group.mentions) {
      const own = LABELS.indexOf(mentions[i].label);
      votes[own] += 1;
      for (let l = 0; l < LABELS.length; l++) votes[l] += cues[i][l];
      // Where this occurrence's context contradicts what the tagger read here ("at WeWork" read as a
      // person), it is a vote for the name; where it agrees ("in Jordan" read as a place next to
      // "Jordan" the player) it only protects this mention.
      if (local[i][own] < 0)
        for (let l = 0; l < LABELS.length; l++) votes[l] += Math.max(-1, Math.min(0.5, local[i][l]));
    }
    // Ties go to the reading the article gave first.
    const first = mentions[group.mentions.reduce((a, b) => Math.min(a, b))].label;
    let winner = argmax(votes);
    if (votes[LABELS.indexOf(first)] === votes[winner]) winner = LABELS.indexOf(first);
    // A label no mention was given wins only on evidence: strong, or ahead of every given label.
    const given = new Set(group.mentions.map((i) => mentions[i].label));
    const bestGiven = argmaxOf(votes, given);
    const label =
      given.has(LABELS[winner]) || votes[winner] >= STRONG || votes[winner] - votes[bestGiven] >= 0.5
        ? LABELS[winner]
        : LABELS[bestGiven];
    const chosen = LABELS.indexOf(label);
    for (const i of group.mentions) {
      const own = evidence[i];
      const ownLabel = LABELS.indexOf(mentions[i].label);
      // Context that clearly differs: strong evidence for this mention's own reading, or against the article's.
      const differs = own[ownLabel] >= OVERRIDE || (own[chosen] <= -OVERRIDE && own[ownLabel] >= 0);
      if (ownLabel !== chosen && differs) continue;
      out[i].label = label;
    }
  }
  return out;
}

/**
 * Register the short forms a full name may appear as later: a person's last name and first name
 * alone ("Cruise", "Tom"), an organisation without its company form ("WeWork" for "WeWork Inc").
 */
function registerShortForms(key: string, label: Label, shortForms: Map<string, string>): void {
  const words = key.split(' ');
  if (words.length < 2) return;
  const add = (short: string) => {
    if (!shortForms.has(short)) shortForms.set(short, key);
  };
  if (label === 'PERSON' && words.length <= 4) {
    add(words[words.length - 1]);
    add(words[0]);
  }
  if (companyForms.has(words[words.length - 1])) add(words.slice(0, -1).join(' '));
}

/** The largest evidence for or against any label. */
function strength(values: Float64Array): number {
  let most = 0;
  for (const v of values) most = Math.max(most, Math.abs(v));
  return most;
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** The label with most votes among `allowed`. */
function argmaxOf(values: Float64Array, allowed: ReadonlySet<Label>): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    if (!allowed.has(LABELS[i])) continue;
    if (best < 0 || values[i] > values[best]) best = i;
  }
  return best;
}

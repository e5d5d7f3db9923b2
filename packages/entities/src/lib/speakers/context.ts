import { type EntityMention, type EntityRecord, type Span, findSpanAt } from '@galley/document';
import {
  companyContextWords,
  corporateSuffixes,
  determiners,
  nonRoleWords,
  organisationNouns,
  personTitles,
  roleQualifiers,
  speechVerbs,
  tradeWords,
} from '../lang/en/index.js';
import { lastBefore } from '../sorted.js';
import { tokenize } from '../tokenize.js';
import { genderOfPerson, genderOfWord } from './gender.js';
import type { Context, Gender, Item } from './types.js';

const WORD = /[\p{L}\p{N}]+/gu;
/** Role words of an appositive after a name: "Aleksei Sergeev, the Alliance’s coordinator,". */
const APPOSITIVE = /,\s([^,.;:“”"()]{1,80}),/y;
/** A role after a copula: "Hege is the CEO of DH", "Sowers, who is also a realtor". */
const COPULA_ROLE = /\s(?:is|was|who is|who was)\s(?:also\s)?(?:the|a|an|one of the)\s([^,.;:“”"()]{1,60})/y;
/** The word right before a name: "judge Anastasia Zalutskaya", "Prosecutor Helen Marsh". */
const TITLE_BEFORE = /([A-Za-z][a-z-]+)\.?\s$/;
/**
 * A description before a name: "Her barrister, Simon Pryce", "The group, WeWorkers Coalition";
 * not the object of a preposition ("According to a senior campaign official, Clinton will …").
 */
const DESCRIPTION_BEFORE = /\b(?:the|a|an|his|her|its|their)\s+([a-z][a-z -]{0,40}),\s$/;
/** A preposition that ends the text before such a description: it makes the description its object. */
const PREPOSITION_BEFORE = /\b(?:to|in|on|at|from|with|for|by|of|after|before|during|under)\s$/;
/** An owner inside a description ("the union’s treasurer"): the owner is not a role. */
const POSSESSOR_WORD = /[\p{L}\p{N}]+['’]s?(?![\p{L}])/gu;
/** A run of whitespace, to split phrases into words. */
export const SPACES = /\s+/;
const NAME_LABELS = new Set(['PERSON', 'ORG', 'LOC', 'MISC']);

/** Options of {@link createContext}: the article as the entities stage has it. */
export interface ContextInput {
  sentences: readonly Span[];
  paragraphs: readonly Span[];
  quotes: readonly Span[];
  entities: readonly EntityMention[];
  entityIndex: readonly EntityRecord[];
}

/** Everything the resolvers look up, computed once per article. */
export function createContext(text: string, input: ContextInput): Context {
  const records = new Map(input.entityIndex.map((r) => [r.id, r]));
  const entities = input.entities.filter((m) => NAME_LABELS.has(records.get(m.entity)?.label ?? ''));
  const surfaces = new Map<string, string[]>();
  for (const m of entities) {
    const list = surfaces.get(m.entity);
    if (list) list.push(text.slice(m.start, m.end));
    else surfaces.set(m.entity, [text.slice(m.start, m.end)]);
  }
  const gender = new Map<string, Gender>();
  const namedGender = new Set<string>();
  const nameWords = new Map<string, Set<string>>();
  const companies = new Set<string>();
  const traded = companiesByContext(text, entities);
  const misread = peopleByContext(text, entities, records);
  for (const r of input.entityIndex) {
    // A "miscellaneous" name that is named like a company ("Big Machine Records") is one too: it
    // issues statements and is "the company".
    if (r.label === 'MISC' && namedLikeCompany(r.name)) companies.add(r.id);
    if (r.label !== 'PERSON') continue;
    // The tagger's "person" that is named like a company, or spoken of as one ("Time Warner
    // shares"), speaks as one, and is never "he" or "she".
    if (namedLikeCompany(r.name) || traded.has(r.id)) {
      companies.add(r.id);
      continue;
    }
    const g = genderOfPerson(r, surfaces.get(r.id) ?? []);
    if (g) gender.set(r.id, g.gender);
    if (g && !g.titled) namedGender.add(r.id);
    for (const form of [r.name, ...r.aliases]) {
      for (const w of form.split(SPACES)) {
        if (w.length < 3 || w !== w[0].toUpperCase() + w.slice(1)) continue;
        const key = w.toLowerCase();
        const ids = nameWords.get(key);
        if (ids) ids.add(r.id);
        else nameWords.set(key, new Set([r.id]));
      }
    }
  }
  const ctx: Context = {
    text,
    sentences: input.sentences,
    paragraphs: input.paragraphs,
    quotes: input.quotes,
    entities,
    records,
    mentionStarts: entities.map((m) => m.start),
    quoteEnds: input.quotes.map((q) => q.end),
    sentenceStarts: input.sentences.map((s) => s.start),
    paragraphStarts: input.paragraphs.map((p) => p.start),
    roles: new Map(),
    gender,
    namedGender,
    nameWords,
    companies,
    misread,
  };
  collectRoles(ctx);
  return ctx;
}

/** The label of an entity id, as the speaker rules read it (a "person" or a "miscellaneous" name named like a company is an organisation). */
export function labelOf(ctx: Context, entity: string | undefined): string | undefined {
  if (entity === undefined) return undefined;
  const label = ctx.records.get(entity)?.label;
  return ctx.companies.has(entity) ? 'ORG' : label;
}

/** A legal form or an organisation's head word at the end of a name: "Brightline Holdings", "Acme Inc.". */
function namedLikeCompany(name: string): boolean {
  const words = name.toLowerCase().replace(/\./g, '').split(' ');
  const last = words[words.length - 1];
  return words.length > 1 && (corporateSuffixes.has(last) || tradeWords.has(last) || organisationNouns.has(last));
}

/** The word after a name, past a possessive, and the word after it: "board" in "Time Warner’s board". */
const WORD_AFTER = /^(?:['’]s?)?\s+([a-z]+)(?:\s+([a-z]+))?/;

/**
 * Entities some mention of which is followed by a word only companies have ("shares", "board"),
 * read as a noun: before a determiner it is a verb with its object ("Sabatier shares the
 * formula"), said of a person.
 */
function companiesByContext(text: string, mentions: readonly EntityMention[]): Set<string> {
  const found = new Set<string>();
  for (const m of mentions) {
    const after = WORD_AFTER.exec(text.slice(m.end, m.end + 32));
    if (after && companyContextWords.has(after[1]) && !determiners.has(after[2] ?? '')) found.add(m.entity);
  }
  return found;
}

/** A person's pronoun right after a name: "Locksley and his postdoc". */
const AND_PRONOUN = /^\s+and\s+(?:his|her)\s/;

/** Names the tagger called "miscellaneous" or a place that some mention shows to be a person ("Locksley and his postdoc"). */
function peopleByContext(
  text: string,
  mentions: readonly EntityMention[],
  records: ReadonlyMap<string, EntityRecord>,
): Set<string> {
  const found = new Set<string>();
  for (const m of mentions) {
    const label = records.get(m.entity)?.label;
    if ((label === 'MISC' || label === 'LOC') && AND_PRONOUN.test(text.slice(m.end, m.end + 12))) found.add(m.entity);
  }
  return found;
}

/** Whether a mention names a possible speaker: a person or an organisation. */
export function isSpeaker(ctx: Context, m: EntityMention | undefined): m is EntityMention {
  const label = m && labelOf(ctx, m.entity);
  return label === 'PERSON' || label === 'ORG';
}

/** Whether an offset sits inside a quotation (names there rarely speak or are referred back to). */
export function insideQuote(ctx: Context, offset: number): boolean {
  return findSpanAt(ctx.quotes, offset) >= 0;
}

/** Index of the sentence holding `offset` (the one before it when it falls between sentences). */
export function sentenceAt(ctx: Context, offset: number): number {
  return lastBefore(ctx.sentenceStarts, offset + 1);
}

/** Index of the paragraph holding `offset` (-1 when the article has no paragraphs before it). */
export function paragraphAt(ctx: Context, offset: number): number {
  return lastBefore(ctx.paragraphStarts, offset + 1);
}

/** Role words from an appositive, a copula or a title around each person mention; gendered ones also set the gender. */
function collectRoles(ctx: Context): void {
  const { text, entities, roles } = ctx;
  const add = (word: string, id: string, qualifiers: readonly string[] = []) => {
    const holders = roles.get(word) ?? roles.set(word, new Map()).get(word)!;
    const signature = qualifiers.length ? [...qualifiers].sort().join(' ') : '';
    const seen = holders.get(id);
    if (seen) seen.add(signature);
    else holders.set(id, new Set([signature]));
    const g = genderOfWord(word);
    if (g && !ctx.gender.has(id)) ctx.gender.set(id, g);
  };
  const addWords = (phrase: string, id: string) => {
    // "the former vice president", "the deputy attorney general": each role word with the
    // qualifiers before it in its run of words (a function word ends the run, a name does not).
    let qualifiers: string[] = [];
    for (const w of phrase.replace(POSSESSOR_WORD, ' ').matchAll(WORD)) {
      const word = w[0];
      if (word !== word.toLowerCase()) continue;
      if (nonRoleWords.has(word)) qualifiers = [];
      else if (!speechVerbs.has(word)) add(word, id, qualifiers);
      if (roleQualifiers.has(word)) qualifiers = [...qualifiers, word];
    }
  };
  for (const m of entities) {
    const label = labelOf(ctx, m.entity);
    if (label !== 'PERSON' && label !== 'ORG') continue;
    APPOSITIVE.lastIndex = m.end;
    const appositive = APPOSITIVE.exec(text);
    if (appositive) addWords(appositive[1], m.entity);
    // Only after ", " can a description stand before the name: test that before the regex.
    const window = Math.max(0, m.start - 48);
    const description = text.charCodeAt(m.start - 2) === 44 && DESCRIPTION_BEFORE.exec(text.slice(window, m.start));
    if (
      description &&
      !PREPOSITION_BEFORE.test(text.slice(Math.max(0, window + description.index - 12), window + description.index))
    )
      addWords(description[1], m.entity);
    if (label !== 'PERSON') continue;
    COPULA_ROLE.lastIndex = m.end;
    const copula = COPULA_ROLE.exec(text);
    if (copula) addWords(copula[1], m.entity);
    const near = Math.max(0, m.start - TITLE_REACH);
    const title = TITLE_BEFORE.exec(text.slice(near, m.start));
    if (title) {
      const word = title[1].toLowerCase();
      // A capitalised word before a name is a title only if known as one ("Judge"), not "Yesterday".
      const known = word === title[1] ? !nonRoleWords.has(word) && !speechVerbs.has(word) : personTitles.has(word);
      const at = near + title.index;
      if (known) add(word, m.entity, qualifiersBefore(text.slice(Math.max(0, at - QUALIFIERS_REACH), at)));
    }
    // Titles the tagger kept inside the name: "Judge Andrew Kerr", "Vice President Mike Pence".
    const qualifiers: string[] = [];
    for (const part of text.slice(m.start, m.end).split(SPACES)) {
      const word = part.replace('.', '').toLowerCase();
      if (roleQualifiers.has(word)) qualifiers.push(word);
      else if (personTitles.has(word)) add(word, m.entity, qualifiers);
      else break;
    }
  }
}

/** How far before a name its title is looked for, and before the title its qualifiers ("Former Vice President"). */
const TITLE_REACH = 30;
const QUALIFIERS_REACH = 32;

/** A capitalised word of a title, no punctuation: "Attorney" in "Deputy Attorney General". */
const TITLE_WORD = /^[A-Z][a-z]+$/;

/** Lower-case words of a title written in lower case that may stand between a qualifier and its noun: "former prime minister". */
const LOWER_TITLE_WORDS = 2;
const LOWER_WORD = /^[a-z]+$/;

/**
 * The role qualifiers in the title words that end `words`: "former Vice " → vice, former; "Deputy
 * Attorney " → deputy; "Former prime " → former (a title in lower case, a word or two of it).
 */
function qualifiersBefore(words: string): string[] {
  const found: string[] = [];
  let lower = 0;
  for (const w of words.trimEnd().split(SPACES).reverse()) {
    const word = w.toLowerCase();
    if (roleQualifiers.has(word)) found.push(word);
    else if (LOWER_WORD.test(w) && !nonRoleWords.has(w) && ++lower <= LOWER_TITLE_WORDS) continue;
    else if (!TITLE_WORD.test(w)) break;
  }
  return found;
}

/** Whether a token starts with a letter or digit (anything non-ASCII counts: punctuation there is rare in names). */
function isWordStart(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122) || (code >= 0xc0 && code < 0x2000);
}

/** The items of `[from, to)`: words, marks, whole quotations and whole mentions. */
export function itemsOf(ctx: Context, from: number, to: number): Item[] {
  const { text, quotes, entities } = ctx;
  const items: Item[] = [];
  let q = Math.max(0, lastBefore(ctx.quoteEnds, from + 1) + 1);
  let m = Math.max(0, lastBefore(ctx.mentionStarts, from));
  for (const token of tokenize(text, from, to)) {
    while (q < quotes.length && quotes[q].end <= token.start) q++;
    if (q < quotes.length && quotes[q].start <= token.start) {
      const last = items[items.length - 1];
      if (!last || last.kind !== 'quote' || last.start !== quotes[q].start) {
        items.push({ kind: 'quote', start: quotes[q].start, end: quotes[q].end, lower: '' });
      }
      continue;
    }
    while (m < entities.length && entities[m].end <= token.start) m++;
    if (m < entities.length && entities[m].start <= token.start) {
      const last = items[items.length - 1];
      if (!last || last.mention !== entities[m]) {
        items.push({
          kind: 'mention',
          start: entities[m].start,
          end: entities[m].end,
          lower: '',
          mention: entities[m],
        });
      }
      continue;
    }
    items.push({
      kind: isWordStart(text.charCodeAt(token.start)) ? 'word' : 'punct',
      start: token.start,
      end: token.end,
      lower: text.slice(token.start, token.end).toLowerCase(),
    });
  }
  return items;
}

/** Whether item `i` is a possessive mark ("’s", "'s", a lone apostrophe after "Reuters"). */
export function isPossessive(item: Item | undefined): boolean {
  return (
    !!item &&
    item.kind === 'punct' &&
    (item.lower === '’s' || item.lower === "'s" || item.lower === '’' || item.lower === "'")
  );
}

/** Whether an item ends a clause: a full stop, semicolon, colon or a quotation. */
export function isClauseBreak(item: Item): boolean {
  return (
    item.kind === 'quote' || (item.kind === 'punct' && (item.lower === '.' || item.lower === ';' || item.lower === ':'))
  );
}

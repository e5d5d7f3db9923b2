import { type EntityMention, type EntityRecord, type Quote, type Span, findSpanAt } from '@galley/document';
import { personTitles } from './resolve.js';
import { tokenize } from './tokenize.js';
import { lastBefore } from './sorted.js';

/**
 * Verbs that introduce or tag reported speech and writing ("X said", "said X", "X told Y:",
 * "X wrote that"), in the forms news copy uses.
 */
const speechVerbs = new Set([
  'say',
  'says',
  'said',
  'saying',
  'tell',
  'tells',
  'told',
  'add',
  'adds',
  'added',
  'write',
  'writes',
  'wrote',
  'recall',
  'recalls',
  'recalled',
  'explain',
  'explains',
  'explained',
  'note',
  'notes',
  'noted',
  'state',
  'states',
  'stated',
  'declare',
  'declares',
  'declared',
  'insist',
  'insists',
  'insisted',
  'argue',
  'argues',
  'argued',
  'claim',
  'claims',
  'claimed',
  'warn',
  'warns',
  'warned',
  'ask',
  'asks',
  'asked',
  'reply',
  'replies',
  'replied',
  'respond',
  'responds',
  'responded',
  'continue',
  'continues',
  'continued',
  'conclude',
  'concludes',
  'concluded',
  'remark',
  'remarks',
  'remarked',
  'comment',
  'comments',
  'commented',
  'acknowledge',
  'acknowledges',
  'acknowledged',
  'admit',
  'admits',
  'admitted',
  'announce',
  'announces',
  'announced',
  'reflect',
  'reflects',
  'reflected',
  'describe',
  'describes',
  'described',
  'urge',
  'urges',
  'urged',
  'suggest',
  'suggests',
  'suggested',
  'tweet',
  'tweets',
  'tweeted',
  'post',
  'posted',
  'testify',
  'testifies',
  'testified',
  'emphasise',
  'emphasised',
  'emphasize',
  'emphasized',
  'stress',
  'stresses',
  'stressed',
  'observe',
  'observes',
  'observed',
  'confirm',
  'confirms',
  'confirmed',
  'deny',
  'denies',
  'denied',
  'complain',
  'complains',
  'complained',
  'joke',
  'jokes',
  'joked',
  'shout',
  'shouted',
  'whisper',
  'whispered',
  'report',
  'reports',
  'reported',
  'agree',
  'agrees',
  'agreed',
  'predict',
  'predicts',
  'predicted',
  'promise',
  'promises',
  'promised',
  'vow',
  'vows',
  'vowed',
  'concede',
  'concedes',
  'conceded',
  'read',
  'reads',
  'believe',
  'believes',
  'believed',
  'recount',
  'recounts',
  'recounted',
  'wonder',
  'wonders',
  'wondered',
  'mused',
  'quipped',
  'sighed',
  'cautioned',
  'maintained',
  'maintains',
  'countered',
  'counters',
  'pointed',
  'points',
  'put',
  'puts',
  'rule',
  'ruled',
  'rules',
  'quoted',
  'exclaimed',
  'remembered',
  'remembers',
  'admits',
  'telling',
  'adding',
  'noting',
  'explaining',
  'writing',
  'warning',
  'arguing',
  'insisting',
  'claiming',
  'stating',
  'declaring',
  'asking',
  'recalling',
  'describing',
  'calling',
  'called',
  'calls',
  'replying',
  'responding',
  'urging',
  'stressing',
  'acknowledging',
  'admitting',
  'announcing',
  'predicting',
]);

/**
 * Speech verbs that more often mean something else ("read a book", "ruled out", "put it on"):
 * they tag speech only right after a quotation ("…,” the statement read) or before a colon or one.
 */
const weakSpeechVerbs = new Set([
  'read',
  'reads',
  'put',
  'puts',
  'rule',
  'rules',
  'ruled',
  'post',
  'posted',
  'continue',
  'continues',
  'continued',
  'state',
  'states',
  'point',
  'points',
  'pointed',
  'report',
  'reports',
  'reported',
  'note',
  'notes',
  'believe',
  'believes',
  'believed',
  'agree',
  'agrees',
  'agreed',
  'deny',
  'denies',
  'denied',
  'confirm',
  'confirms',
  'confirmed',
  'describe',
  'describes',
  'described',
  'promise',
  'promises',
  'promised',
  'ask',
  'asks',
  'asked',
  'remembered',
  'remembers',
  'calling',
  'called',
  'calls',
  'describing',
  'asking',
]);

/** Words between a subject and its verb that do not break the clause ("he also said", "has told"). */
const interveners = new Set([
  'also',
  'has',
  'have',
  'had',
  'was',
  'is',
  'were',
  'later',
  'then',
  'once',
  'previously',
  'recently',
  'further',
  'again',
  'would',
  'will',
  'never',
  'often',
  'reportedly',
  'simply',
  'earlier',
  'subsequently',
  'repeatedly',
  'publicly',
  'privately',
  'famously',
  'bluntly',
  'candidly',
  'flatly',
  'last',
  'proudly',
  'angrily',
  'quietly',
  'instead',
  'now',
  'still',
  'even',
  'finally',
  'initially',
  'first',
  'later',
  'already',
  'had',
  'did',
  'does',
]);

const determiners = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'this', 'that']);

/** Nouns for a text that speaks for an organisation: "the statement read". */
const documentNouns = [
  'statement',
  'report',
  'letter',
  'document',
  'documents',
  'release',
  'ruling',
  'filing',
  'post',
  'notice',
  'decision',
  'announcement',
  'message',
  'website',
  'judgment',
  'verdict',
  'complaint',
  'memo',
];
const documentNounSet = new Set(documentNouns);

/** People who speak for an organisation: "a VKontakte spokesperson said". */
const spokesNouns = new Set([
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'representative',
  'representatives',
  'official',
  'officials',
  'spokespeople',
  'source',
  'sources',
  'press',
  'office',
]);

/** Nouns that stand for an organisation named before: "the company said", "the agency said". */
const organisationNouns = new Set([
  'company',
  'firm',
  'group',
  'agency',
  'ministry',
  'department',
  'union',
  'regulator',
  'force',
  'police',
  'court',
  'council',
  'government',
  'party',
  'organisation',
  'organization',
  'charity',
  'bank',
  'club',
  'committee',
  'commission',
  'network',
  'platform',
  'authority',
  'watchdog',
  'coalition',
  'alliance',
  'university',
  'hospital',
  'team',
  'airline',
  'retailer',
  'broadcaster',
  'newspaper',
  'foundation',
  'institute',
  'board',
  'startup',
  'manufacturer',
  'maker',
  'carrier',
  'insurer',
  'lender',
  'operator',
  'developer',
  'publisher',
  'association',
  'federation',
]);

/** Words before a name that are not a role: prepositions, verbs and the like. */
const notRoles = new Set([
  'and',
  'or',
  'but',
  'to',
  'by',
  'with',
  'from',
  'for',
  'of',
  'in',
  'on',
  'at',
  'as',
  'about',
  'against',
  'that',
  'than',
  'when',
  'while',
  'if',
  'after',
  'before',
  'since',
  'like',
  'via',
  'into',
  'onto',
  'between',
  'among',
  'under',
  'over',
  'including',
  'whom',
  'who',
  'where',
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'not',
  'so',
  'because',
  'the',
  'a',
  'an',
  'his',
  'her',
  'their',
  'its',
  'our',
  'my',
  'your',
  'this',
  'these',
  'those',
  'also',
]);

/** Common given names by gender (general knowledge), to match "he" and "she" to people. */
const femaleNames = new Set(
  (
    'mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa ' +
    'margaret betty sandra ashley emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon ' +
    'cynthia kathleen amy angela anna ann helen emma olivia sophia isabella maria marie julia catherine kate claire ' +
    'rachel hannah victoria charlotte grace alice lucy natalia natalya olga tatiana tatyana irina svetlana elena yelena ' +
    'ekaterina yekaterina anastasia marina ludmila lyudmila galina nadezhda oksana yulia daria darya alexandra ' +
    'valentina ksenia sofia fatima aisha priya ana lucia carmen isabel laura chloe jane joan judith diane theresa ' +
    'angelina nicole heather sara kim jacqueline hillary kamala theresa ursula angela giorgia marine christine'
  ).split(' '),
);
const maleNames = new Set(
  (
    'james john robert michael william david richard joseph thomas charles christopher ' +
    'daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward ' +
    'jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel frank ' +
    'gregory alexander patrick jack dennis peter harry oliver henry tom ben sam joe bill boris vladimir aleksei alexei ' +
    'alexey sergei sergey dmitry dmitri ivan igor mikhail nikolai andrei andrey yuri oleg pavel viktor alexander ' +
    'maxim kirill roman anton evgeny yevgeny ilya denis artem volodymyr emmanuel olaf rishi keir joe barack donald ' +
    'xi narendra recep mohammed muhammad ahmed ali omar hassan carlos jose juan luis pedro miguel antonio giuseppe ' +
    'marco luca hans klaus wolfgang pierre jean francois emmanuel'
  ).split(' '),
);
/** Surname endings that mark gender in Slavic languages (Zalutskaya, Petrova; Sergeev, Navalny). */
const FEMALE_SURNAME = /(?:ova|eva|ina|aya|ska|yna)$/;
const MALE_SURNAME = /(?:ov|ev|in|sky|ski|ny|iy)$/;

/** Words just before a quotation that make it a label, not speech. */
const SCARE_LEAD = /(?:so-called|so called|dubbed|termed|labell?ed|branded|called|known as|the word|the term)\s*$/i;
const WORD = /[\p{L}\p{N}]+/gu;
/** Words a title leaves in lower case. */
const titleSmallWords = new Set([
  'a',
  'an',
  'the',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'and',
  'or',
  'but',
  'nor',
  'by',
  'with',
  'from',
  'as',
  's',
  't',
]);
/** Sentence punctuation inside a quotation, which a title does not have. */
const TITLE_BREAK = /[.!?;:]/;
/** Role words of an appositive after a name: "Aleksei Sergeev, the Alliance’s coordinator,". */
const APPOSITIVE = /,\s([^,.;:“”"()]{1,80}),/y;
/** The word right before a name: "judge Anastasia Zalutskaya", "Prosecutor Helen Marsh". */
const TITLE_BEFORE = /([A-Za-z][a-z-]+)\.?\s$/;
const SPACES = /\s+/;
const FEMALE_TITLE = /^(?:mrs|ms|miss|dame|lady)\b/;
const MALE_TITLE = /^(?:mr|sir|lord)\b/;
const POSSESSIVE_AFTER = /^['’]s?\b|^['’]/;

type Gender = 'female' | 'male' | undefined;

interface Item {
  kind: 'word' | 'punct' | 'quote' | 'mention';
  start: number;
  end: number;
  /** Lower-cased text of a word or punctuation mark. */
  lower: string;
  mention?: EntityMention;
}

/** A speech clause found in the text: where it is and who speaks. */
interface Clause {
  start: number;
  end: number;
  speaker: string | undefined;
}

/** The speech clauses of a stretch of text (sorted by offset), and where its speech verbs are. */
interface Clauses {
  clauses: Clause[];
  starts: number[];
  verbs: number[];
}

/** What attribution needs to know about the article, computed once. */
interface Context {
  text: string;
  sentences: readonly Span[];
  quotes: readonly Span[];
  entities: readonly EntityMention[];
  records: ReadonlyMap<string, EntityRecord>;
  /** Sorted starts of the name mentions, quotation ends and sentence starts, for binary search. */
  mentionStarts: number[];
  quoteEnds: number[];
  sentenceStarts: number[];
  /** Role nouns ("coordinator", "judge") → people described so. */
  roles: Map<string, Set<string>>;
  gender: Map<string, Gender>;
}

function genderOf(record: EntityRecord, surfaces: readonly string[]): Gender {
  for (const s of surfaces) {
    const lower = s.toLowerCase();
    if (FEMALE_TITLE.test(lower)) return 'female';
    if (MALE_TITLE.test(lower)) return 'male';
  }
  const words = record.name.toLowerCase().split(' ');
  if (femaleNames.has(words[0])) return 'female';
  if (maleNames.has(words[0])) return 'male';
  const last = words[words.length - 1];
  if (words.length > 1 || surfaces.length) {
    if (FEMALE_SURNAME.test(last)) return 'female';
    if (MALE_SURNAME.test(last)) return 'male';
  }
  return undefined;
}

/** Role words from an appositive or a title before each person mention. */
function collectRoles(
  text: string,
  entities: readonly EntityMention[],
  records: ReadonlyMap<string, EntityRecord>,
): Map<string, Set<string>> {
  const roles = new Map<string, Set<string>>();
  const add = (word: string, id: string) => {
    const set = roles.get(word);
    if (set) set.add(id);
    else roles.set(word, new Set([id]));
  };
  for (const m of entities) {
    if (records.get(m.entity)?.label !== 'PERSON') continue;
    APPOSITIVE.lastIndex = m.end;
    const appositive = APPOSITIVE.exec(text);
    if (appositive) {
      for (const w of appositive[1].matchAll(WORD)) {
        const word = w[0];
        if (word === word.toLowerCase() && !notRoles.has(word) && !speechVerbs.has(word)) add(word, m.entity);
      }
    }
    const title = TITLE_BEFORE.exec(text.slice(Math.max(0, m.start - 30), m.start));
    if (title) {
      const word = title[1].toLowerCase();
      // A capitalised word before a name is a title only if known as one ("Judge"), not "Yesterday".
      const known = word === title[1] ? !notRoles.has(word) && !speechVerbs.has(word) : personTitles.has(word);
      if (known) add(word, m.entity);
    }
    // Titles the tagger kept inside the name: "Judge Andrew Kerr".
    for (const part of text.slice(m.start, m.end).split(SPACES)) {
      const word = part.replace('.', '').toLowerCase();
      if (!personTitles.has(word)) break;
      add(word, m.entity);
    }
  }
  return roles;
}

/** The items of `[from, to)`: words, marks, whole quotations and whole mentions. */
function itemsOf(ctx: Context, from: number, to: number): Item[] {
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
    const lower = text.slice(token.start, token.end).toLowerCase();
    items.push({
      kind: isWordStart(text.charCodeAt(token.start)) ? 'word' : 'punct',
      start: token.start,
      end: token.end,
      lower,
    });
  }
  return items;
}

/** Whether a mention names a possible speaker: a person or an organisation. */
function isSpeaker(ctx: Context, m: EntityMention | undefined): m is EntityMention {
  const label = m && ctx.records.get(m.entity)?.label;
  return label === 'PERSON' || label === 'ORG';
}

/** Whether a mention sits inside a quotation (names there rarely speak or are referred back to). */
function insideQuote(ctx: Context, m: EntityMention): boolean {
  return findSpanAt(ctx.quotes, m.start) >= 0;
}

/** The most recent person before `offset` that "he" or "she" can refer to. */
function resolvePronoun(ctx: Context, gender: Gender, offset: number): string | undefined {
  const { entities, text } = ctx;
  let fallback: string | undefined;
  for (let i = lastBefore(ctx.mentionStarts, offset), seen = 0; i >= 0 && seen < 80; i--, seen++) {
    const m = entities[i];
    if (ctx.records.get(m.entity)?.label !== 'PERSON') continue;
    if (offset - m.start > 4000) break;
    const g = ctx.gender.get(m.entity);
    if (gender && g && g !== gender) continue;
    // "Putin’s government" and names inside quotations are rarely what a pronoun points back to.
    if (POSSESSIVE_AFTER.test(text.slice(m.end, m.end + 2)) || insideQuote(ctx, m)) {
      fallback ??= m.entity;
      continue;
    }
    return m.entity;
  }
  return fallback;
}

/** The person most recently mentioned before `offset` who was described with `role`. */
function resolveRole(ctx: Context, role: string, offset: number): string | undefined {
  const ids = ctx.roles.get(role) ?? (role.endsWith('s') ? undefined : ctx.roles.get(`${role}s`));
  if (!ids) return undefined;
  for (let i = lastBefore(ctx.mentionStarts, offset); i >= 0; i--) {
    if (ids.has(ctx.entities[i].entity)) return ctx.entities[i].entity;
  }
  return [...ids][0];
}

/** The organisation mentioned last before `offset`, outside quotations. */
function latestOrganisation(ctx: Context, offset: number): string | undefined {
  for (let i = lastBefore(ctx.mentionStarts, offset), seen = 0; i >= 0 && seen < 60; i--, seen++) {
    const m = ctx.entities[i];
    if (ctx.records.get(m.entity)?.label === 'ORG' && !insideQuote(ctx, m)) return m.entity;
  }
  return undefined;
}

/**
 * "The statement read": the organisation named first in the latest earlier sentence that
 * mentions a statement, else the organisation mentioned last before that sentence. Never a
 * person: a document speaks for an organisation.
 */
function resolveDocument(ctx: Context, noun: string, offset: number): string | undefined {
  const { sentences, text, entities } = ctx;
  const current = lastBefore(ctx.sentenceStarts, offset + 1);
  for (let s = current - 1, steps = 0; s >= 0 && steps < 12; s--, steps++) {
    const sentence = sentences[s];
    if (!text.slice(sentence.start, sentence.end).toLowerCase().includes(noun)) continue;
    for (
      let i = Math.max(0, lastBefore(ctx.mentionStarts, sentence.start) + 1);
      i < entities.length && entities[i].start < sentence.end;
      i++
    ) {
      if (ctx.records.get(entities[i].entity)?.label === 'ORG' && !insideQuote(ctx, entities[i]))
        return entities[i].entity;
    }
    return latestOrganisation(ctx, sentence.start);
  }
  return undefined;
}

/** Who a noun phrase over items `[from, head]` stands for: a role, a document, a spokesperson, an organisation. */
function resolveNounPhrase(ctx: Context, items: readonly Item[], from: number, head: number): string | undefined {
  const noun = items[head].lower;
  let organisation: string | undefined;
  for (let k = from; k <= head; k++) {
    const m = items[k].mention;
    if (m && ctx.records.get(m.entity)?.label === 'ORG') organisation = m.entity;
  }
  if (documentNounSet.has(noun)) return organisation ?? resolveDocument(ctx, noun, items[head].start);
  if (spokesNouns.has(noun)) return organisation;
  return (
    resolveRole(ctx, noun, items[head].start) ??
    (organisationNouns.has(noun) ? (organisation ?? latestOrganisation(ctx, items[head].start)) : undefined)
  );
}

/** A speaker named by a mention: a person or an organisation, not a place or a thing. */
function mentionSpeaker(ctx: Context, item: Item | undefined): string | undefined {
  return item?.kind === 'mention' && isSpeaker(ctx, item.mention) ? item.mention.entity : undefined;
}

/** The speaker named just before a speech verb at item `v`, or undefined. */
function subjectBefore(ctx: Context, items: readonly Item[], v: number): string | undefined {
  let j = v - 1;
  while (j >= 0 && items[j].kind === 'word' && interveners.has(items[j].lower)) j--;
  if (j < 0) return undefined;
  const item = items[j];
  if (item.kind === 'mention') return mentionSpeaker(ctx, item);
  if (item.lower === 'he' || item.lower === 'she') {
    return resolvePronoun(ctx, item.lower === 'she' ? 'female' : 'male', item.start);
  }
  if (item.lower === ',') {
    // A name in apposition: "Her barrister, Simon Pryce, said".
    if (items[j - 2]?.lower === ',' && mentionSpeaker(ctx, items[j - 1])) return mentionSpeaker(ctx, items[j - 1]);
    // An appositive between the name and its verb, commas and all: "Aleksei Sergeev, the
    // Alliance’s coordinator, told"; "Dylan Nelson, a fellow at the institute in Munich, Germany,
    // said". A person before one of the commas wins over an organisation named in the appositive.
    let organisation: string | undefined;
    let k = j - 1;
    for (let steps = 0; k > 0 && steps < 40; k--, steps++) {
      const it = items[k];
      if (it.kind === 'quote' || (it.kind === 'punct' && (it.lower === '.' || it.lower === ';' || it.lower === ':')))
        break;
      if (it.lower !== ',') continue;
      const name = items[k - 1];
      if (name.kind !== 'mention' || !isSpeaker(ctx, name.mention)) continue;
      if (ctx.records.get(name.mention.entity)?.label === 'PERSON') return name.mention.entity;
      organisation ??= name.mention.entity;
    }
    // A participle clause takes its sentence's subject: "Boudreau gave a talk, telling them “…”".
    if (!organisation && items[v].lower.endsWith('ing')) {
      const subject = k <= 0 ? items[0] : items[k + 1];
      if (subject?.kind === 'mention') return mentionSpeaker(ctx, subject);
      if (subject?.lower === 'he' || subject?.lower === 'she')
        return resolvePronoun(ctx, subject.lower === 'she' ? 'female' : 'male', subject.start);
    }
    return organisation;
  }
  if (item.kind !== 'word') return undefined;
  // A noun phrase: "the coordinator said", "the statement read", "a VKontakte spokesperson said".
  for (let k = j - 1, steps = 0; k >= 0 && steps < 6; k--, steps++) {
    const it = items[k];
    if (it.kind === 'word' && determiners.has(it.lower)) return resolveNounPhrase(ctx, items, k, j);
    if (it.kind === 'quote' || (it.kind === 'punct' && it.lower !== '’s' && it.lower !== "'s" && it.lower !== '-'))
      return undefined;
  }
  return undefined;
}

/** The speaker named right after a speech verb at item `v` ("said Sergeev", "says club secretary Janet Moorcroft"). */
function subjectAfter(ctx: Context, items: readonly Item[], v: number): string | undefined {
  const next = items[v + 1];
  if (!next) return undefined;
  if (next.kind === 'mention') return mentionSpeaker(ctx, next);
  if (next.lower === 'he' || next.lower === 'she')
    return resolvePronoun(ctx, next.lower === 'she' ? 'female' : 'male', next.start);
  if (next.kind !== 'word') return undefined;
  // A title or role before the name ("says club secretary Janet Moorcroft", "said U.S. Attorney Nealy Cox").
  for (let k = v + 1; k < items.length && k <= v + 5; k++) {
    const it = items[k];
    if (it.kind === 'mention' && ctx.records.get(it.mention!.entity)?.label === 'PERSON') return it.mention!.entity;
    if (
      it.kind === 'quote' ||
      it.kind === 'punct' ||
      (it.kind === 'word' && (notRoles.has(it.lower) || speechVerbs.has(it.lower)))
    )
      break;
  }
  let head = v + 1;
  while (head + 1 < items.length && head < v + 6 && items[head + 1].kind === 'word') head++;
  const after = items[head + 1];
  let plain = v + 1;
  while (plain <= head && !notRoles.has(items[plain].lower) && !speechVerbs.has(items[plain].lower)) plain++;
  if (after?.kind === 'mention' && plain > head) return mentionSpeaker(ctx, after);
  if (!determiners.has(next.lower)) return undefined;
  // A noun phrase up to the first mark, names included: "said a WeWork spokesperson".
  let end = v + 1;
  while (
    end + 1 < items.length &&
    end < v + 6 &&
    (items[end + 1].kind === 'mention' || (items[end + 1].kind === 'word' && !notRoles.has(items[end + 1].lower)))
  )
    end++;
  while (end > v + 1 && items[end].kind !== 'word') end--;
  return end > v + 1 ? resolveNounPhrase(ctx, items, v + 1, end) : undefined;
}

/** Whether item `v` follows a quotation closely ("…,” the statement read) or introduces one (read: “…”). */
function nextToQuote(items: readonly Item[], v: number): boolean {
  const next = items[v + 1];
  if (next && (next.kind === 'quote' || next.lower === ':' || (next.lower === ',' && items[v + 2]?.kind === 'quote')))
    return true;
  for (let k = v - 1; k >= 0 && k >= v - 5; k--) {
    if (items[k].kind === 'quote') return true;
    if (items[k].kind === 'punct' && items[k].lower !== ',' && items[k].lower !== '’s' && items[k].lower !== "'s")
      return false;
  }
  return false;
}

/** Speech clauses among `items`, with their speaker when one can be resolved. */
function findClauses(ctx: Context, items: readonly Item[]): Clauses {
  const clauses: Clause[] = [];
  const verbs: number[] = [];
  for (let v = 0; v < items.length; v++) {
    const item = items[v];
    // "Sergeev: “We will fight”" — a name, a colon and the quotation, as in headlines and interviews.
    if (
      item.lower === ':' &&
      items[v + 1]?.kind === 'quote' &&
      (v === 1 || items[v - 2]?.kind === 'punct') &&
      ctx.records.get(items[v - 1]?.mention?.entity ?? '')?.label === 'PERSON'
    ) {
      verbs.push(item.start);
      clauses.push({ start: items[v - 1].start, end: item.end, speaker: items[v - 1].mention!.entity });
      continue;
    }
    if (item.kind !== 'word') continue;
    if (item.lower === 'according' && items[v + 1]?.lower === 'to') {
      verbs.push(item.start);
      const speaker = subjectAfter(ctx, items, v + 1);
      if (speaker) clauses.push({ start: item.start, end: items[v + 1].end, speaker });
      continue;
    }
    // "To Sergeev, the law is “homophobic”": the view of the person named.
    if (
      item.lower === 'to' &&
      items[v + 2]?.lower === ',' &&
      (v === 0 || items[v - 1].kind === 'punct') &&
      ctx.records.get(items[v + 1].mention?.entity ?? '')?.label === 'PERSON'
    ) {
      verbs.push(item.start);
      clauses.push({ start: item.start, end: items[v + 1].end, speaker: items[v + 1].mention!.entity });
      continue;
    }
    if (!speechVerbs.has(item.lower) || (weakSpeechVerbs.has(item.lower) && !nextToQuote(items, v))) continue;
    verbs.push(item.start);
    const prev = items[v - 1];
    const inverted = prev && (prev.kind === 'quote' || (prev.lower === ',' && items[v - 2]?.kind === 'quote'));
    // After the verb stands the speaker only when the clause follows a quotation (“…,” said X);
    // elsewhere it is the addressee: "Benioff weighed in, telling Cook, “…”".
    const speaker = (inverted ? subjectAfter(ctx, items, v) : undefined) ?? subjectBefore(ctx, items, v);
    if (speaker) clauses.push({ start: item.start, end: item.end, speaker });
  }
  return { clauses, starts: clauses.map((c) => c.start), verbs };
}

/** Index of the first element of a sorted array that is `>= value` (the length when none is). */
function firstAtOrAfter(sorted: readonly number[], value: number): number {
  return lastBefore(sorted, value) + 1;
}

/** The clause nearest to a quotation within `[from, to)`, preferring one that follows it (binary search). */
function nearestClause(
  clauses: readonly Clause[],
  starts: readonly number[],
  quote: Span,
  from: number,
  to: number,
): Clause | undefined {
  const after = clauses[firstAtOrAfter(starts, quote.end)];
  const before = clauses[lastBefore(starts, quote.start)];
  const afterOk = after && after.start < to;
  const beforeOk = before && before.start >= from;
  if (afterOk && beforeOk) return after.start - quote.end <= quote.start - before.end + 1 ? after : before;
  return afterOk ? after : beforeOk ? before : undefined;
}

/** Whether `text` has at most `limit` words (runs between spaces), stopping early. */
function hasAtMostWords(text: string, limit: number): boolean {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const blank = text.charCodeAt(i) <= 32 || text.charCodeAt(i) === 0xa0;
    if (!blank && !inWord && ++words > limit) return false;
    inWord = !blank;
  }
  return true;
}

/**
 * Whether a quotation is a title in title case (“Takin’ It to the Streets”, “The One I Love”):
 * two to eight words, each capitalised but for short function words, no sentence punctuation.
 */
function isTitle(quoted: string): boolean {
  if (!hasAtMostWords(quoted, 8) || hasAtMostWords(quoted, 1) || TITLE_BREAK.test(quoted.slice(1, -2))) return false;
  for (const word of quoted.slice(1, -1).matchAll(WORD)) {
    const w = word[0];
    if (w[0] === w[0].toLowerCase() && !titleSmallWords.has(w)) return false;
  }
  return true;
}

/** Whether a token starts with a letter or digit (anything non-ASCII counts: punctuation there is rare in names). */
function isWordStart(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122) || (code >= 0xc0 && code < 0x2000);
}

/**
 * Quotations with their speakers. For each quotation: a speech clause in its own sentence
 * ("X said", "said X", "X told Y:", "according to X", "X wrote that …"; pronouns and role nouns
 * resolved to the latest matching person, "the statement" to the organisation that issued it);
 * else the speaker of an earlier quotation in the paragraph, a clause elsewhere in the paragraph,
 * or — for a paragraph that opens with a quotation — the last speaker of the paragraph before.
 * A quotation of one to three words with no speech verb in its sentence, or after "so-called",
 * is a scare quote and gets no speaker.
 */
export function attributeQuotes(
  text: string,
  sentences: readonly Span[],
  blocks: readonly Span[],
  quoteSpans: readonly Span[],
  entities: readonly EntityMention[],
  entityIndex: readonly EntityRecord[],
): Quote[] {
  const records = new Map(entityIndex.map((r) => [r.id, r]));
  const names = entities.filter((m) => {
    const l = records.get(m.entity)?.label;
    return l === 'PERSON' || l === 'ORG' || l === 'LOC' || l === 'MISC';
  });
  const surfaces = new Map<string, string[]>();
  for (const m of names) {
    const list = surfaces.get(m.entity);
    if (list) list.push(text.slice(m.start, m.end));
    else surfaces.set(m.entity, [text.slice(m.start, m.end)]);
  }
  const gender = new Map<string, Gender>();
  for (const r of entityIndex) if (r.label === 'PERSON') gender.set(r.id, genderOf(r, surfaces.get(r.id) ?? []));
  const ctx: Context = {
    text,
    sentences,
    quotes: quoteSpans,
    entities: names,
    records,
    mentionStarts: names.map((m) => m.start),
    quoteEnds: quoteSpans.map((q) => q.end),
    sentenceStarts: sentences.map((s) => s.start),
    roles: collectRoles(text, names, records),
    gender,
  };

  const quotes: Quote[] = [];
  const windows = new Map<string, Clauses>();
  const clausesOf = (from: number, to: number) => {
    const key = `${from}:${to}`;
    let found = windows.get(key);
    if (!found) {
      found = findClauses(ctx, itemsOf(ctx, from, to));
      windows.set(key, found);
    }
    return found;
  };
  /** Last speaker of a clause in block `b` (a paragraph without quotations can still name one). */
  const lastClauseSpeaker = (b: number) => {
    if (b < 0) return undefined;
    const { clauses } = clausesOf(blocks[b].start, blocks[b].end);
    return clauses[clauses.length - 1]?.speaker;
  };
  let currentBlock = -1;
  let blockSpeaker: string | undefined;
  let carried: string | undefined;
  for (const span of quoteSpans) {
    const quoted = text.slice(span.start, span.end);
    const firstBlock = Math.max(0, findSpanAt(blocks, span.start));
    const endBlock = Math.max(firstBlock, findSpanAt(blocks, span.end - 1));
    if (firstBlock !== currentBlock) {
      carried = firstBlock === currentBlock + 1 && blockSpeaker ? blockSpeaker : lastClauseSpeaker(firstBlock - 1);
      blockSpeaker = undefined;
      currentBlock = endBlock;
    }
    const from = blocks[firstBlock]?.start ?? 0;
    const to = blocks[endBlock]?.end ?? text.length;
    const found = clausesOf(from, to);
    const s1 = findSpanAt(sentences, span.start);
    const s2 = findSpanAt(sentences, span.end - 1);
    // Without a sentence around it (a segmenter that dropped the span), the paragraph stands in.
    const sentenceFrom = s1 >= 0 ? sentences[s1].start : from;
    const sentenceTo = s2 >= 0 ? sentences[s2].end : to;
    const hasVerb = (found.verbs[firstAtOrAfter(found.verbs, sentenceFrom)] ?? Infinity) < sentenceTo;
    const scare =
      (hasAtMostWords(quoted, 3) &&
        (!hasVerb || SCARE_LEAD.test(text.slice(Math.max(from, span.start - 16), span.start)))) ||
      isTitle(quoted);
    if (scare) {
      quotes.push({ start: span.start, end: span.end, text: quoted, scare: true });
      continue;
    }
    let lead = span.start;
    while (lead > from && text.charCodeAt(lead - 1) <= 32) lead--;
    const opensBlock = lead === from;
    const speaker =
      nearestClause(found.clauses, found.starts, span, sentenceFrom, sentenceTo)?.speaker ??
      blockSpeaker ??
      nearestClause(found.clauses, found.starts, span, from, to)?.speaker ??
      (opensBlock ? carried : undefined);
    if (speaker) blockSpeaker = speaker;
    quotes.push(
      speaker
        ? { start: span.start, end: span.end, text: quoted, speaker }
        : { start: span.start, end: span.end, text: quoted },
    );
  }
  return quotes;
}

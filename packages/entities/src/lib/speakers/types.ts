import type { EntityMention, EntityRecord, Span } from '@galley/document';

export type Gender = 'female' | 'male';

/**
 * Who a clause or a quotation is given to, how sure the rule that decided is (0–1) and that rule
 * in words (`cue`). A decision with no `speaker` is deliberate: the text says someone spoke but not
 * who we can name ("an insider said"), and no weaker rule may fill the gap.
 */
export interface Attribution {
  speaker?: string;
  confidence: number;
  cue: string;
}

/** How a speech clause names who speaks, before that is resolved to an entity. */
export type Subject =
  | { kind: 'named'; entity: string; confidence: number; cue: string }
  | { kind: 'pronoun'; word: 'he' | 'she' | 'it' | 'they'; at: number }
  | {
      kind: 'noun';
      /** Head noun of the phrase: "statement", "spokeswoman", "company", "treasurer". */
      noun: string;
      at: number;
      /** An organisation named inside the phrase: "a spokeswoman for Acme", "a WeWork spokesperson". */
      organisation?: string;
      /** Whose it is: "Trump's son", "Swift's rep". */
      possessor?: string;
      /** Words before the head: "French foreign" in "the French foreign ministry". */
      modifiers: string[];
      /** Whether the phrase points back ("the officer") rather than bringing someone new in ("an officer"). */
      definite: boolean;
      /** The word that opens the phrase ("the", "a", "his"), or "’s" after an owner's name. */
      determiner: string;
    }
  | {
      kind: 'unknown';
      at: number;
      cue: string;
      /** The word that stands for the unnamed speaker ("officials", a name the tagger missed). */
      word?: string;
    };

/** A speech clause: where its verb is, the sentence it is in, and its subject. */
export interface Clause {
  /** Offsets of the clause's cue (the verb, "according to", the colon). */
  start: number;
  end: number;
  sentence: number;
  subject: Subject;
  /** Filled in when the discourse walk reaches the clause. */
  attribution?: Attribution;
}

/** A token of a paragraph for the clause rules: a word, a mark, a whole quotation or a whole name. */
export interface Item {
  kind: 'word' | 'punct' | 'quote' | 'mention';
  start: number;
  end: number;
  /** Lower-cased text of a word or punctuation mark (empty for quotations and mentions). */
  lower: string;
  mention?: EntityMention;
}

/** What attribution needs to know about the article, computed once. */
export interface Context {
  text: string;
  sentences: readonly Span[];
  paragraphs: readonly Span[];
  quotes: readonly Span[];
  /** Name mentions (PERSON, ORG, LOC, MISC) sorted by offset. */
  entities: readonly EntityMention[];
  records: ReadonlyMap<string, EntityRecord>;
  /** Sorted starts of the name mentions, quotation ends and sentence starts, for binary search. */
  mentionStarts: number[];
  quoteEnds: number[];
  sentenceStarts: number[];
  paragraphStarts: number[];
  /**
   * Role words ("coordinator", "judge", "spokeswoman") → people described so → the qualifiers
   * each description had before the word, sorted and joined ("former vice", or "" for none).
   */
  roles: Map<string, Map<string, Set<string>>>;
  /** Gender of each person where the text or the name tells it (learned further as pronouns resolve). */
  gender: Map<string, Gender>;
  /** People whose gender only their given name or surname told (a guess a pronoun may overrule), not a title. */
  namedGender: Set<string>;
  /** Name words (lower case) of people → their ids, to read a name the tagger missed ("Schiff asked"). */
  nameWords: Map<string, Set<string>>;
  /** People by the tagger that are named like companies ("Brightline Holdings"): organisations here. */
  companies: Set<string>;
  /** First offset of each word of an indefinite phrase ("a UK man"), filled on first use by the role rules. */
  indefinites?: Map<string, number>;
  /** Names the tagger called "miscellaneous" or a place that the text shows to be people ("Locksley and his postdoc"). */
  misread: Set<string>;
}

import { round } from './pronoun.js';
import type { Attribution } from './types.js';

/** What a quotation without a speech clause in its sentence can continue. */
export interface Around {
  /** The decision for an earlier quotation of the same paragraph. */
  inParagraph?: Attribution;
  /** The nearest speech clause elsewhere in the paragraph, resolved. */
  elsewhere?: Attribution;
  /** Whether the quotation opens its paragraph (a quotation-only paragraph, or the start of one). */
  opensParagraph: boolean;
  /** The last decision of the paragraph just before. */
  previous?: Attribution;
  /** Whether the quotation opens its sentence (“…,” rather than "Trump called it “…”"). */
  opensSentence: boolean;
  /** The subject of the quotation's sentence, when it has one. */
  sentenceSubject?: string;
  /** Whether a colon stands right before the quotation: "Buckley had a similar experience: “…”". */
  afterColon: boolean;
  /** The person who is the subject of the sentence before, in the same paragraph. */
  previousSubject?: string;
  /** Whether the quotation's own sentence has a speech verb (whose speaker the clause rules could not read). */
  speechVerbInSentence: boolean;
}

/**
 * A quotation with no speech clause of its own continues a speaker: the paragraph's, the
 * paragraph's other clause, or, when it opens its paragraph, the last speaker of the paragraph
 * before (the news convention for a quotation over several paragraphs). A decision of no speaker
 * ("an officer said") carries on the same way: the next quotation is that officer's too.
 */
export function continueSpeaker(around: Around): Attribution {
  const {
    inParagraph,
    elsewhere,
    opensParagraph,
    previous,
    opensSentence,
    sentenceSubject,
    afterColon,
    previousSubject,
    speechVerbInSentence,
  } = around;
  // A sentence that announces the quotation with a colon gives it to its subject.
  if (afterColon && sentenceSubject)
    return {
      speaker: sentenceSubject,
      confidence: 0.7,
      cue: 'subject of the sentence that introduces it with a colon',
    };
  // A quotation inside a sentence about someone else is not the paragraph's speaker talking.
  const candidate = inParagraph?.speaker ?? elsewhere?.speaker;
  if (!opensSentence && sentenceSubject && candidate && sentenceSubject !== candidate)
    return { confidence: 0, cue: 'quotation in a sentence about someone else' };
  if (inParagraph)
    return inParagraph.speaker
      ? {
          speaker: inParagraph.speaker,
          confidence: round(Math.min(0.85, inParagraph.confidence)),
          cue: 'continues the paragraph’s speaker',
        }
      : inParagraph;
  // "Secunia.com, has said that … are rated “highly critical”": someone speaks in the sentence
  // itself, and the speaker of another sentence is a guess.
  if (elsewhere && speechVerbInSentence)
    return { confidence: 0, cue: 'a speech verb in the sentence, its speaker not read' };
  if (elsewhere)
    return elsewhere.speaker
      ? {
          speaker: elsewhere.speaker,
          confidence: round(elsewhere.confidence * 0.7),
          cue: 'speech clause elsewhere in the paragraph',
        }
      : elsewhere;
  if (opensParagraph && previous?.speaker)
    return {
      speaker: previous.speaker,
      confidence: round(Math.min(0.75, previous.confidence)),
      cue: 'continues previous paragraph',
    };
  // “Aderholt returned to the issue. “…?”": a quotation right after a sentence about a person,
  // with nobody else speaking in the paragraph, is that person's.
  if (opensSentence && previousSubject)
    return { speaker: previousSubject, confidence: 0.65, cue: 'quotation after a sentence about its speaker' };
  return { confidence: 0, cue: 'no speech clause near the quotation' };
}

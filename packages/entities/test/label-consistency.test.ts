import { describe, expect, it } from 'vitest';
import { agreeOnLabels } from '../src/lib/label-consistency.js';
import { GAZETTEER_CLASSES, gazetteerHash } from '../src/lib/tagger/features.js';
import { hashPhrase } from '../src/lib/tagger/hash.js';
import { IntMap } from '../src/lib/tagger/key-index.js';
import { markedText } from './marked-text.js';

/** A lexicon that knows a few first names, places and companies, as the model's lists would. */
function lexicon(lists: Partial<Record<(typeof GAZETTEER_CLASSES)[number], string[]>>) {
  const gazetteer = new IntMap();
  for (const [name, phrases] of Object.entries(lists)) {
    const bit = 1 << GAZETTEER_CLASSES.indexOf(name as (typeof GAZETTEER_CLASSES)[number]);
    for (const phrase of phrases ?? []) {
      const key = hashPhrase(phrase.split(' ').map(gazetteerHash));
      gazetteer.set(key, gazetteer.get(key) | bit);
    }
  }
  return { gazetteer, maxPhrase: 4, wordClass: new IntMap() };
}

function agreed(source: string, lists: Parameters<typeof lexicon>[0] = {}): string[] {
  const { text, mentions } = markedText(source);
  return agreeOnLabels(text, mentions, lexicon(lists)).map((m) => `${m.label}:${text.slice(m.start, m.end)}`);
}

describe('agreeOnLabels: one label per name per article', () => {
  it('gives every mention of a name the label the article supports', () => {
    expect(
      agreed(
        '[ORG]Brightlane{} cut jobs. [PERSON]Brightlane{} said rents fell. A [PERSON]Brightlane{} spokesperson declined. [ORG]Brightlane{} shares rose.',
      ),
    ).toEqual(['ORG:Brightlane', 'ORG:Brightlane', 'ORG:Brightlane', 'ORG:Brightlane']);
  });

  it('reads no company, informant or title evidence around a listed demonym', () => {
    const lists = { DEMONYM: ['Veldish', 'Orvanian'], ORG: ['Orvanian'] };
    expect(agreed('It protects [MISC]Veldish{} workers and their pay.', lists)).toEqual(['MISC:Veldish']);
    expect(agreed('According to [MISC]Veldish{} belief, the grave was empty.', lists)).toEqual(['MISC:Veldish']);
    expect(agreed('Major [MISC]Orvanian{} rivers flow north.', lists)).toEqual(['MISC:Orvanian']);
    // Without the list, the same words are evidence.
    expect(agreed('It protects [MISC]Veldish{} workers and their pay.')).toEqual(['ORG:Veldish']);
  });

  it('reads company evidence: "X\'s spokesperson", "X Inc", "at X"', () => {
    expect(agreed("[PERSON]Corvane{}'s spokesperson said the deal was off.")).toEqual(['ORG:Corvane']);
    expect(agreed('[PERSON]Corvane{} Inc. said the deal was off.')).toEqual(['ORG:Corvane']);
    expect(agreed('She worked at [PERSON]Corvane{} for ten years.')).toEqual(['ORG:Corvane']);
    // "at Smith's home" says nothing against a person.
    expect(agreed("They met at [PERSON]Smith{}'s home.")).toEqual(['PERSON:Smith']);
  });

  it('never lets a person turn into an organisation later in the article', () => {
    expect(
      agreed(
        'Actor [PERSON]Tom Harlow{} arrived. [ORG]Tom Harlow{} said the film was done. Fans cheered [ORG]Harlow{}. [PERSON]Harlow{} waved.',
        { FIRSTNAME: ['tom'] },
      ),
    ).toEqual(['PERSON:Tom Harlow', 'PERSON:Tom Harlow', 'PERSON:Harlow', 'PERSON:Harlow']);
  });

  it('reads "major", "coach", "chair" and "justice" as titles only in Title Case', () => {
    expect(
      agreed('Groups such as [ORG]Kestrel Front{} fought. The arrest of major [ORG]Kestrel Front{} leaders followed.'),
    ).toEqual(['ORG:Kestrel Front', 'ORG:Kestrel Front']);
    expect(agreed('He will coach [ORG]Dunmere{} next season. [ORG]Dunmere{} won.')).toEqual([
      'ORG:Dunmere',
      'ORG:Dunmere',
    ]);
    expect(agreed('Major [ORG]Harlow{} led the unit. [ORG]Harlow{} retired.')).toEqual([
      'PERSON:Harlow',
      'PERSON:Harlow',
    ]);
  });

  it('joins a company without its company form to the company', () => {
    expect(agreed('[ORG]Pellworth Inc{} grew. Later [PERSON]Pellworth{} hired staff.')).toEqual([
      'ORG:Pellworth Inc',
      'ORG:Pellworth',
    ]);
  });

  it('keeps a mention whose own context clearly differs', () => {
    expect(
      agreed('[PERSON]Jordan{} scored 30 points. [PERSON]Jordan{} rested. The team played in [LOC]Jordan{} last year.'),
    ).toEqual(['PERSON:Jordan', 'PERSON:Jordan', 'LOC:Jordan']);
  });

  it('lets the name lists break a tie and places stay places', () => {
    expect(agreed('[ORG]Burbank{} grew. People in [PERSON]Burbank{} voted.', { PLACE: ['burbank'] })).toEqual([
      'LOC:Burbank',
      'LOC:Burbank',
    ]);
  });

  it('leaves a lone mention without strong evidence as the tagger read it', () => {
    expect(agreed('[PERSON]Quillon{} said so.')).toEqual(['PERSON:Quillon']);
  });
});

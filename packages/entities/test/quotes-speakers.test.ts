import { describe, expect, it } from 'vitest';
import { attribute } from './entities-helpers.js';

describe('speaker attribution', () => {
  it('reads "X said" and "said X" after the quotation', () => {
    expect(
      attribute('“We will appeal,” Maria Ivanova said. “It is unjust,” said Tom Baker.', [
        ['Maria Ivanova', 'PERSON'],
        ['Tom Baker', 'PERSON'],
      ]),
    ).toEqual(['We will appeal, | Maria Ivanova', 'It is unjust, | Tom Baker']);
  });

  it('reads "X told Y:" with an appositive before the quotation', () => {
    expect(
      attribute('Aleksei Sergeev, the Alliance’s coordinator, told PinkNews: “We knew it could happen any day.”', [
        ['Aleksei Sergeev', 'PERSON'],
        ['Alliance', 'ORG'],
        ['PinkNews', 'ORG'],
      ]),
    ).toEqual(['We knew it could happen any day. | Aleksei Sergeev']);
  });

  it('resolves "he" and "she" to the latest person of that gender, skipping possessives', () => {
    const text =
      'Maria Ivanova met Ivan Petrov. To Ivanova, Ivan Petrov’s plan is “a disaster for the city and for us”, and Petrov’s aides agreed.\n\n' +
      '“We will not give up,” she said. “Nor will we,” he said.';
    expect(
      attribute(text, [
        ['Maria Ivanova', 'PERSON'],
        ['Ivan Petrov', 'PERSON'],
        ['Ivanova', 'PERSON'],
        ['Petrov', 'PERSON'],
      ]),
    ).toEqual([
      'a disaster for the city and for us | Maria Ivanova',
      'We will not give up, | Maria Ivanova',
      'Nor will we, | Ivan Petrov',
    ]);
  });

  it('resolves a role noun to the person described by it', () => {
    const text =
      'Sam Okafor, the union’s treasurer, met judge Ellen Hart on Monday.\n\n“The books are clean,” the treasurer said. ' +
      '“Show me,” replied the judge.';
    expect(
      attribute(text, [
        ['Sam Okafor', 'PERSON'],
        ['Ellen Hart', 'PERSON'],
      ]),
    ).toEqual(['The books are clean, | Sam Okafor', 'Show me, | Ellen Hart']);
  });

  it('gives partial quotations in reported speech to the subject of the speech verb', () => {
    const text =
      'Judge Anastasia Zalutskaya ruled against them. She wrote that the page “clearly promotes relations,” and creates ' +
      '“a positive image of violators”, according to court documents seen by Paper.';
    expect(
      attribute(text, [
        ['Anastasia Zalutskaya', 'PERSON'],
        ['Paper', 'ORG'],
      ]),
    ).toEqual([
      'clearly promotes relations, | Anastasia Zalutskaya',
      'a positive image of violators | Anastasia Zalutskaya',
    ]);
  });

  it('reads "according to X" and "X recalled" after the quotation', () => {
    const text =
      'The plan “will cost thousands of jobs in the region”, according to Maria Ivanova. It was “a time of hope and of fear”, Tom Baker recalled.';
    expect(
      attribute(text, [
        ['Maria Ivanova', 'PERSON'],
        ['Tom Baker', 'PERSON'],
      ]),
    ).toEqual(['will cost thousands of jobs in the region | Maria Ivanova', 'a time of hope and of fear | Tom Baker']);
  });

  it('continues the speaker into a quotation-only paragraph and across a run-on quotation', () => {
    const text =
      '“We want change,” Sergeev added.\n\n“We demand equality. We want a tolerant society.”\n\n' +
      '“First part of a long quote.\n\n“Second part,” he said.';
    expect(attribute(text, [['Sergeev', 'PERSON']])).toEqual([
      'We want change, | Sergeev',
      'We demand equality. We want a tolerant society. | Sergeev',
      'First part of a long quote.\n\n“Second part, | Sergeev',
    ]);
  });

  it('gives "the statement" to the person who issued it when no organisation is named there', () => {
    const text =
      'In a written statement released at the news conference, Ravi Menon repeated his objections.\n\n' +
      '“It is a sad fact that the big powers show no interest,” the statement said.';
    expect(attribute(text, [['Ravi Menon', 'PERSON']])).toEqual([
      'It is a sad fact that the big powers show no interest, | Ravi Menon',
    ]);
  });

  it('gives "the statement" to the organisation that issued it, not to a person', () => {
    const text =
      'Representatives of VKontakte wrote in a public statement that Roskomnadzor ordered the removal.\n\n' +
      '“The regulation of social networks is tightening,” the statement read.';
    expect(
      attribute(text, [
        ['VKontakte', 'ORG'],
        ['Roskomnadzor', 'ORG'],
      ]),
    ).toEqual(['The regulation of social networks is tightening, | VKontakte']);
  });

  it('marks short quotations without a speech verb as scare quotes', () => {
    const text =
      'None of its associates appeared in court, recorded in filings as “absent”. Teachers must “monitor” pupils. ' +
      'Ivan Petrov said the so-called “foreign agent law” was “absurd”.';
    expect(attribute(text, [['Ivan Petrov', 'PERSON']])).toEqual([
      'absent | scare',
      'monitor | scare',
      'foreign agent law | scare',
      'absurd | Ivan Petrov',
    ]);
  });

  it('leaves a quotation without any speaker unattributed', () => {
    expect(attribute('Visitors see a blank page that reads: “This page contains prohibited information.”', [])).toEqual(
      ['This page contains prohibited information. | -'],
    );
  });

  it('reads appositives with commas inside, names in apposition and spokespeople of an organisation', () => {
    const text =
      '“Experiments like this pay off,” Dylan Nelson, a fellow at the institute in Munich, Germany, and co-author of the study, ' +
      'said in a statement. Her barrister, Simon Pryce, said she was “deeply ashamed”. “We are cooperating,” said a WeWork spokesperson.';
    expect(
      attribute(text, [
        ['Dylan Nelson', 'PERSON'],
        ['Munich', 'LOC'],
        ['Germany', 'LOC'],
        ['Simon Pryce', 'PERSON'],
        ['WeWork', 'ORG'],
      ]),
    ).toEqual([
      'Experiments like this pay off, | Dylan Nelson',
      'deeply ashamed | Simon Pryce',
      'We are cooperating, | WeWork',
    ]);
  });

  it('reads "says club secretary X" and weak verbs only next to a quotation', () => {
    const text =
      '“We lost everything,” says club secretary Janet Moorcroft. Karen Holt said in a statement read to the court that her ' +
      'mother died “believing that people were kind”.';
    expect(
      attribute(text, [
        ['Janet Moorcroft', 'PERSON'],
        ['Karen Holt', 'PERSON'],
      ]),
    ).toEqual(['We lost everything, | Janet Moorcroft', 'believing that people were kind | Karen Holt']);
  });

  it('reads "Name: “…”" as the named person speaking', () => {
    expect(attribute('Interview.\n\nIvan Petrov: “We will not leave.”', [['Ivan Petrov', 'PERSON']])).toEqual([
      'We will not leave. | Ivan Petrov',
    ]);
  });

  it('treats titles in title case as labels and never takes the addressee for the speaker', () => {
    const text =
      'Tom Baker played “Takin’ It to the Streets” and “Long Train Running”. Marc Benioff weighed in, telling Tim Cook, “since he passed, you have been true to him.”';
    expect(
      attribute(text, [
        ['Tom Baker', 'PERSON'],
        ['Marc Benioff', 'PERSON'],
        ['Tim Cook', 'PERSON'],
      ]),
    ).toEqual([
      'Takin’ It to the Streets | scare',
      'Long Train Running | scare',
      'since he passed, you have been true to him. | Marc Benioff',
    ]);
  });

  it('gives "the company said" to the organisation named last', () => {
    const text = 'Acme Holdings cut 300 jobs on Monday. “We had no choice,” the company said.';
    expect(attribute(text, [['Acme Holdings', 'ORG']])).toEqual(['We had no choice, | Acme Holdings']);
  });
});

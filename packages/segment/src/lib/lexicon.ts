/**
 * Word lists the boundary rules consult. The split into abbreviations written before a name,
 * before a number, and the rest follows the Pragmatic Segmenter (GitHub
 * `diasks2/pragmatic_segmenter`: `PREPOSITIVE_ABBREVIATIONS`, `NUMBER_ABBREVIATIONS`) and pySBD
 * (`nipunsadvilkar/pySBD`, which keeps the same lists); the entries themselves are general
 * English usage (AP style for states and months), not copied lists.
 * All lookups are on the word without its final period, lower-cased.
 */

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/**
 * Abbreviations written before a name: a capitalised word after them is part of the same
 * sentence ("Dr. Smith", "Mt. Fuji", "Gen. Lee").
 */
export const titleAbbreviations = words(`
  mr mrs ms mssrs messrs mme mlle dr prof rev fr hon pres gov sen rep reps sens
  gen lt col maj capt cpt cmdr cdr adm brig sgt cpl pvt supt insp det atty amb
  st mt ft ste esq
`);

/** Abbreviations written before a number: "No. 5", "p. 55", "Vol. 2", "Fig. 3". */
export const numberAbbreviations = words(`
  no nos nr n° nº p pp vol vols fig figs art ch chap sec secs para paras ed eds op tel ext
  pts ref refs rm apt bldg ver ca pop
`);

/**
 * Abbreviations that end a sentence only when a typical sentence opener follows ("& Co. It
 * closed", but "Co. at noon", "Inc. Chief"). These count only when written with a capital, as
 * most of them are also ordinary words ("ill", "mass", "wed").
 */
export const properAbbreviations = words(`
  inc co corp ltd llc plc bros assn assoc dept div univ inst govt intl natl
  jan feb mar apr jun jul aug sep sept oct nov dec
  mon tue tues wed thu thur thurs fri sat sun
  ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
  mont neb nev okla ore pa penn tenn tex va vt wash wis wisc wyo
  ave blvd rd hwy sq ln
  jr sr phd mba bsc msc dds
`);

/** The same kind, in any case: units and scholarly shorthand. */
export const otherAbbreviations = words(`
  co vs etc al cf viz ibid mins hrs hr yr yrs mos wk wks oz lb lbs yd km kg cm mm
  dept gal qt tbsp tsp pkg misc approx est
`);

/**
 * Latin abbreviations that are never the end of a sentence even before a capital
 * ("i.e. The", "e.g. Google").
 */
export const neverFinalAbbreviations = words('i.e e.g cf viz vs v');

/**
 * Words that usually open a sentence. After an ambiguous abbreviation ("U.S.", "Co.", an
 * initial) a capitalised word from this list marks a boundary. The core is the English
 * `SENTENCE_STARTERS` of the Pragmatic Segmenter (`lib/pragmatic_segmenter/languages/english.rb`)
 * and pySBD (`pysbd/lang/english.py`), MIT; the rest are pronouns, determiners and sentence adverbs.
 */
export const sentenceStarters = words(`
  a being did for he how however i in it millions more she that the there they we what when
  where who why this these those but and so then if as at after also our his her its their
  my your you some many most all according while although yet meanwhile still now today
  last earlier later an is are was were do does can will would should could please thanks
  not no on one two three several both each every other such here once since because
  instead indeed moreover furthermore nevertheless despite during under with by from to
  let lets let's
`);

/** Top-level domains, so "Newsfeeds.Com" is not split like "world.Today". */
export const topLevelDomains = words(`
  com org net edu gov mil int io co uk us ca de fr au jp cn ru info biz tv me ly html htm php
  asp aspx jsp pdf doc docx txt jpg jpeg png gif xls xlsx ppt
`);

/** Closing formulas of letters and e-mails, lower-cased, with their comma ("Thanks,", "Best regards,"). */
export const valedictions: ReadonlySet<string> = new Set([
  'thanks,',
  'cheers,',
  'regards,',
  'best,',
  'sincerely,',
  'yours,',
  'love,',
  'thank you,',
  'many thanks,',
  'best regards,',
  'kind regards,',
  'warm regards,',
  'warmest regards,',
  'good luck,',
  'best wishes,',
  'all best,',
  'yours truly,',
  'yours sincerely,',
  'take care,',
]);

/** Labels that open a photo or media credit inside a paragraph ("… the ceremony Image: Jane Doe."). */
export const creditLabels = words('Image: Images: Photo: Photos: Photograph: Picture: Credit: Credits: Video:');

/**
 * Words that are capitalised inside a line only when they open a sentence (titles aside): a
 * subset of `sentenceStarters` without "I", "A" and other words that also name things.
 */
export const clauseOpeners = words(`
  the in it they we he she this there these those but so then if however what when where why
  how our my his her their its you your after also according meanwhile
`);

/** Lower-case function words a line cannot end with when it is a heading: the sentence goes on. */
export const continuationWords = words(`
  a an the and or but nor of to in on at by for with from as that than into onto over about
  is are was were be been has have had will would can could should may might must said says
`);

/** Words that open a salutation ("Hi David,", "Dear Ms Lee:"). */
export const greetings = words('hi hello dear hey greetings morning');

#!/usr/bin/env node
// `npm run eval:quotes`: quotations and their speakers on the hand-annotated dev set
// (packages/entities/test/quote-dev, format in its README): real news pages from the Scrapinghub
// extraction benchmark in ../shared, run through the whole pipeline as a user would, and every
// annotated quotation matched by its text (never by offsets, so a change in extraction moves no
// annotation). Prints, per part of the set, the four figures issue 16 sets targets for:
//   found          annotated quotations the pipeline found, of those whose text it kept
//   right speaker  found quotations given the annotated speaker (or none where the article names none)
//   wrong speaker  found quotations given another speaker
//   none           found quotations left without a speaker although the article names one
//   scare-marked   found quotations marked as scare quotes
// and how the annotated scare quotes and titles fared. `held-out` is the part kept out of the
// rules' tuning: its lines are summary figures only; `--detail` lists the misses of the others.
// `probe` (when the folder exists) holds newly annotated articles scored once before the rules
// are changed for them, an estimate of how the rules generalise; they then move to `tune`.
//
//   node scripts/eval-quotes.mjs [--part tune|held-out|probe] [--detail] [--cues] [--kinds] [--bands] [--causes] [--body] [--json]
//
// --kinds tallies right / wrong / none by the kind of cue that decided (named in the sentence, a
// pronoun, a role noun, a continued speaker, an organisation or document, no clause); --bands
// tallies right / wrong by confidence; --causes tallies the wrong, none and scare-marked answers by the cue that
// decided them, names left out ("“he”: … or …, nothing decides"), most frequent first. All three are aggregate figures, so they are printed for
// `held-out` too: they say how its errors fall without showing which quotations they are.
//
// --body feeds the benchmark's gold article body as plain text instead of the HTML page, which
// takes extraction out of the measurement.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const devDir = path.join(root, 'packages/entities/test/quote-dev');
const shared = path.resolve(root, '../shared/benchmarks');
const benchDir = path.join(shared, 'extraction/scrapinghub');
const pipelineEntry = path.join(root, 'packages/pipeline/dist/index.js');
const parts = ['tune', 'held-out', 'probe'];

const { values: args } = parseArgs({
  options: {
    part: { type: 'string' },
    detail: { type: 'boolean', default: false },
    cues: { type: 'boolean', default: false },
    body: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    kinds: { type: 'boolean', default: false },
    bands: { type: 'boolean', default: false },
    causes: { type: 'boolean', default: false },
  },
});

/**
 * Reuters copy from CoNLL-2003's token-per-line files as a reader saw it: tokens joined with the
 * spacing of running text, straight quote marks paired by their order in the story, and each
 * sentence a paragraph (Reuters writes one-sentence paragraphs) except where a quotation runs on.
 */
function conllStories(file) {
  return readFileSync(file, 'utf8')
    .split(/^-DOCSTART-.*$/m)
    .slice(1)
    .map((doc) => {
      let open = false;
      let glue = false;
      const paragraphs = [];
      for (const sentence of doc.trim().split(/\n\s*\n/)) {
        // A sentence the corpus split after a closing mark ("…?" / asked X) or inside a quotation
        // stays in its paragraph.
        const words = sentence.split('\n').map((line) => line.split(' ')[0]);
        // … or a short clause the corpus split off after a question ("…?" / Gore said.).
        const saidAfter = words.length <= 6 && words.some((w) => /^(?:said|says|added|asked)$/.test(w));
        // … or what follows a title or company abbreviation it took for a sentence end ("Rep." / Tony Hall).
        const last = paragraphs.at(-1) ?? '';
        const runsOn =
          open ||
          /^[a-z.,;:]/.test(sentence) ||
          (saidAfter && /"$/.test(last)) ||
          /\b(?:Rep|Gov|Sen|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Capt|Sgt|Rev|Co|Corp)\.$/.test(last);
        const joined = glue || /^[.,;:]/.test(sentence);
        let text = '';
        for (const token of words) {
          const closing = token === '"' && open;
          if (token === '"') open = !open;
          const attach = closing || /^(?:[.,:;?!%)]|'s|'|n't|'re|'ve|'ll|'d|'m)$/i.test(token);
          text += (text && !attach && !glue ? ' ' : '') + token;
          glue = (token === '"' && !closing) || token === '(' || token === '$';
        }
        if (runsOn && paragraphs.length) paragraphs[paragraphs.length - 1] += (joined ? '' : ' ') + text;
        else paragraphs.push(text);
      }
      return paragraphs.join('\n\n');
    });
}

/**
 * Where an annotated article's text comes from (`source` in its JSON; Scrapinghub when absent), as
 * the input and file name the pipeline is given: the Scrapinghub HTML page (or, with --body, its
 * gold body); a GUM news document (Wikinews, one paragraph a line); a CoNLL-2003 dev or train story, or
 * a document of UD English EWT's train split (Universal NER's copy), by its number in the file.
 */
const sources = {
  scrapinghub: (page, bodies) =>
    bodies
      ? [bodies[page].articleBody, 'body.txt']
      : [gunzipSync(readFileSync(path.join(benchDir, 'html', `${page}.html.gz`))).toString('utf8'), 'page.html'],
  'gum-news': (page) => {
    const lines = readFileSync(path.join(shared, 'sbd/gum-news-all.jsonl'), 'utf8').trim().split('\n');
    const doc = lines.map((line) => JSON.parse(line)).find((d) => d.doc === page);
    return [doc.text.replace(/\n/g, '\n\n'), 'article.txt'];
  },
  'conll2003-dev': (page) => [conllStories(path.join(shared, 'ner/conll2003/dev.txt'))[Number(page)], 'article.txt'],
  'conll2003-train': (page) => [
    conllStories(path.join(shared, 'ner/conll2003/train.txt'))[Number(page)],
    'article.txt',
  ],
  // UD English EWT's train split in Universal NER's token-per-line copy: the same format.
  'uner-ewt-train': (page) => [
    conllStories(path.join(shared, 'ner/uner-en-ewt/train.txt'))[Number(page)],
    'article.txt',
  ],
};

/** Text as the matcher compares it: one kind of quote mark and apostrophe, one space, no case. */
function normaliseText(value) {
  return value
    .normalize('NFKC')
    .replace(/[‘’‚‛′`]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .trim();
}

const NAME_TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'president', 'the', 'sir', 'lt', 'col']);
const GENERATIONAL = new Set(['jr', 'sr', 'ii', 'iii']);

/** Words of a name without dots, possessives, diacritics, titles and a leading article. */
function nameWords(name) {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[.,]/g, '')
    .split(/\s+/)
    .filter(Boolean);
  let first = 0;
  while (first < words.length - 1 && NAME_TITLES.has(words[first])) first++;
  return words.slice(first);
}

/**
 * Whether a system speaker name stands for an annotated one: the same words, or one a shorter
 * form of the other ("Hawk Sawyer" of "Kathleen Hawk Sawyer", "Big Machine" of "Big Machine
 * Records"), never across a generation ("Donald Trump" is not "Donald Trump Jr.").
 */
function sameName(system, annotated) {
  const a = nameWords(system);
  const b = nameWords(annotated);
  if (!a.length || !b.length) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const equalAt = (offset) => short.every((w, i) => long[offset + i] === w);
  if (short.length === long.length) return equalAt(0);
  if (equalAt(long.length - short.length)) return true;
  return equalAt(0) && !GENERATIONAL.has(long[long.length - 1]);
}

function loadPart(part) {
  const dir = path.join(devDir, part);
  // `probe` holds new articles only while they are scored before any rule sees them.
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
}

/** Score one article's document against its annotations; returns one row per annotated quotation. */
function scoreArticle(article, annotation) {
  const names = new Map(article.entityIndex.map((r) => [r.id, [r.name, ...r.aliases]]));
  const docText = normaliseText(article.text);
  const quotes = article.quotes.map((q) => ({ ...q, norm: normaliseText(q.text) }));
  const count = new Map();
  for (const a of annotation.quotes) count.set(normaliseText(a.text), (count.get(normaliseText(a.text)) ?? 0) + 1);
  const taken = new Map();
  return annotation.quotes.map((a) => {
    const snippet = normaliseText(a.text);
    // A quotation that opens with the snippet before one that only holds it; where a page repeats
    // it more often than the body does (a headline, a summary above the article), the last ones.
    // A whole quotation that is the snippet comes first ("business" is not the start of "businesses").
    const inner = (q) => q.norm.replace(/^["'\s]+|["'\s.,;:!?]+$/g, '');
    const whole = quotes.filter((q) => inner(q) === snippet.replace(/[\s.,;:!?]+$/, ''));
    const opening = whole.length ? whole : quotes.filter((q) => q.norm.replace(/^["'\s]+/, '').startsWith(snippet));
    const candidates = opening.length ? opening : quotes.filter((q) => q.norm.includes(snippet));
    const k = taken.get(snippet) ?? 0;
    taken.set(snippet, k + 1);
    const got = candidates[Math.min(candidates.length - 1, Math.max(0, candidates.length - count.get(snippet)) + k)];
    const row = { text: a.text, scare: !!a.scare, expected: a.speaker ?? null };
    if (!got) return { ...row, outcome: docText.includes(snippet) ? 'missed' : 'not-in-text' };
    const speakerNames = got.speaker ? (names.get(got.speaker) ?? [got.speaker]) : [];
    const result = {
      ...row,
      got: speakerNames[0] ?? null,
      confidence: got.confidence,
      cue: got.cue,
      markedScare: !!got.scare,
    };
    if (a.scare)
      return { ...result, outcome: got.scare ? 'scare-ok' : got.speaker ? 'scare-attributed' : 'scare-plain' };
    if (got.scare) return { ...result, outcome: 'scare-marked' };
    if (!got.speaker) return { ...result, outcome: a.speaker ? 'none' : 'right' };
    const accepted = [a.speaker, ...(a.also ?? [])].filter(Boolean);
    const right = accepted.some((n) => speakerNames.some((s) => sameName(s, n)));
    return { ...result, outcome: right ? 'right' : 'wrong' };
  });
}

function summarise(rows) {
  const count = (outcome) => rows.filter((r) => r.outcome === outcome).length;
  const quotes = rows.filter((r) => !r.scare);
  const inText = quotes.filter((r) => r.outcome !== 'not-in-text').length;
  const found = quotes.filter((r) => r.outcome !== 'not-in-text' && r.outcome !== 'missed').length;
  const share = (n, of) => (of ? Number((n / of).toFixed(3)) : 0);
  const confident = rows.filter((r) => r.outcome === 'wrong' && (r.confidence ?? 1) >= SURE).length;
  return {
    annotated: quotes.length,
    inText,
    found: share(found, inText),
    right: share(count('right'), found),
    wrong: share(count('wrong'), found),
    none: share(count('none'), found),
    scareMarked: share(count('scare-marked'), found),
    counts: {
      found,
      right: count('right'),
      wrong: count('wrong'),
      none: count('none'),
      scareMarked: count('scare-marked'),
      missed: count('missed'),
      notInText: count('not-in-text'),
      wrongConfident: confident,
    },
    scareQuotes: {
      annotated: rows.filter((r) => r.scare).length,
      markedScare: count('scare-ok'),
      givenSpeaker: count('scare-attributed'),
      plain: count('scare-plain'),
    },
  };
}

function printSummary(part, s, articles) {
  const c = s.counts;
  console.log(
    `${part}: ${articles} articles, ${s.annotated} quotations (${s.inText} in the text) — ` +
      `found ${s.found} (${c.found}), right speaker ${s.right} (${c.right}), wrong speaker ${s.wrong} (${c.wrong}, ` +
      `${c.wrongConfident} at confidence ≥ ${SURE}), none ${s.none} (${c.none}), scare-marked ${s.scareMarked} (${c.scareMarked}); ` +
      `scare quotes/titles ${s.scareQuotes.annotated}: marked ${s.scareQuotes.markedScare}, ` +
      `given a speaker ${s.scareQuotes.givenSpeaker}`,
  );
}

/** The kind of rule a cue names, for the tallies by kind. */
function cueKind(cue) {
  if (!cue) return 'no cue';
  if (/^pronoun|^“(?:he|she|it|they)”/.test(cue)) return 'pronoun';
  if (/role noun/.test(cue)) return 'role noun';
  if (/continues|elsewhere in the paragraph|someone else/.test(cue)) return 'continuation';
  if (/organisation|statement|letter|spokes|company|document/.test(cue)) return 'organisation or document';
  if (/named|subject of the sentence|according to|surname|author|view of|title|colon|place/.test(cue)) return 'named';
  return 'no clause / other';
}

/** The confidence from which the viewer shows an attribution as sure ("high"); below it, as uncertain. */
const SURE = 0.8;

function printKinds(rows) {
  const byKind = new Map();
  for (const r of rows) {
    if (r.scare || !['right', 'wrong', 'none'].includes(r.outcome)) continue;
    const kind = cueKind(r.cue);
    const c = byKind.get(kind) ?? { right: 0, wrong: 0, none: 0, sureWrong: 0 };
    // A right answer of no speaker is an abstention that was right.
    c[r.outcome === 'right' && !r.got ? 'none' : r.outcome]++;
    if (r.outcome === 'wrong' && r.confidence >= SURE) c.sureWrong++;
    byKind.set(kind, c);
  }
  for (const [kind, c] of [...byKind].sort((a, b) => b[1].right - a[1].right))
    console.log(
      `  ${kind.padEnd(26)} right ${String(c.right).padStart(4)}  wrong ${String(c.wrong).padStart(3)} ` +
        `(${c.sureWrong} at ≥ ${SURE})  no speaker ${String(c.none).padStart(3)}`,
    );
}

/** A cue without the names in it, so that one cause is one line whoever it names. */
function causeOf(cue) {
  if (!cue) return 'no cue';
  return cue
    .replace(/^too uncertain to name .*? \((.*)\)$/, 'too uncertain to name … ($1)')
    .replace(/“[^”]*”/g, '“…”')
    .replace(/: .* or .*, (named just before, )?nothing decides/, ': … or …, $1nothing decides')
    .replace(/: .* and .* together/, ': … and … together');
}

function printCauses(rows) {
  const byCause = new Map();
  for (const r of rows) {
    if (r.scare || (r.outcome !== 'wrong' && r.outcome !== 'none' && r.outcome !== 'scare-marked')) continue;
    const cause = causeOf(r.cue);
    const c = byCause.get(cause) ?? { wrong: 0, none: 0, 'scare-marked': 0 };
    c[r.outcome]++;
    byCause.set(cause, c);
  }
  const total = (c) => c.wrong + c.none + c['scare-marked'];
  for (const [cause, c] of [...byCause].sort((a, b) => total(b[1]) - total(a[1])))
    console.log(
      `  wrong ${String(c.wrong).padStart(3)}  none ${String(c.none).padStart(3)}  scare ${String(c['scare-marked']).padStart(2)}  ${cause}`,
    );
}

const BANDS = [0.9, 0.8, 0.7, 0.6, 0.5, 0];

function printBands(rows) {
  for (const [i, low] of BANDS.entries()) {
    const inBand = rows.filter(
      (r) =>
        !r.scare &&
        r.got &&
        (r.outcome === 'right' || r.outcome === 'wrong') &&
        r.confidence >= low &&
        (i === 0 || r.confidence < BANDS[i - 1]),
    );
    const wrong = inBand.filter((r) => r.outcome === 'wrong').length;
    console.log(
      `  confidence ≥ ${low.toFixed(1)}${i ? ` < ${BANDS[i - 1].toFixed(1)}` : '      '}: ${String(inBand.length).padStart(4)} attributed, ${wrong} wrong`,
    );
  }
}

async function main() {
  if (!existsSync(benchDir)) {
    console.log(`skipped: the benchmark pages are not at ${benchDir}`);
    return;
  }
  if (!existsSync(pipelineEntry)) {
    console.error('build first: npm run build');
    process.exitCode = 1;
    return;
  }
  if (args.part && !parts.includes(args.part)) throw new Error(`--part must be one of ${parts.join(', ')}`);
  const { processArticle } = await import(pathToFileURL(pipelineEntry).href);
  const bodies = args.body ? JSON.parse(readFileSync(path.join(benchDir, 'ground-truth.json'), 'utf8')) : undefined;
  const report = {};
  for (const part of args.part ? [args.part] : parts) {
    const annotations = loadPart(part);
    if (!annotations.length && part === 'probe') continue;
    const rows = [];
    for (const annotation of annotations) {
      const from = sources[annotation.source ?? 'scrapinghub'];
      if (!from) throw new Error(`${annotation.page}: unknown source ${annotation.source}`);
      const [input, file] = from(annotation.page, bodies);
      const article = await processArticle(input, { path: file });
      for (const row of scoreArticle(article, annotation)) rows.push({ page: annotation.page.slice(0, 12), ...row });
    }
    const summary = summarise(rows);
    report[part] = summary;
    if (!args.json) printSummary(part, summary, annotations.length);
    if (args.kinds && !args.json) printKinds(rows);
    if (args.bands && !args.json) printBands(rows);
    if (args.causes && !args.json) printCauses(rows);
    if (args.cues && part !== 'held-out' && !args.json) {
      const byCue = new Map();
      for (const r of rows) {
        if (r.scare || !r.cue || (r.outcome !== 'right' && r.outcome !== 'wrong' && r.outcome !== 'none')) continue;
        const key = r.cue.replace(/“[^”]*”/g, '“…”');
        const c = byCue.get(key) ?? { right: 0, wrong: 0, none: 0 };
        c[r.outcome]++;
        byCue.set(key, c);
      }
      for (const [cue, c] of [...byCue].sort((a, b) => b[1].right + b[1].wrong - a[1].right - a[1].wrong))
        console.log(
          `  ${String(c.right).padStart(4)} right ${String(c.wrong).padStart(3)} wrong ${String(c.none).padStart(3)} none  ${cue}`,
        );
    }
    // Misses of the held-out part are not listed: reading them would be tuning on them.
    if (args.detail && part !== 'held-out' && !args.json) {
      for (const r of rows) {
        if (r.outcome === 'right' || r.outcome === 'scare-ok') continue;
        const conf = r.confidence === undefined ? '' : ` ${r.confidence.toFixed(2)}`;
        console.log(
          `  ${r.outcome.padEnd(16)} ${r.page} “${r.text}” expected ${r.expected ?? '-'}, got ${r.got ?? '-'}${conf}${r.cue ? ` (${r.cue})` : ''}`,
        );
      }
    }
  }
  if (args.json) console.log(JSON.stringify(report, null, 2));
}

await main();

/**
 * Synthetic articles for tests and `npm run bench:corpus`: valid `galley.article/1` documents
 * whose people, organisations, places, sites and dates follow Zipf-like spreads (a few names in
 * many articles, a long tail in one or two), with quotes (most attributed, some not), GeoNames
 * coordinates on places, and text whose words spread the same way, so search, entity and source
 * pages meet the shapes a real corpus has. Every name is made from syllables here; nothing comes
 * from a fixture. Article `n` is always the same document.
 */
import { ARTICLE_SCHEMA, type Article, type EntityLabel, partitionPoint, sha256 } from '@galley/document';
import pg from 'pg';

/** The PostgreSQL server tests use by default: the local one, as postgres with trust auth. */
export const TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Why PostgreSQL cannot be used for tests (undefined when it answers). */
export async function postgresUnavailable(adminUrl = TEST_POSTGRES_URL): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${adminUrl} is not reachable (${(error as Error).message}); .ci/run starts one`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A new, empty database with a random name on the server of `adminUrl`; `drop()` removes it. */
export async function temporaryDatabase(
  adminUrl = TEST_POSTGRES_URL,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `galley_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Sizes of the synthetic world. */
export interface SyntheticOptions {
  /** Distinct people. Default 200000. */
  people?: number;
  /** Distinct organisations. Default 50000. */
  organisations?: number;
  /** Distinct places. Default 8000. */
  places?: number;
  /** Sites. Default 80. */
  sites?: number;
  /** First day of the date range (ISO). Default `2021-01-01`. */
  from?: string;
  /** Days the dates spread over. Default 1826 (five years). */
  days?: number;
}

/** A small, fast, seedable generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draw 0…n−1 with probability ∝ 1/(i+1)^s: cumulative weights, binary search. */
function zipf(n: number, s: number): (r: number) => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / Math.pow(i + 1, s);
  return (r) => {
    const target = r * sum;
    return Math.min(
      n - 1,
      partitionPoint(n, (i) => cumulative[i] < target),
    );
  };
}

const onsets = [
  'b',
  'd',
  'f',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'z',
  'br',
  'kr',
  'st',
  'th',
  'sh',
];
const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'ou'];
const codas = ['', '', 'n', 'r', 'l', 's', 'm', 'th', 'ck', 'nd'];

/** A made-up word of `syllables` syllables from `i` (bijective enough for distinct names). */
function word(i: number, syllables: number): string {
  let out = '';
  let x = i + 7919;
  for (let k = 0; k < syllables; k++) {
    out += onsets[x % onsets.length] + vowels[Math.floor(x / onsets.length) % vowels.length];
    x = Math.floor(x / (onsets.length * vowels.length)) + k * 31 + 3;
  }
  return out + codas[i % codas.length];
}

const capital = (w: string) => w[0].toUpperCase() + w.slice(1);
const personName = (i: number) => `${capital(word(i * 3 + 1, 2))} ${capital(word(i * 7 + 2, 2 + (i % 2)))}`;
const orgKinds = [
  'Council',
  'Holdings',
  'Institute',
  'Union',
  'Party',
  'Foundation',
  'Agency',
  'Group',
  'Bank',
  'Trust',
];
const orgName = (i: number) => `${capital(word(i * 5 + 3, 2))} ${orgKinds[i % orgKinds.length]}`;
const placeName = (i: number) => capital(word(i * 11 + 5, 2 + (i % 3 === 0 ? 1 : 0)));
const paperKinds = ['Herald', 'Courier', 'Gazette', 'Post', 'Times', 'Observer', 'Echo', 'Chronicle'];
const siteName = (i: number) => `The ${capital(word(i * 13 + 11, 2))} ${paperKinds[i % paperKinds.length]}`;
const miscName = (i: number) => `${capital(word(i * 17 + 13, 2))} Festival`;

/** Everyday words of news prose; the rest of the vocabulary is made-up words with a Zipf spread. */
const common = (
  'the of and to in a on for with said that was by as at from is it will has have after over new ' +
  'their more than about government city plan year people last week police report court election ' +
  'budget minister school health water workers market company prices public local state officials ' +
  'council vote law project funding energy housing service community hospital river road bridge ' +
  'team season talks agreement protest results investigation rules decision meeting statement'
).split(' ');
const verbs = [
  'announced',
  'rejected',
  'backed',
  'criticised',
  'approved',
  'warned',
  'questioned',
  'welcomed',
  'delayed',
];
const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Builds text with standoff spans, as the pipeline would have found them. */
class Builder {
  text = '';
  blocks: Article['blocks'] = [];
  sentences: Article['sentences'] = [];
  entities: Article['entities'] = [];
  quotes: Article['quotes'] = [];
  #blockStart = 0;
  #sentenceStart = 0;

  add(part: string): this {
    this.text += part;
    return this;
  }
  mention(name: string, label: EntityLabel, entity: string): this {
    this.entities.push({ start: this.text.length, end: this.text.length + name.length, label, entity });
    return this.add(name);
  }
  quote(words: string, speaker?: string): this {
    const text = `“${words},”`;
    this.quotes.push({
      start: this.text.length,
      end: this.text.length + text.length,
      text,
      ...(speaker ? { speaker } : {}),
    });
    return this.add(text);
  }
  startSentence(): this {
    this.#sentenceStart = this.text.length;
    return this;
  }
  endSentence(): this {
    this.sentences.push({ start: this.#sentenceStart, end: this.text.length });
    return this;
  }
  startBlock(): this {
    if (this.text) this.add('\n\n');
    this.#blockStart = this.text.length;
    return this;
  }
  endBlock(type: 'title' | 'paragraph'): this {
    this.blocks.push({ type, start: this.#blockStart, end: this.text.length });
    return this;
  }
}

/** A synthetic world: call {@link SyntheticWorld.article} for article `n`. */
export class SyntheticWorld {
  readonly options: Required<SyntheticOptions>;
  readonly #person: (r: number) => number;
  readonly #org: (r: number) => number;
  readonly #place: (r: number) => number;
  readonly #site: (r: number) => number;
  readonly #vocabulary: (r: number) => number;
  readonly #start: number;

  constructor(options: SyntheticOptions = {}) {
    this.options = {
      people: options.people ?? 200_000,
      organisations: options.organisations ?? 50_000,
      places: options.places ?? 8000,
      sites: options.sites ?? 80,
      from: options.from ?? '2021-01-01',
      days: options.days ?? 1826,
    };
    this.#person = zipf(this.options.people, 1.05);
    this.#org = zipf(this.options.organisations, 1.05);
    this.#place = zipf(this.options.places, 1.1);
    this.#site = zipf(this.options.sites, 1.2);
    this.#vocabulary = zipf(60_000, 1.0);
    this.#start = Date.parse(`${this.options.from}T00:00:00Z`);
  }

  /** Article number `n` (0-based), a valid document. */
  article(n: number): Article {
    const r = random(n * 2654435761 + 1);
    const b = new Builder();
    const records: Article['entityIndex'] = [];
    const ids = new Map<string, string>();
    const entity = (label: EntityLabel, name: string, geo?: { place: number }): string => {
      let id = ids.get(`${label}:${name}`);
      if (!id) {
        id = `e${records.length + 1}`;
        ids.set(`${label}:${name}`, id);
        records.push({
          id,
          label,
          name,
          aliases: [],
          mentions: 0,
          ...(geo
            ? {
                geo: {
                  geonameId: 2_000_000 + geo.place,
                  country: String.fromCharCode(65 + (geo.place % 26), 65 + ((geo.place >> 3) % 26)),
                  // Land-ish latitudes; longitudes around the globe.
                  lat: Math.round((((geo.place * 7919) % 12000) / 100 - 55) * 1000) / 1000,
                  lon: Math.round((((geo.place * 104729) % 36000) / 100 - 180) * 1000) / 1000,
                },
              }
            : {}),
        });
      }
      return id;
    };
    const people = Array.from({ length: 2 + Math.floor(r() * 4) }, () => personName(this.#person(r())));
    const orgs = Array.from({ length: 1 + Math.floor(r() * 3) }, () => orgName(this.#org(r())));
    const places = Array.from({ length: 1 + Math.floor(r() * 3) }, () => this.#place(r()));
    const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
    const words = (count: number) => {
      let out = '';
      for (let i = 0; i < count; i++) {
        const v = this.#vocabulary(r());
        out += (i ? ' ' : '') + (v < common.length ? common[v] : word(v, 2 + (v % 3)));
      }
      return out;
    };
    const mentionPerson = (name: string, again: boolean) => {
      const id = entity('PERSON', name);
      const last = name.split(' ')[1];
      if (again) {
        const record = records.find((x) => x.id === id)!;
        if (!record.aliases.includes(last)) record.aliases.push(last);
        b.mention(last, 'PERSON', id);
      } else b.mention(name, 'PERSON', id);
      return id;
    };

    b.startBlock().startSentence();
    mentionPerson(people[0], false);
    b.add(` ${pick(verbs)} `)
      .mention(orgs[0], 'ORG', entity('ORG', orgs[0]))
      .add(` over ${words(3)}`);
    b.endSentence().endBlock('title');
    const title = b.text;
    const paragraphs = 8 + Math.floor(r() * 9);
    const named = new Set<string>([people[0]]);
    for (let p = 0; p < paragraphs; p++) {
      b.startBlock();
      const sentences = 1 + Math.floor(r() * 3);
      for (let s = 0; s < sentences; s++) {
        if (s) b.add(' ');
        b.startSentence();
        const kind = r();
        if (kind < 0.3) {
          const person = pick(people);
          const unknown = r() < 0.2;
          const speaker = unknown ? undefined : entity('PERSON', person);
          b.quote(words(8 + Math.floor(r() * 10)), speaker);
          if (unknown) b.add(' the statement said.');
          else {
            b.add(' said ');
            mentionPerson(person, named.has(person));
            named.add(person);
            b.add('.');
          }
        } else {
          const place = pick(places);
          const org = pick(orgs);
          b.add(capital(words(3 + Math.floor(r() * 5))) + ' ');
          b.mention(org, 'ORG', entity('ORG', org));
          b.add(` ${pick(verbs)} ${words(4 + Math.floor(r() * 8))} in `);
          b.mention(placeName(place), 'LOC', entity('LOC', placeName(place), { place }));
          b.add(` on ${pick(weekdays)}`);
          if (r() < 0.15) {
            const misc = miscName(this.#place(r()));
            b.add(' during the ').mention(misc, 'MISC', entity('MISC', misc));
          }
          b.add('.');
        }
        b.endSentence();
      }
      b.endBlock('paragraph');
    }
    for (const m of b.entities) records.find((x) => x.id === m.entity)!.mentions++;
    const entityIndex = records.filter((x) => x.mentions > 0);
    const day = Math.floor(Math.pow(r(), 0.7) * this.options.days);
    const published = new Date(this.#start + day * 86_400_000 + Math.floor(r() * 86_400) * 1000);
    const processed = new Date(published.getTime() + 3_600_000 + Math.floor(r() * 36_000_000));
    const site = siteName(this.#site(r()));
    const hash = sha256(`${n}\n${b.text}`);
    const id = `synthetic-${n}-${hash.slice(0, 10)}`;
    return {
      schema: ARTICLE_SCHEMA,
      id,
      source: {
        format: 'html',
        url: `https://www.${site.toLowerCase().replace(/[^a-z]+/g, '')}.example/${published.toISOString().slice(0, 10).replace(/-/g, '/')}/${id}`,
        sha256: hash,
      },
      title,
      site,
      byline: `By ${personName(this.#person(r()))}`,
      published: published.toISOString(),
      language: 'en',
      text: b.text,
      blocks: b.blocks,
      sentences: b.sentences,
      entities: b.entities,
      entityIndex,
      quotes: b.quotes,
      figures: [],
      removed: [],
      stages: { clean: { ms: 1 }, segment: { ms: 0.5 }, entities: { ms: 3 }, publish: { ms: 0.5 } },
      processedAt: processed.toISOString(),
    } as Article;
  }
}

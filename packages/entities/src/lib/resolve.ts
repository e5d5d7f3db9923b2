import { type EntityLabel, type EntityMention, type EntityRecord, collapseSpaces } from '@galley/document';
import { corporateSuffixes, nameConnectors as connectors, personTitles } from './lang/en/index.js';
import { lastBefore } from './sorted.js';

/** A mention before resolution: a span, its label and (for dates and numbers) its value. */
export interface RawMention {
  start: number;
  end: number;
  label: EntityLabel;
  value?: string;
}

/** Resolved mentions (sorted by offset) and the entity records they point to. */
export interface Resolution {
  entities: EntityMention[];
  entityIndex: EntityRecord[];
}

const nameLabels = new Set<EntityLabel>(['PERSON', 'ORG', 'LOC', 'MISC']);

/** Marks and punctuation a tagger may leave on the edges of a name. */
const EDGE_OPEN = '“”"‘’\'([{«‹„-–—,;:';
const EDGE_CLOSE = '“”"‘’\')]}»›,;:!?-–—';
/** A trailing possessive: "Alliance’s", "Reuters’". */
const POSSESSIVE = /(?:['’][sS]?)$/;
/** A leading article, which CoNLL-style spans leave out. */
const LEADING_ARTICLE = /^(?:the|The|THE)\s+/;

/** "X, otherwise known as Y", "X, also known as the Y", "X (Y)": the gap between a name and its alias. */
const aliasGap =
  /(?:,?\s{1,3}(?:(?:otherwise|also|better|commonly|widely|formerly|now)\s{1,3})?known\s{1,3}as\s{1,3}(?:the\s{1,3})?|\s{0,3}\(\s{0,3}(?:the\s{1,3})?)/y;
/** A capitalised run the tagger may have missed right after an alias gap. */
const capitalisedRun = /\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s\p{Lu}[\p{L}\p{N}&.'’-]*){0,5}/uy;
/** Longest opening of an organisation's name indexed as a short form ("Federal Service"). */
const MAX_PREFIX_WORDS = 6;
const TOKEN_SPLIT = /[\s,;:-]+/;
const DOTS = /\./g;
const APOSTROPHES = /[’']/g;
const DIACRITICS = /[\u0300-\u036f]/g;
const SLUG_JUNK = /[^a-z0-9]+/g;
const SLUG_EDGES = /^-+|-+$/g;

/** Narrow a name span: no edge punctuation or stray quotes, no possessive, no leading "the". */
function trimName(text: string, m: RawMention): RawMention | undefined {
  let { start, end } = m;
  while (start < end && (EDGE_OPEN.includes(text[start]) || text.charCodeAt(start) <= 32)) start++;
  for (;;) {
    const before = end;
    while (end > start && (EDGE_CLOSE.includes(text[end - 1]) || text.charCodeAt(end - 1) <= 32)) end--;
    const possessive = POSSESSIVE.exec(text.slice(Math.max(start, end - 2), end));
    if (possessive && end - possessive[0].length > start) end -= possessive[0].length;
    // A sentence's full stop, not an abbreviation's ("Sergeev." but not "Corp." or "U.S.").
    if (end > start && text[end - 1] === '.') {
      const word = text.slice(text.lastIndexOf(' ', end - 1) + 1, end - 1);
      if (word.length > 4 && !word.includes('.')) end--;
    }
    if (end === before) break;
  }
  const article = LEADING_ARTICLE.exec(text.slice(start, Math.min(end, start + 5)));
  if (article && start + article[0].length < end) start += article[0].length;
  return end > start ? { ...m, start, end } : undefined;
}

const OF_FOR = / (?:of|for) /;
const AND = / and /;

/**
 * Whether `next` completes the enumeration that ends organisation `name`: a tagger often cuts
 * "Federal Service for Supervision of Communications, Information Technology and Mass Media" at
 * the comma. A following name that itself holds the final "and" is the rest of the list.
 */
function continuesEnumeratedName(text: string, name: RawMention, next: RawMention): boolean {
  return (
    name.label === 'ORG' &&
    next.start === name.end + 2 &&
    text.startsWith(', ', name.end) &&
    OF_FOR.test(text.slice(name.start, name.end)) &&
    AND.test(text.slice(next.start, next.end))
  );
}

/** Anything beyond ASCII, where diacritics can be. */
const NON_ASCII = /[^\0-\x7f]/;

/** A string without diacritics ("José" → "Jose"): decomposed, combining marks dropped. */
function withoutDiacritics(value: string): string {
  // Most names are plain ASCII, which decomposition leaves as it is; skipping it there saves the
  // better part of building a key.
  return NON_ASCII.test(value) ? value.normalize('NFKD').replace(DIACRITICS, '') : value;
}

/** Comparison key of a name: case, dots, apostrophes and diacritics do not matter. */
function nameKey(surface: string): string {
  return withoutDiacritics(surface).replace(DOTS, '').replace(APOSTROPHES, "'").toLowerCase().trimEnd();
}

/** Key words of a name, leading titles dropped for people ("Judge Andrew Kerr" is "andrew kerr"). */
function keyTokens(key: string, person: boolean): string[] {
  const tokens = key.split(TOKEN_SPLIT).filter(Boolean);
  let first = 0;
  while (person && first < tokens.length - 1 && personTitles.has(tokens[first])) first++;
  const kept = tokens.slice(first);
  // A middle initial tells nothing apart: "Henry T. Osgood" is "Henry Osgood".
  return person && kept.length > 2 ? kept.filter((t, i) => i === 0 || i === kept.length - 1 || t.length > 1) : kept;
}

/** "Jr.", "Sr.", "III": a generation, which keeps a son apart from his father but is not a surname. */
const GENERATIONS = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** A person's surname: the last key word that is not a generation ("Osgood" of "Henry Osgood Jr."). */
function surnameOf(tokens: readonly string[]): string {
  const last = tokens[tokens.length - 1];
  return GENERATIONS.has(last) && tokens.length > 2 ? tokens[tokens.length - 2] : last;
}

/** Initials of an organisation's significant words: "North Atlantic Treaty Organization" → "nato". */
function acronymOf(tokens: readonly string[]): string {
  let letters = '';
  for (const t of tokens) if (!connectors.has(t)) letters += t[0];
  return letters;
}

/** The word an organisation is called by for short: the last word before "of"/"for", else the last (legal form aside). */
function headOf(tokens: readonly string[]): string {
  let last = tokens.length - 1;
  while (last > 0 && corporateSuffixes.has(tokens[last])) last--;
  let head = tokens[last];
  for (let i = 1; i < tokens.length; i++) {
    if (connectors.has(tokens[i])) {
      head = tokens[i - 1];
      break;
    }
  }
  return head;
}

/** A URL- and file-safe slug. */
export function slugify(name: string): string {
  const slug = withoutDiacritics(name).toLowerCase().replace(SLUG_JUNK, '-').replace(SLUG_EDGES, '');
  if (slug.length <= 48) return slug;
  const cut = slug.slice(0, 48);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : 48);
}

/** All mentions sharing one comparison key. */
interface Group {
  key: string;
  tokens: string[];
  mentions: number[];
  labels: Map<EntityLabel, number>;
}

/** An entity being built: its groups, label and key tokens of its longest name. */
interface Cluster {
  /** Position in the list of clusters, once it is one. */
  index: number;
  groups: Group[];
  label: EntityLabel;
  tokens: string[];
  /** Length of the longest name's key, which orders clusters with as many words. */
  nameLength: number;
  starts: number[];
}

function majorityLabel(groups: readonly Group[]): EntityLabel {
  const counts = new Map<EntityLabel, number>();
  // Longer names weigh more: the tagger labels "Federal Service for …" better than a bare "Roskomnadzor".
  for (const g of groups)
    for (const [l, n] of g.labels) counts.set(l, (counts.get(l) ?? 0) + n * Math.max(1, g.tokens.length));
  let best: EntityLabel = 'MISC';
  let bestCount = -1;
  for (const [l, n] of counts)
    if (n > bestCount) {
      best = l;
      bestCount = n;
    }
  return best;
}

/** Minimal union-find over group indices, for explicit aliases. */
function unionFind(size: number): { find: (i: number) => number; union: (a: number, b: number) => void } {
  // A plain loop: Array.from with a mapping function was the slowest part of setting this up.
  const parent: number[] = [];
  for (let i = 0; i < size; i++) parent.push(i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  return {
    find,
    union: (a, b) => {
      parent[find(a)] = find(b);
    },
  };
}

/**
 * Explicit aliases: "X, otherwise known as Y" and "X (Y)". Adds the alias as a mention with X's
 * label when the tagger missed it, and returns pairs of mention indices to merge.
 */
function findAliases(text: string, names: RawMention[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const count = names.length;
  for (let i = 0; i < count; i++) {
    aliasGap.lastIndex = names[i].end;
    const gap = aliasGap.exec(text);
    if (!gap || gap[0].length === 0) continue;
    const at = aliasGap.lastIndex;
    const next = names[i + 1];
    if (next && next.start === at) {
      pairs.push([i, i + 1]);
      continue;
    }
    if (next && next.start < at + 2) continue;
    capitalisedRun.lastIndex = at;
    const run = capitalisedRun.exec(text);
    if (!run) continue;
    const alias = trimName(text, { start: at, end: at + run[0].length, label: names[i].label });
    if (!alias || (next && alias.end > next.start)) continue;
    names.push(alias);
    pairs.push([i, names.length - 1]);
  }
  return pairs;
}

/** Build the clusters of name mentions: exact keys, explicit aliases, then short forms. */
function clusterNames(text: string, names: RawMention[], keys: string[], clusterOf: number[]): Cluster[] {
  const aliasPairs = findAliases(text, names);
  const groups: Group[] = [];
  const groupByKey = new Map<string, number>();
  const groupOf = new Int32Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const key = keys[i] ?? nameKey(text.slice(names[i].start, names[i].end));
    keys[i] = key;
    let g = groupByKey.get(key);
    if (g === undefined) {
      g = groups.length;
      groupByKey.set(key, g);
      groups.push({ key, tokens: [], mentions: [], labels: new Map() });
    }
    const group = groups[g];
    group.mentions.push(i);
    group.labels.set(names[i].label, (group.labels.get(names[i].label) ?? 0) + 1);
    groupOf[i] = g;
  }
  for (const g of groups) g.tokens = keyTokens(g.key, majorityLabel([g]) === 'PERSON');
  const sets = unionFind(groups.length);
  for (const [a, b] of aliasPairs) sets.union(groupOf[a], groupOf[b]);
  const components = new Map<number, Group[]>();
  for (let g = 0; g < groups.length; g++) {
    const root = sets.find(g);
    const list = components.get(root);
    if (list) list.push(groups[g]);
    else components.set(root, [groups[g]]);
  }
  const pending: Cluster[] = [...components.values()].map((gs) => {
    const longest = gs.reduce((a, b) => (b.tokens.length > a.tokens.length ? b : a));
    return {
      index: -1,
      groups: gs,
      label: majorityLabel(gs),
      tokens: longest.tokens,
      nameLength: longest.tokens.join(' ').length,
      starts: [],
    };
  });
  // Longest names first, so every short form finds the full names it could stand for.
  pending.sort((a, b) => b.tokens.length - a.tokens.length || b.nameLength - a.nameLength);

  const clusters: Cluster[] = [];
  const byLast = new Map<string, Cluster[]>();
  const byFullName = new Map<string, Cluster[]>();
  const byFirst = new Map<string, Cluster[]>();
  const byHead = new Map<string, Cluster[]>();
  const byAcronym = new Map<string, Cluster[]>();
  const byPrefix = new Map<string, Cluster[]>();
  const byFirstWord = new Map<string, Cluster[]>();
  const add = (map: Map<string, Cluster[]>, key: string, c: Cluster) => {
    const list = map.get(key);
    if (!list) map.set(key, [c]);
    else if (!list.includes(c)) list.push(c);
  };
  for (const c of pending) {
    const candidates = shortFormCandidates(c, {
      byLast,
      byFullName,
      byFirst,
      byHead,
      byAcronym,
      byPrefix,
      byFirstWord,
    });
    if (candidates.length) {
      // A surname two people share ("Simpson" after O.J. Simpson and Nicole Brown Simpson) is the
      // one the article brought in first: news copy names the other in full or by first name.
      const people = c.tokens.length === 1 && candidates.length > 1 && candidates.every((x) => x.label === 'PERSON');
      for (const g of c.groups)
        for (const m of g.mentions) {
          const target = people ? firstIntroduced(candidates) : nearestCluster(candidates, names[m].start);
          target.groups.push({ ...g, mentions: [m] });
          clusterOf[m] = target.index;
        }
      continue;
    }
    c.index = clusters.length;
    clusters.push(c);
    for (const g of c.groups) for (const m of g.mentions) clusterOf[m] = c.index;
    for (const g of c.groups) for (const m of g.mentions) c.starts.push(names[m].start);
    c.starts.sort((a, b) => a - b);
    const t = c.tokens;
    if (t.length < 2) continue;
    if (c.label === 'PERSON') {
      add(byLast, surnameOf(t), c);
      add(byFirst, t[0], c);
      add(byFullName, t.join(' '), c);
    } else {
      add(byHead, headOf(t), c);
      add(byAcronym, acronymOf(t), c);
      // Short forms are a few opening words; indexing every prefix of a long name would be quadratic.
      for (let k = 1; k < Math.min(t.length, MAX_PREFIX_WORDS + 1); k++)
        if (!connectors.has(t[k - 1])) add(byPrefix, t.slice(0, k).join(' '), c);
      if (!connectors.has(t[1])) add(byFirstWord, t[0], c);
    }
  }
  return clusters;
}

interface ShortFormIndex {
  byLast: Map<string, Cluster[]>;
  /** People by their key words, middle initials aside: "Henry Osgood Jr." for "Henry T. Osgood Jr.". */
  byFullName: Map<string, Cluster[]>;
  byFirst: Map<string, Cluster[]>;
  byHead: Map<string, Cluster[]>;
  byAcronym: Map<string, Cluster[]>;
  byPrefix: Map<string, Cluster[]>;
  /** Organisations by their first word ("Northwind" for "Northwind Systems Inc."). */
  byFirstWord: Map<string, Cluster[]>;
}

/**
 * The longer entities a short name could stand for: a surname or first name of a person, "A.
 * Sergeev" for "Aleksei Sergeev", an organisation's head word ("the Alliance"), its opening words
 * ("Federal Service") or its initials. A place is never a short form of anything else.
 */
function shortFormCandidates(c: Cluster, index: ShortFormIndex): Cluster[] {
  const t = c.tokens;
  if (c.label === 'LOC' && t.length > 1) return [];
  const longer = (list: Cluster[] | undefined) => (list ?? []).filter((x) => x.tokens.length > t.length);
  if (t.length === 1) {
    const word = t[0];
    const people = [...longer(index.byLast.get(word)), ...longer(index.byFirst.get(word))];
    const people2 = people.filter((x) => x.label === 'PERSON');
    // A bare surname shared by a father and a son means the one without the generation: news copy
    // calls the son "Trump Jr.", never "Trump", once the father is in the article.
    const plain = people2.filter((x) => !GENERATIONS.has(x.tokens[x.tokens.length - 1]));
    if (plain.length && plain.length < people2.length) return [...new Set(plain)];
    if (people2.length) return [...new Set(people2)];
    if (c.label === 'LOC') return [];
    const orgs = longer(index.byHead.get(word));
    if (orgs.length) return orgs;
    // An organisation's first word stands for it ("Northwind" for "Northwind Systems Inc."), even when
    // tagged as a person; a MISC word does not: "Russian" is not the Russian Orthodox Church.
    const named = c.label === 'ORG' || c.label === 'PERSON' ? longer(index.byFirstWord.get(word)) : [];
    if (named.length) return named;
    if (word.length >= 2 && word.length <= 8) return longer(index.byAcronym.get(word));
    return [];
  }
  if (c.label === 'PERSON' && t.length === 2 && t[0].length === 1) {
    // "A Sergeev" (the dots are gone from keys) for "Aleksei Sergeev".
    return (index.byLast.get(t[1]) ?? []).filter(
      (x) => x.label === 'PERSON' && x.tokens[0].length > 1 && x.tokens[0][0] === t[0],
    );
  }
  if (c.label !== 'PERSON') return longer(index.byPrefix.get(t.join(' '))).filter((x) => x.label === c.label);
  return (index.byFullName.get(t.join(' ')) ?? []).filter((x) => x.label === 'PERSON' && x !== c);
}

/** Of several people a surname could mean, the one mentioned first in the article. */
function firstIntroduced(candidates: readonly Cluster[]): Cluster {
  let best = candidates[0];
  for (const c of candidates) if (c.starts[0] < best.starts[0]) best = c;
  return best;
}

/** Of several entities a short form could mean, the one mentioned last before `offset` (else first after). */
function nearestCluster(candidates: readonly Cluster[], offset: number): Cluster {
  let best = candidates[0];
  let bestStart = -1;
  for (const c of candidates) {
    const i = lastBefore(c.starts, offset);
    const start = i >= 0 ? c.starts[i] : -1;
    if (start > bestStart) {
      best = c;
      bestStart = start;
    }
  }
  return best;
}

/** Whether a name is written in capitals only ("OLGA MALTSEVA"), which is not its proper form. */
function isShouting(surface: string): boolean {
  // The cheap tests first: most names are one word, and changing case builds two strings.
  return (
    surface.length > 3 &&
    surface.includes(' ') &&
    surface === surface.toUpperCase() &&
    surface !== surface.toLowerCase()
  );
}

/** A person's name without the titles before it: "Sen. Margaret Ellison" → "Margaret Ellison". */
function withoutTitles(surface: string): string {
  const words = surface.split(' ');
  let first = 0;
  while (first < words.length - 1 && personTitles.has(words[first].replace(DOTS, '').toLowerCase())) first++;
  return words.slice(first).join(' ');
}

/** The canonical name of an entity: the longest proper form, then the first seen. */
function canonicalName(forms: readonly string[], label: EntityLabel): string {
  const surfaces = label === 'PERSON' ? forms.map(withoutTitles) : forms;
  if (surfaces.length === 1) return surfaces[0];
  const score = (s: string) => (isShouting(s) ? 0 : 1_000_000) + s.split(' ').length * 1000 + s.length;
  let best = surfaces[0];
  let bestScore = score(best);
  for (const s of surfaces) {
    const sScore = score(s);
    if (sScore > bestScore) {
      best = s;
      bestScore = sScore;
    }
  }
  return best;
}

/** Unique ids: `label-slug`, numbered when two entities would share one. */
function idMaker(): (label: EntityLabel, name: string) => string {
  const used = new Set<string>();
  return (label, name) => {
    const base = `${label.toLowerCase()}-${slugify(name) || 'entity'}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}

/**
 * Resolve mentions into entities: every mention of one real entity gets the same `entity` id.
 * Names are matched by key (case, dots, possessives and diacritics ignored), explicit aliases
 * ("otherwise known as", parentheses), surnames and first names of people, initials, acronyms,
 * and short forms of organisations; dates and numbers by their normalised value. Name spans are
 * trimmed of stray quotes, possessives and a leading "the"; a name overlapping a date, time,
 * amount or percentage is dropped (taggers trained on CoNLL do not tag those).
 */
export function resolveEntities(
  text: string,
  names: readonly RawMention[],
  numeric: readonly RawMention[],
): Resolution {
  const measures = numeric.filter((m) => m.label !== 'CARDINAL');
  const trimmed: RawMention[] = [];
  let k = 0;
  for (const raw of names) {
    if (!nameLabels.has(raw.label)) throw new TypeError(`resolveEntities: "${raw.label}" is not a name label`);
    const m = trimName(text, raw);
    if (!m) continue;
    while (k < measures.length && measures[k].end <= m.start) k++;
    if (k < measures.length && measures[k].start < m.end) continue;
    const previous = trimmed[trimmed.length - 1];
    if (previous && continuesEnumeratedName(text, previous, m)) previous.end = m.end;
    else trimmed.push(m);
  }
  const keys: string[] = [];
  const clusterOf: number[] = [];
  const clusters = clusterNames(text, trimmed, keys, clusterOf);
  // Mentions of each cluster in text order (alias mentions the resolver added come last in `trimmed`).
  const order = trimmed.map((_, i) => i).sort((a, b) => trimmed[a].start - trimmed[b].start);
  const membersOf: number[][] = clusters.map(() => []);
  for (const i of order) membersOf[clusterOf[i]].push(i);

  // Numbers the tagger also took as part of a name are the name's.
  const cardinals: RawMention[] = [];
  let n = 0;
  for (const m of numeric) {
    if (m.label !== 'CARDINAL') continue;
    while (n < trimmed.length && trimmed[n].end <= m.start) n++;
    if (n < trimmed.length && trimmed[n].start < m.end) continue;
    cardinals.push(m);
  }

  const records: Array<{ record: EntityRecord; first: number }> = [];
  const makeId = idMaker();
  const mentionEntity: string[] = new Array(trimmed.length);
  for (const c of clusters) {
    const members = membersOf[c.index];
    const surfaces: string[] = [];
    const seenKeys = new Set<string>();
    for (const m of members) {
      if (seenKeys.has(keys[m])) continue;
      seenKeys.add(keys[m]);
      surfaces.push(collapseSpaces(text.slice(trimmed[m].start, trimmed[m].end)));
    }
    const name = canonicalName(surfaces, c.label);
    const id = makeId(c.label, name);
    for (const m of members) mentionEntity[m] = id;
    const nameKeyValue = nameKey(name);
    records.push({
      record: {
        id,
        label: c.label,
        name,
        aliases: surfaces.filter((s) => nameKey(s) !== nameKeyValue),
        mentions: members.length,
      },
      first: trimmed[members[0]].start,
    });
  }
  const labelOf = new Map(records.map((r) => [r.record.id, r.record.label]));

  const valued = [...measures, ...cardinals];
  const byValue = new Map<string, { record: EntityRecord; first: number }>();
  const valueEntity: string[] = [];
  for (const m of valued) {
    const surface = collapseSpaces(text.slice(m.start, m.end));
    const key = `${m.label}\u0000${m.value ?? surface.toLowerCase()}`;
    let entry = byValue.get(key);
    if (!entry) {
      entry = {
        record: { id: makeId(m.label, m.value ?? surface), label: m.label, name: surface, aliases: [], mentions: 0 },
        first: m.start,
      };
      byValue.set(key, entry);
      records.push(entry);
    } else if (entry.record.name !== surface && !entry.record.aliases.includes(surface)) {
      entry.record.aliases.push(surface);
    }
    entry.record.mentions++;
    valueEntity.push(entry.record.id);
  }

  const entities: EntityMention[] = [
    ...trimmed.map((m, i) => ({
      start: m.start,
      end: m.end,
      label: labelOf.get(mentionEntity[i]) ?? m.label,
      entity: mentionEntity[i],
    })),
    ...valued.map((m, i) => ({
      start: m.start,
      end: m.end,
      label: m.label,
      entity: valueEntity[i],
      ...(m.value === undefined ? {} : { value: m.value }),
    })),
  ].sort((a, b) => a.start - b.start);
  records.sort((a, b) => a.first - b.first);
  return { entities, entityIndex: records.map((r) => r.record) };
}

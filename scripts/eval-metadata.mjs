#!/usr/bin/env node
// `npm run eval:metadata`: byline, publication date and site name read by @galley/html (built to
// dist) on pages of the shared extraction benchmarks, against our own hand-checked annotations in
// packages/html/dev/metadata/annotations.json (keyed by page path under
// ../shared/benchmarks/extraction; no page text is stored). Accuracy per field; `--json` for a
// machine-readable result, `--misses` to list every wrong field.
//
// Annotation format: `byline` is a list of names (null: the page names no author; a site's own
// name is not an author), alternatives for one name separated by `|`; `date` is the publication
// day, or a list of days where the page's time zone makes the day ambiguous; `site` lists accepted
// names separated by `|`. Names compare case- and punctuation-insensitively.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = path.resolve(root, '../shared/benchmarks/extraction');
const annotationsFile = path.join(root, 'packages/html/dev/metadata/annotations.json');
const modulePath = path.join(root, 'packages/html/dist/index.js');
const args = process.argv.slice(2);

if (!existsSync(data)) {
  console.log(`skipped: the benchmark pages are not at ${data}`);
  process.exit(0);
}
if (!existsSync(modulePath)) {
  console.error(`missing ${modulePath}: run \`npm run build -w @galley/html\` first`);
  process.exit(1);
}
const { extractArticle } = await import(pathToFileURL(modulePath).href);
const annotations = JSON.parse(readFileSync(annotationsFile, 'utf8'));

/** Page URLs as the benchmarks give them (the extractor dates and names a page by its URL too). */
function urls() {
  const map = new Map();
  const truth = JSON.parse(readFileSync(path.join(data, 'scrapinghub/ground-truth.json'), 'utf8'));
  for (const [id, entry] of Object.entries(truth)) map.set(`scrapinghub/html/${id}.html.gz`, entry.url);
  const gold = JSON.parse(readFileSync(path.join(data, 'trafilatura-dev/gold.json'), 'utf8'));
  for (const entry of gold) map.set(`trafilatura-dev/pages/${entry.id}`, entry.url);
  return map;
}

/** Decode as a browser would: BOM, else a charset declared in the first 4 KB, else UTF-8. */
function decode(buffer) {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return new TextDecoder().decode(buffer.subarray(3));
  const declared = buffer
    .subarray(0, 4096)
    .toString('latin1')
    .match(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i);
  try {
    return new TextDecoder(declared ? declared[1].toLowerCase() : 'utf-8').decode(buffer);
  } catch {
    return new TextDecoder().decode(buffer);
  }
}

const squash = (value) =>
  String(value)
    .normalize('NFKD')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]/gu, '');

function bylineRight(expected, found) {
  const names = found ?? [];
  if (expected === null) return names.length === 0;
  if (names.length !== expected.length) return false;
  return expected.every((alternatives) =>
    names.some((n) => alternatives.split('|').some((a) => squash(a) === squash(n))),
  );
}

const fields = ['byline', 'date', 'site'];
const right = Object.fromEntries(fields.map((f) => [f, 0]));
const misses = [];
const pageUrls = urls();
const pages = Object.entries(annotations);
for (const [page, expected] of pages) {
  const html = decode(gunzipSync(readFileSync(path.join(data, page))));
  const article = extractArticle(html, pageUrls.get(page));
  const found = {
    byline: article.meta.authors ?? (article.byline ? [article.byline] : []),
    date: article.published?.slice(0, 10),
    site: article.meta.siteName,
  };
  const checks = {
    byline: bylineRight(expected.byline, found.byline),
    date: [expected.date].flat().includes(found.date),
    site: expected.site.split('|').some((name) => squash(name) === squash(found.site ?? '')),
  };
  for (const field of fields) {
    if (checks[field]) right[field]++;
    else
      misses.push({
        page,
        field,
        expected: expected[field],
        found: found[field] ?? null,
        from: article.meta.provenance?.[field === 'date' ? 'published' : field === 'site' ? 'siteName' : field] ?? null,
      });
  }
}
const accuracy = Object.fromEntries(fields.map((f) => [f, +(right[f] / pages.length).toFixed(3)]));
if (args.includes('--json')) console.log(JSON.stringify({ pages: pages.length, accuracy, misses }));
else {
  console.log(`metadata on ${pages.length} hand-annotated benchmark pages (${path.relative(root, annotationsFile)})`);
  for (const field of fields) console.log(`  ${field.padEnd(7)} ${right[field]}/${pages.length} = ${accuracy[field]}`);
  if (args.includes('--misses'))
    for (const m of misses)
      console.log(
        `  miss ${m.field}: ${m.page} expected ${JSON.stringify(m.expected)} found ${JSON.stringify(m.found)} (${m.from})`,
      );
}

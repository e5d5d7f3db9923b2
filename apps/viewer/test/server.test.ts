import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ViewerApp, createApp, pagePolicy } from '../src/index.js';
import { copyFixtures, fixture, hostileId, mainId, memoryLogger, secondId } from './helpers.js';

let dir: string;
let cleanup: () => void;
let log: ReturnType<typeof memoryLogger>;
const open: ViewerApp[] = [];

beforeEach(() => {
  ({ dir, cleanup } = copyFixtures());
  log = memoryLogger();
});
afterEach(async () => {
  for (const made of open.splice(0)) await made.close();
  cleanup();
});

/** A viewer over a copy of the fixtures, once it has indexed them (they come with no index). */
async function viewer(options: { pageSize?: number } = {}) {
  const made = createApp({ dataDir: dir, logger: log.logger, redisUrl: 'redis://127.0.0.1:1', ...options });
  open.push(made);
  const corpus = await made.ready;
  return { ...made, corpus };
}

describe('articles list', () => {
  it('lists valid articles newest first with their site, excerpt and counts', async () => {
    const { app } = await viewer();
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    // Newest by date: the hostile fixture has no usable published date, so it is filed under when it was processed.
    const order = [hostileId, secondId, mainId].map((id) => page.indexOf(`/articles/${id}"`));
    expect(order[0]).toBeGreaterThan(0);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(page).toContain('3 articles');
    const main = fixture(mainId);
    expect(page).toContain(`${main.sentences.length} sentences`);
    expect(page).toContain('3 quotes');
    expect(page).toContain('Person 4');
    expect(page).toContain('Published <time datetime="2026-03-04">4 Mar 2026</time>');
    expect(page).toContain('<span class="site unknown">Unknown site</span>');
    expect(page).toContain(
      '<p class="excerpt">The Federal Media Authority blocked the Harbour Alliance page on 3 March, the group said.</p>',
    );
    expect(page).not.toContain('Kovac said the page had 42,000 followers');
    const processed = await (await app.request('/?sort=processed')).text();
    const byProcessing = [secondId, mainId, hostileId].map((id) => processed.indexOf(`/articles/${id}"`));
    expect(byProcessing).toEqual([...byProcessing].sort((a, b) => a - b));
  });

  it('indexes the articles it finds at start, skipping invalid files and logging each once', async () => {
    const { app, corpus } = await viewer();
    expect(await corpus.count()).toBe(3);
    expect((await app.request('/articles/broken-article-1234567890')).status).toBe(404);
    const warnings = log.lines.filter((l) => l.msg === 'skipping invalid article');
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].id)).toContain('broken-article-1234567890');
  });

  it('searches titles and text, all words, case-insensitively', async () => {
    const { app } = await viewer();
    const page = await (await app.request('/?q=NORTHWIND+election')).text();
    expect(page).toContain(`/articles/${secondId}`);
    expect(page).not.toContain(`/articles/${mainId}`);
    expect(page).toContain('1 article matching');
    expect(page).toContain('<mark class="hit">Northwind</mark>');
    const none = await (await app.request('/?q=zeppelin')).text();
    expect(none).toContain('No article matches');
  });

  it('filters by an entity name or alias', async () => {
    const { app } = await viewer();
    for (const entity of ['Federal Media Authority', 'fma', 'the Federal  Media Authority']) {
      const page = await (await app.request(`/?entity=${encodeURIComponent(entity)}`)).text();
      expect(page, entity).toContain(`/articles/${secondId}`);
      expect(page, entity).toContain(`/articles/${mainId}`);
      expect(page, entity).not.toContain(`/articles/${hostileId}`);
    }
    const kovac = await (await app.request('/?entity=Kovac')).text();
    expect(kovac).toContain('1 article');
    expect(kovac).toContain(`/articles/${mainId}`);
  });

  it('pages through many articles', async () => {
    const { app } = await viewer({ pageSize: 2 });
    const one = await (await app.request('/')).text();
    expect(one).toContain('page 1 of 2');
    expect(one).toContain('href="/?page=2"');
    const two = await (await app.request('/?page=2')).text();
    expect(two).toContain(`/articles/${mainId}`);
    expect(two).not.toContain(`/articles/${secondId}`);
    const clamped = await (await app.request('/?page=99')).text();
    expect(clamped).toContain('page 2 of 2');
  });

  it('shows the empty state with the ways to add an article', async () => {
    const made = createApp({ dataDir: path.join(dir, 'nothing-here'), logger: log.logger });
    open.push(made);
    await made.ready;
    const page = await (await made.app.request('/')).text();
    expect(page).toContain('No articles yet');
    expect(page).toContain('galley process');
    expect(page).toContain('galley queue');
    expect(page).toContain('npm start');
  });

  it('shows what the index holds: articles indexed, replaced and removed while it runs', async () => {
    const { app, corpus } = await viewer();
    const before = (await (await app.request('/api/version')).json()) as { version: number; articles: number };
    expect(before.articles).toBe(3);
    await corpus.remove(secondId);
    const after = (await (await app.request('/api/version')).json()) as { version: number; articles: number };
    expect(after.articles).toBe(2);
    expect(after.version).toBeGreaterThan(before.version);
    const partial = await (await app.request('/partials/articles')).text();
    expect(partial.startsWith('<section id="results" data-live-list')).toBe(true);
    expect(partial).not.toContain(secondId);
    await corpus.index({ ...fixture(mainId), title: 'A new headline for the same article' });
    expect(await (await app.request('/')).text()).toContain('A new headline for the same article');
  });

  it('filters by site and date, and links exports with the same filters', async () => {
    const { app, corpus } = await viewer();
    await corpus.index({
      ...fixture(secondId),
      site: 'The Harbour Post',
      source: { ...fixture(secondId).source, url: 'https://post.example/a' },
    });
    const bySite = await (await app.request('/?site=The+Harbour+Post')).text();
    expect(bySite).toContain('1 article from <q>The Harbour Post</q>');
    expect(bySite).toContain('<span class="site">The Harbour Post</span>');
    expect(bySite).toContain('<option value="The Harbour Post" selected>');
    expect(bySite).toContain('href="/export/articles.csv?site=The+Harbour+Post"');
    const dated = await (await app.request('/?from=2026-03-01&to=2026-03-31')).text();
    expect(dated).toContain(`/articles/${mainId}"`);
    expect(dated).not.toContain(`/articles/${secondId}"`);
    const bad = await app.request('/?from=not-a-date&sort=sideways&page=-4');
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain('3 articles');
  });

  it('serves the list as JSON', async () => {
    const { app } = await viewer();
    const body = (await (await app.request('/api/articles?q=kovac')).json()) as {
      total: number;
      items: Array<{ id: string; labels: Record<string, number>; snippet: Array<{ text: string; hit: boolean }> }>;
    };
    expect(body.total).toBe(1);
    expect(body.items[0].id).toBe(mainId);
    expect(body.items[0].labels.PERSON).toBe(4);
    expect(body.items[0].snippet.filter((p) => p.hit).map((p) => p.text)).toContain('Kovac');
  });
});

describe('article page', () => {
  it('renders title, byline, figures, highlighted body, legend, quotes, timings and downloads', async () => {
    const { app } = await viewer();
    const res = await app.request(`/articles/${mainId}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    const article = fixture(mainId);
    expect(page).toContain('<h1 class="title-block"><span class="s s0" data-s="0">Regulator blocks');
    expect(page.indexOf('class="title-block"')).toBeLessThan(page.indexOf('By Tomas Lind'));
    expect(page).toContain('By Tomas Lind');
    expect(page).toContain('<figcaption>Mira Kovac at a rally in Lisbon</figcaption>');
    expect(page).toContain('<span class="what">Photographer</span> Ana Ruiz');
    expect(page).toContain('<span class="what">Agency</span> Reuters');
    expect(page.match(/<mark class="e"/g)).toHaveLength(article.entities.length);
    expect(page.match(/data-entity="e3"/g)).toHaveLength(4);
    expect(page).toContain(
      'data-toggle-label="PERSON" aria-pressed="true"><span class="name">Person</span> <span class="n" data-count="PERSON">4</span>',
    );
    expect(page).toContain('data-count="ORG">5</span>');
    expect(page).toContain('<h2><span class="s s0" data-s="4">A second ban</span></h2>');
    expect(page).toContain('id="q-0"');
    expect(page).toContain('<a href="#q-0" data-goto-quote="0">“We will not be silenced,”</a>');
    expect(page).toContain('— <a href="/entities/PERSON/mira%20kovac">Mira Kovac</a>');
    expect(page).toContain('scare quote');
    expect(page).toContain(
      '<span class="cue"><span class="confidence" data-level="high" title="confidence">85%</span> continues the paragraph’s speaker</span>',
    );
    expect(page).toContain('<th scope="row">entities</th><td>3.1 ms</td>');
    expect(page).toContain(`/articles/${mainId}/article.json`);
    expect(page).toContain('Share on Facebook');
    expect(page).toContain(`(${article.sentences.length})`);
  });

  it('sends a strict Content-Security-Policy and no inline script', async () => {
    const { app } = await viewer();
    const res = await app.request(`/articles/${mainId}`);
    expect(res.headers.get('content-security-policy')).toBe(pagePolicy);
    expect(pagePolicy).toContain("script-src 'self'");
    expect(pagePolicy).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await res.text();
    const scripts = [...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([' src="/assets/viewer.js" defer', ' type="application/json" id="entity-data"']);
    expect(page).not.toMatch(/ on[a-z]+=/i);
  });

  it('serves downloads with safe content types', async () => {
    const { app } = await viewer();
    const json = await app.request(`/articles/${mainId}/article.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await json.json()) as { id: string }).id).toBe(mainId);
    const md = await app.request(`/articles/${mainId}/article.md`);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe(`attachment; filename="${mainId}.md"`);
    const htmlFile = await app.request(`/articles/${hostileId}/article.html`);
    expect(htmlFile.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(htmlFile.headers.get('content-disposition')).toBe(`attachment; filename="${hostileId}.html"`);
    expect(htmlFile.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(await htmlFile.text()).toContain('<script>');
    expect((await app.request(`/articles/${mainId}/article.txt`)).status).toBe(404);
    expect((await app.request(`/articles/${mainId}/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('escapes everything in a hostile article', async () => {
    const { app } = await viewer();
    const page = await (await app.request(`/articles/${hostileId}`)).text();
    const markup = page.replace(/<script type="application\/json" id="entity-data">.*?<\/script>/s, '');
    expect(markup).not.toMatch(/<script>/i);
    expect(markup).not.toMatch(/<img/i);
    expect(markup).not.toMatch(/<svg/i);
    expect(markup).not.toMatch(/<a href="javascript:/i);
    expect(markup).not.toContain('" onmouseover="');
    expect(markup).toContain('&lt;script&gt;window.__pwned=4&lt;/script&gt;');
    expect(markup).toContain('data-entity="x&quot; onmouseover=&quot;window.__pwned=7"');
    expect(markup).not.toContain('Image source');
    const data = page.match(/<script type="application\/json" id="entity-data">(.*?)<\/script>/s)?.[1] ?? '';
    expect(data).not.toContain('<');
    expect(JSON.parse(data)['x" onmouseover="window.__pwned=7'].name).toBe('<img src=x onerror="window.__pwned=8">');
    const list = await (await app.request('/')).text();
    expect(list).not.toMatch(/<script>|<img/i);
  });
});

describe('entity page', () => {
  it('groups one canonical entity across articles with its aliases and sentences', async () => {
    const { app } = await viewer();
    const res = await app.request('/entities/ORG/federal%20media%20authority');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<h1>Federal Media Authority</h1>');
    expect(page).toContain('Also written: <q>FMA</q>');
    expect(page).toContain('2 articles · 4 mentions · 0 quotes');
    expect(page).toContain(`/articles/${mainId}`);
    expect(page).toContain(`/articles/${secondId}`);
    expect(page).toContain('The <mark class="e" data-label="ORG" data-entity="e1">FMA</mark> did not reply.');
    expect(page).toContain('The media regulator <mark class="e" data-label="ORG" data-entity="org-1">FMA</mark> fined');
  });

  it('matches entity names however they are cased or spaced', async () => {
    const { app } = await viewer();
    expect((await app.request('/entities/ORG/The%20Federal%20Media%20Authority')).status).toBe(200);
  });

  it('answers 404 for unknown entities and labels', async () => {
    const { app } = await viewer();
    expect((await app.request('/entities/ORG/nobody')).status).toBe(404);
    expect((await app.request('/entities/NOPE/federal%20media%20authority')).status).toBe(404);
    expect((await app.request('/entities/PERSON/federal%20media%20authority')).status).toBe(404);
  });
});

describe('ids from URLs', () => {
  const attempts = [
    '/articles/..%2f..%2f..%2fetc%2fpasswd',
    '/articles/..%2Fregulator-blocks-harbour-alliance-page-1a2b3c4d5e',
    '/articles/regulator%00',
    '/articles/%00',
    '/articles//etc/passwd',
    '/articles/%2fetc%2fpasswd',
    '/articles/C:%5cwindows',
    '/articles/broken-article-1234567890',
    '/articles/REGULATOR-BLOCKS-HARBOUR-ALLIANCE-PAGE-1A2B3C4D5E',
    '/articles/no-such-article-1234567890',
    '/articles/..%2f..%2fpackage.json/article.json',
    '/articles/%2e%2e/article.json',
    '/articles/nothing/article.json',
    '/nothing-here',
  ];
  it.each(attempts)('%s is 404', async (url) => {
    const { app } = await viewer();
    const res = await app.request(url);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Not found');
  });

  it('resolves dot segments before routing, so they never reach an article id', async () => {
    const { app } = await viewer();
    for (const url of ['/articles/..', '/articles/%2e%2e', '/articles/./..']) {
      const page = await (await app.request(url)).text();
      expect(page, url).toContain('<h1>Articles</h1>');
    }
  });

  it('never reads a directory that is not an article id', async () => {
    mkdirSync(path.join(dir, 'Not_An_Id'));
    writeFileSync(path.join(dir, 'Not_An_Id', 'article.json'), JSON.stringify(fixture(mainId)));
    const { corpus } = await viewer();
    expect(await corpus.count()).toBe(3);
  });
});

describe('assets and headers', () => {
  it('serves the script and the stylesheet with their types', async () => {
    const { app } = await viewer();
    const js = await app.request('/assets/viewer.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain('initArticle');
    const css = await app.request('/assets/viewer.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const icon = await app.request('/favicon.ico');
    expect(icon.status).toBe(301);
    expect((await app.request('/assets/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect((await app.request('/assets/other.js')).status).toBe(404);
  });

  it('refuses foreign Host headers when bound to loopback (DNS rebinding)', async () => {
    const { app } = await viewer();
    expect((await app.request('http://evil.example/', { headers: { host: 'evil.example' } })).status).toBe(421);
    expect((await app.request('http://127.0.0.1:3000/', { headers: { host: '127.0.0.1:3000' } })).status).toBe(200);
  });

  it('refuses cross-site form posts', async () => {
    const { app } = await viewer();
    const res = await app.request('/queue/jobs/1/retry', {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'cross-site',
      },
      body: '',
    });
    expect(res.status).toBe(403);
  });

  it('rejects bad options with clear errors', () => {
    expect(() => createApp({ dataDir: '' })).toThrow(/dataDir is required/);
    expect(() => createApp({ dataDir: dir, pageSize: 0, logger: log.logger })).toThrow(
      /pageSize must be a positive integer/,
    );
    expect(() => createApp({ dataDir: dir, redisUrl: 'http://x', logger: log.logger })).toThrow(/redis:\/\//);
  });
});

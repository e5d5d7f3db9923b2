import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed, parseOpml } from '../src/index.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

describe('parseFeed', () => {
  it('reads RSS 2.0: links resolved, entities decoded, a permalink guid as the link, bad dates dropped', () => {
    const feed = parseFeed(fixture('rss2.xml'), 'https://news.test/rss.xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'Harbour Gazette', sitemaps: [] });
    expect(feed.items).toEqual([
      {
        url: 'https://news.test/2026/ferry-timetable?utm_source=rss',
        guid: 'gazette-101',
        title: 'Ferry timetable & fares change',
        published: '2026-12-07T08:30:00.000Z',
        author: 'Ada Moreno',
      },
      {
        url: 'https://news.test/2026/library-hours',
        guid: 'https://news.test/2026/library-hours',
        title: 'Council <b>votes</b> on library hours',
      },
    ]);
  });

  it('reads RSS 1.0 (RDF) with Dublin Core dates and creators', () => {
    expect(parseFeed(fixture('rdf.xml'))).toMatchObject({
      format: 'rdf',
      title: 'Valley Weekly',
      items: [
        {
          url: 'https://rdf.test/stories/bridge',
          guid: 'https://rdf.test/stories/bridge',
          title: 'Bridge reopens',
          published: '2026-12-06T10:00:00.000Z',
          author: 'Lee Park',
        },
      ],
    });
  });

  it('reads Atom, taking the alternate link rather than an enclosure', () => {
    expect(parseFeed(fixture('atom.xml')).items).toEqual([
      {
        url: 'https://atom.test/news/wind-farm/',
        guid: 'tag:ledger.test,2026:wind',
        title: 'Wind farm approved',
        published: '2026-12-07T07:00:00.000Z',
        author: 'Sam Okafor',
      },
    ]);
  });

  it('reads JSON Feed', () => {
    expect(parseFeed(fixture('feed.json'))).toEqual({
      format: 'json',
      title: 'Coastal Wire',
      sitemaps: [],
      items: [
        {
          url: 'https://json.test/wire/7',
          guid: 'wire-7',
          title: 'Storm warning lifted',
          published: '2026-12-05T18:00:00.000Z',
          author: 'R. Ibrahim',
        },
      ],
    });
  });

  it('reads a sitemap, a sitemap index and a Google News sitemap', () => {
    expect(parseFeed(fixture('sitemap.xml')).items).toEqual([
      { url: 'https://map.test/a?x=1&y=2', published: '2026-12-01T00:00:00.000Z' },
      { url: 'https://map.test/b' },
    ]);
    expect(parseFeed(fixture('sitemap-index.xml'), 'https://map.test/sitemap.xml')).toEqual({
      format: 'sitemap-index',
      items: [],
      sitemaps: ['https://map.test/sitemap-1.xml', 'https://map.test/sitemap-2.xml'],
    });
    expect(parseFeed(fixture('news-sitemap.xml'))).toEqual({
      format: 'news-sitemap',
      title: 'Port Daily',
      sitemaps: [],
      items: [
        {
          url: 'https://gnews.test/business/port-expansion',
          title: 'Port expansion plan unveiled',
          published: '2026-12-07T06:00:00.000Z',
        },
      ],
    });
  });

  it('recovers what it can from malformed XML and says it was damaged', () => {
    const feed = parseFeed(fixture('malformed.xml'));
    expect(feed.title).toBe('Tides & Times');
    expect(feed.items).toEqual([
      { url: 'https://broken.test/kept', title: 'Kept' },
      { url: 'https://broken.test/qa', title: 'Q&A with the harbour master' },
    ]);
    expect(feed.damage).toMatch(/^malformed XML \(line \d+: .+\)$/);
  });

  it('refuses XML bombs and external entities before parsing', () => {
    for (const name of ['bomb.xml', 'external-entity.xml'])
      expect(() => parseFeed(fixture(name))).toThrow(/declares XML entities in its DOCTYPE, which is refused/);
  });

  it('says in words why a page is not a feed', () => {
    expect(() => parseFeed(fixture('not-a-feed.html'))).toThrow(/^not a feed or sitemap: /);
    expect(() => parseFeed('just words')).toThrow('not a feed or sitemap: it is neither XML nor JSON');
    expect(() => parseFeed('{"name": "package"}')).toThrow(/JSON that is not a JSON Feed/);
    expect(() => parseFeed('<rss version="2.0"><channel><item><title>Cut off')).toThrow(
      /malformed XML .* no item could be read/,
    );
  });

  it('lets a feed mention <!ENTITY in its text', () => {
    const xml = `<rss version="2.0"><channel><title>t</title><item><title>About &lt;!ENTITY&gt; in XML</title><link>https://x.test/a</link></item></channel></rss>`;
    expect(parseFeed(xml).items[0].title).toBe('About <!ENTITY> in XML');
  });
});

describe('parseOpml', () => {
  it('lists every feed, folders flattened, each URL once', () => {
    expect(parseOpml(fixture('subscriptions.opml'))).toEqual([
      { url: 'https://news.test/rss.xml', name: 'Harbour Gazette' },
      { url: 'https://rdf.test/index.rdf', name: 'Valley Weekly' },
    ]);
  });

  it('refuses what is not OPML', () => {
    expect(() => parseOpml(fixture('rss2.xml'))).toThrow(/^not an OPML file: /);
  });
});

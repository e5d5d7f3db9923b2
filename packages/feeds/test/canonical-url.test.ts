import { describe, expect, it } from 'vitest';
import { SeenSet, canonicalUrl, fingerprint } from '../src/index.js';

describe('canonicalUrl', () => {
  it('gives one form to links that name the same story', () => {
    const forms = [
      'https://news.test/world/story',
      'http://NEWS.test/world/story/',
      'https://news.test:443/world/story#comments',
      'https://news.test/world/story?utm_source=rss&utm_medium=feed',
      'https://news.test/world/story?fbclid=abc&gclid=def',
    ];
    expect(new Set(forms.map((url) => canonicalUrl(url)))).toEqual(new Set(['https://news.test/world/story']));
  });

  it('keeps the parameters that choose the content, in a stable order', () => {
    expect(canonicalUrl('https://news.test/article?page=2&id=7&utm_campaign=x')).toBe(
      'https://news.test/article?id=7&page=2',
    );
    expect(canonicalUrl('https://news.test/a?id=7')).not.toBe(canonicalUrl('https://news.test/a?id=8'));
  });

  it('resolves relative links and refuses what is not http(s)', () => {
    expect(canonicalUrl('../b/', 'https://news.test/a/c/')).toBe('https://news.test/a/b');
    expect(canonicalUrl('mailto:desk@news.test')).toBeUndefined();
    expect(canonicalUrl('not a url')).toBeUndefined();
  });
});

describe('SeenSet', () => {
  const key = (n: number) => fingerprint('url', `https://news.test/${n}`);

  it('round-trips through its stored form, 8 bytes a key', () => {
    const seen = new SeenSet();
    seen.touch([key(1), key(2)]);
    const stored = seen.serialize(100);
    expect(stored.length).toBe(16);
    const again = new SeenSet(stored);
    expect(again.hasAny([key(2)])).toBe(true);
    expect(again.hasAny([key(3)])).toBe(false);
  });

  it('forgets the oldest first, never a key touched in this poll', () => {
    let stored: Buffer = Buffer.alloc(0);
    for (let n = 0; n < 10; n++) {
      const seen = new SeenSet(stored);
      seen.touch([key(n)]);
      stored = seen.serialize(5);
    }
    const seen = new SeenSet(stored);
    expect([0, 4].map((n) => seen.hasAny([key(n)]))).toEqual([false, false]);
    expect([5, 9].map((n) => seen.hasAny([key(n)]))).toEqual([true, true]);
    // Item 5 is still in the feed: touched again, it becomes the youngest and outlives 6.
    seen.touch([key(5), key(10)]);
    const next = new SeenSet(seen.serialize(5));
    expect([5, 6, 10].map((n) => next.hasAny([key(n)]))).toEqual([true, false, true]);
    // A feed with more current items than the cap keeps them all.
    const big = new SeenSet();
    big.touch([1, 2, 3, 4, 5, 6, 7].map(key));
    expect(big.serialize(3).length).toBe(7 * 8);
  });
});

import { describe, expect, it } from 'vitest';
import { articlePage } from '../src/lib/views/article.js';
import { fixture, mainId } from './helpers.js';

describe('article page header', () => {
  it('links to the original and shows where each metadata field came from', async () => {
    const article = {
      ...fixture(mainId),
      source: { format: 'html' as const, url: 'https://news.example.org/harbour', sha256: 'a'.repeat(64) },
      site: 'Harbour Post',
      provenance: {
        canonical: 'link[rel=canonical]',
        siteName: 'meta[property=og:site_name]',
        byline: 'json-ld NewsArticle author',
      },
    };
    const page = String(await articlePage(mainId, article));
    expect(page).toContain(
      '<a class="source-link" href="https://news.example.org/harbour" rel="noopener noreferrer nofollow" target="_blank">Original article</a>',
    );
    expect(page).toContain('<span class="site-name">Harbour Post</span>');
    expect(page).toContain(
      '<dt>Site</dt><dd><span class="value">Harbour Post</span> <span class="from">from meta[property=og:site_name]</span></dd>',
    );
    expect(page).toContain('<span class="from">from link[rel=canonical]</span>');
  });

  it('links nowhere when the URL is not a web address, and shows no provenance when there is none', async () => {
    const article = {
      ...fixture(mainId),
      source: { format: 'html' as const, url: 'javascript:alert(1)', sha256: 'a'.repeat(64) },
    };
    const page = String(await articlePage(mainId, article));
    expect(page).not.toContain('source-link');
    expect(page).not.toContain('class="provenance"');
  });
});

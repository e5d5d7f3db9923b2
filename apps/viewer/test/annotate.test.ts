import type { Article } from '@galley/document';
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, renderArticle, renderExcerpt } from '../src/index.js';

const renderBody = (a: Article) => renderArticle(a).body;

function article(text: string, parts: Partial<Article> = {}): Article {
  return {
    schema: 'galley.article/1',
    id: 'a-1',
    source: { format: 'text', sha256: '0'.repeat(64) },
    title: 't',
    language: 'en',
    text,
    blocks: [],
    sentences: [],
    entities: [],
    entityIndex: [],
    quotes: [],
    figures: [],
    removed: [],
    stages: {},
    ...parts,
  };
}

/** The text a browser would show: tags dropped, entities decoded. */
function visible(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Whether every opened tag is closed in order. */
function nests(markup: string): boolean {
  const stack: string[] = [];
  for (const m of markup.matchAll(/<(\/?)([a-z0-9]+)[^>]*>/g)) {
    if (!m[1]) stack.push(m[2]);
    else if (stack.pop() !== m[2]) return false;
  }
  return stack.length === 0;
}

describe('renderBody', () => {
  it('renders blocks with their tags and sets the title apart', () => {
    const text = 'Title here\n\nSub\n\nA paragraph.';
    const a = article(text, {
      blocks: [
        { type: 'title', start: 0, end: 10 },
        { type: 'heading', start: 12, end: 15, depth: 3 },
        { type: 'paragraph', start: 17, end: 29 },
      ],
      entities: [{ start: 0, end: 5, label: 'MISC', entity: 'm' }],
      entityIndex: [{ id: 'm', label: 'MISC', name: 'Title', aliases: [], mentions: 1 }],
    });
    expect(renderArticle(a)).toEqual({
      title: '<mark class="e" data-label="MISC" data-entity="m" data-m="0">Title</mark> here',
      body: '<h3>Sub</h3>\n<p>A paragraph.</p>\n',
    });
  });

  it('nests entities inside quotes inside sentences', () => {
    const text = 'He said “Ana went home” today.';
    const a = article(text, {
      sentences: [{ start: 0, end: 30 }],
      quotes: [{ start: 8, end: 23, text: '“Ana went home”' }],
      entities: [
        { start: 9, end: 12, label: 'PERSON', entity: 'p1' },
        { start: 24, end: 29, label: 'DATE', entity: 'd1' },
      ],
      entityIndex: [
        { id: 'p1', label: 'PERSON', name: 'Ana', aliases: [], mentions: 1 },
        { id: 'd1', label: 'DATE', name: 'today', aliases: [], mentions: 1 },
      ],
    });
    expect(renderBody(a)).toBe(
      '<p><span class="s s0" data-s="0">He said <span class="q" id="q-0" data-q="0">“<mark class="e" data-label="PERSON" data-entity="p1" data-m="0">Ana</mark> went home”</span> ' +
        '<mark class="e" data-label="DATE" data-entity="d1" data-m="1">today</mark>.</span></p>\n',
    );
  });

  it('splits crossing spans so the markup still nests, and anchors only the first fragment', () => {
    const text = 'One two. “Three four. Five” six.';
    const a = article(text, {
      sentences: [
        { start: 0, end: 8 },
        { start: 9, end: 21 },
        { start: 22, end: 32 },
      ],
      quotes: [{ start: 9, end: 27, text: '“Three four. Five”' }],
    });
    const markup = renderBody(a);
    expect(nests(markup)).toBe(true);
    expect(visible(markup)).toBe(`${text}\n`);
    expect(markup.match(/id="q-0"/g)).toHaveLength(1);
    // The quote opened first, so the sentence that crosses its end is the one split.
    expect(markup.match(/data-s="2"/g)).toHaveLength(2);
  });

  it('clips spans to blocks and carries a quote across paragraphs', () => {
    const text = '“First part.\n\nSecond part.”';
    const a = article(text, {
      blocks: [
        { type: 'paragraph', start: 0, end: 12 },
        { type: 'paragraph', start: 14, end: 27 },
      ],
      quotes: [{ start: 0, end: 27, text }],
    });
    expect(renderBody(a)).toBe(
      '<p><span class="q" id="q-0" data-q="0">“First part.</span></p>\n<p><span class="q" data-q="0">Second part.”</span></p>\n',
    );
  });

  it('handles overlapping entities without losing text', () => {
    const text = 'Bank of New York Mellon';
    const a = article(text, {
      entities: [
        { start: 0, end: 16, label: 'ORG', entity: 'o1' },
        { start: 8, end: 23, label: 'LOC', entity: 'l1' },
      ],
      entityIndex: [
        { id: 'o1', label: 'ORG', name: 'x', aliases: [], mentions: 1 },
        { id: 'l1', label: 'LOC', name: 'y', aliases: [], mentions: 1 },
      ],
    });
    const markup = renderBody(a);
    expect(nests(markup)).toBe(true);
    expect(visible(markup)).toBe(`${text}\n`);
  });

  it('escapes text and ids', () => {
    const text = '<script>alert(1)</script> & "x"';
    const a = article(text, {
      entities: [{ start: 8, end: 16, label: 'MISC', entity: '"><img onerror=x>' }],
      entityIndex: [{ id: '"><img onerror=x>', label: 'MISC', name: 'n', aliases: [], mentions: 1 }],
    });
    const markup = renderBody(a);
    expect(markup).not.toContain('<script>');
    expect(markup).not.toContain('<img');
    expect(markup).toContain('data-entity="&quot;&gt;&lt;img onerror=x&gt;"');
    expect(visible(markup)).toBe(`${text}\n`);
  });

  it('renders an article without blocks as one paragraph', () => {
    expect(renderBody(article('Just text.'))).toBe('<p>Just text.</p>\n');
  });

  it('stays fast on a long article with many annotations', () => {
    const words = Array.from({ length: 20000 }, (_, i) => `w${i}`);
    const text = words.join(' ');
    const entities = [];
    let at = 0;
    for (const w of words) {
      entities.push({ start: at, end: at + w.length, label: 'MISC' as const, entity: 'm' });
      at += w.length + 1;
    }
    const a = article(text, {
      entities,
      entityIndex: [{ id: 'm', label: 'MISC', name: 'm', aliases: [], mentions: entities.length }],
    });
    const markup = renderBody(a);
    expect(markup.match(/<mark/g)).toHaveLength(20000);
  });
});

describe('renderExcerpt', () => {
  it('highlights only the given mentions inside the excerpt', () => {
    const text = 'Ana met Ben. Ben left.';
    const mentions = [
      { start: 8, end: 11, label: 'PERSON' as const, entity: 'b' },
      { start: 13, end: 16, label: 'PERSON' as const, entity: 'b' },
    ];
    expect(renderExcerpt(text, 13, 22, mentions)).toBe(
      '<mark class="e" data-label="PERSON" data-entity="b">Ben</mark> left.',
    );
  });
});

describe('escaping helpers', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('keeps JSON data blocks from closing their script element', () => {
    const json = jsonForScript({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
    expect(json).not.toMatch(/[<>\u2028]/);
    expect(JSON.parse(json).name).toBe('</script><script>alert(1)</script>');
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArticle, type Article } from '@galley/document';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '../dist/bin/galley.js');
const repo = path.resolve(here, '../../..');
const seedDir = path.resolve(repo, '../shared/fixtures/seed-article');
const scorer = path.resolve(repo, '../shared/tools/score-article.mjs');

function galley(args: string[], input?: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'galley-cli-'));
}

describe('galley process', () => {
  it('publishes JSON, Markdown and HTML for each input', () => {
    const dir = tempDir();
    const input = path.join(dir, 'story.txt');
    writeFileSync(input, 'Ferry service resumes\n\nThe ferry to Holm resumed on Tuesday. Passengers cheered.\n');
    const out = path.join(dir, 'out');
    const run = galley(['process', input, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    // The corpus index (corpus.sqlite) sits beside the article folder.
    const [id] = readdirSync(out).filter((name) => !name.startsWith('corpus.sqlite'));
    expect(readdirSync(path.join(out, id)).sort()).toEqual(['article.html', 'article.json', 'article.md']);
    const article = parseArticle(JSON.parse(readFileSync(path.join(out, id, 'article.json'), 'utf8')));
    expect(article.title).toBe('Ferry service resumes');
  });

  it('honours GALLEY_DATA when --out is absent', () => {
    const dir = tempDir();
    const run = galley(['process', '-'], 'Title line\n\nBody sentence here.', { GALLEY_DATA: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(dir).filter((name) => !name.startsWith('corpus.sqlite'))).toHaveLength(1);
  });

  it('prints JSON lines with --json and runs a subset of stages', () => {
    const run = galley(
      ['process', '-', '--stages', 'segment', '--json', '--out', tempDir()],
      'One here. Two there.\n\nThree',
    );
    expect(run.status, run.stderr).toBe(0);
    const article = JSON.parse(run.stdout) as Article;
    expect(article.sentences.map((s) => article.text.slice(s.start, s.end))).toEqual([
      'One here.',
      'Two there.',
      'Three',
    ]);
  });

  it('keeps going after a bad file and exits non-zero with one line per failure', () => {
    const dir = tempDir();
    const good = path.join(dir, 'good.md');
    writeFileSync(good, '# Good one\n\nA fine paragraph.');
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '   \n');
    const binary = path.join(dir, 'blob.txt');
    writeFileSync(binary, Buffer.from([0, 159, 146, 150, 0, 1]));
    const run = galley([
      'process',
      path.join(dir, 'missing.txt'),
      empty,
      binary,
      good,
      '--json',
      '--out',
      path.join(dir, 'out'),
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/missing\.txt: no such file or directory$/),
      expect.stringMatching(/empty\.txt: input is empty/),
      expect.stringMatching(/blob\.txt: input (looks binary|is not valid UTF-8)/),
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains usage mistakes with exit code 2', () => {
    expect(galley(['process']).status).toBe(2);
    const bad = galley(['process', '-', '--format', 'pdf'], 'x');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of text, markdown, html/);
    expect(galley(['nonsense']).stderr).toMatch(/unknown command "nonsense"/);
  });
});

// The acceptance test of the foundation issue: structure, sentences and figures of the seed.
describe.skipIf(!existsSync(seedDir))('galley process on the seed article', () => {
  if (!existsSync(seedDir)) console.warn(`skipping the seed acceptance test: ${seedDir} is absent`);

  it('gives the expected structure, sentences and figures', () => {
    const run = galley(['process', path.join(seedDir, 'article.txt'), '--json', '--out', tempDir()]);
    expect(run.status, run.stderr).toBe(0);
    const docPath = path.join(tempDir(), 'doc.json');
    writeFileSync(docPath, run.stdout);
    const score = JSON.parse(
      spawnSync(process.execPath, [scorer, path.join(seedDir, 'expected.json'), docPath], { encoding: 'utf8' }).stdout,
    );
    expect(score.title).toBe(true);
    expect(score.headingsOk).toBe(true);
    expect(score.paragraphs.got).toBe(score.paragraphs.expected);
    expect(score.figuresOk).toBe(true);
    expect(score.creditsOk).toBe(true);
    expect(score.leaked).toEqual([]);
    expect(score.sentences.exact).toBe(score.sentences.expected);
    expect(score.sentences.f1).toBe(1);
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../src/commands/index.js';

// The root README's commands, as a reader would type them. Every command in a `console` block
// (`$ command`, then the output it prints) is run as written through `sh`, `npx` included, and its
// output checked: each output line in the README must appear, in order, among the lines printed
// (`…` stands for any text, and a line of `…` alone for any lines). Commands elsewhere in the
// README (`sh` blocks, inline code) are checked against the real command table: each `galley`
// command and option must exist, each `npm run` script too. So the README cannot drift.

const repo = path.resolve(import.meta.dirname, '../../..');
const shared = path.resolve(repo, '../shared');
const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');

interface Example {
  command: string;
  expected: string[];
}

/** The fenced code blocks: their info string and text. */
function codeBlocks(markdown: string): Array<{ info: string; text: string }> {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ info: m[1], text: m[2] }));
}

/** `$ command` lines of the console blocks, each with the output lines below it. */
function consoleExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const block of codeBlocks(markdown).filter((b) => b.info === 'console')) {
    for (const line of block.text.replace(/\n$/, '').split('\n')) {
      if (line.startsWith('$ ')) examples.push({ command: line.slice(2), expected: [] });
      else examples.at(-1)?.expected.push(line);
    }
  }
  return examples;
}

/** Whether the README's output lines appear, in order, among the lines printed. */
function matchesInOrder(expected: string[], printed: string[]): boolean {
  let at = 0;
  for (const line of expected) {
    if (!line.trim() || line === '…') continue;
    const pattern = new RegExp(`^${line.split('…').map(escapeRegExp).join('.*')}$`);
    while (at < printed.length && !pattern.test(printed[at])) at++;
    if (at === printed.length) return false;
    at++;
  }
  return true;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Printed lines as the README shows them: the viewer listens on a free port here (PORT=0) where
 * a reader gets the default, 3000.
 */
function printedLines(output: string): string[] {
  return output.replace(/http:\/\/127\.0\.0\.1:\d+\//g, 'http://127.0.0.1:3000/').split('\n');
}

/** Commands that serve until stopped: run until their output is seen, then sent SIGTERM. */
const serves = (command: string): boolean => /\bgalley (view|worker)\b/.test(command);

const examples = consoleExamples(readme);
let sandbox: string;
let cwd: string;
let env: NodeJS.ProcessEnv;

// A reader's checkout, without touching this one: the repository's samples and installed
// packages (so `npx galley` is the linked bin), `../shared` beside it, and a data folder of its own.
beforeAll(() => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'galley-readme-'));
  cwd = path.join(sandbox, 'galley');
  mkdirSync(cwd);
  symlinkSync(path.join(repo, 'samples'), path.join(cwd, 'samples'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(cwd, 'node_modules'));
  writeFileSync(path.join(cwd, 'package.json'), '{ "name": "galley-readme-check", "private": true }\n');
  if (existsSync(shared)) symlinkSync(shared, path.join(sandbox, 'shared'));
  env = { ...process.env, PORT: '0', npm_config_yes: 'false', npm_config_update_notifier: 'false' };
  delete env.GALLEY_DATA;
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
});
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

describe('the README commands, run as written', () => {
  it('has a First five minutes section with console examples', () => {
    expect(readme).toMatch(/^## First five minutes$/m);
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  for (const example of examples) {
    const needsShared = example.command.includes('../shared');
    it.skipIf(needsShared && !existsSync(shared))(
      `$ ${example.command}`,
      async () => {
        const printed = serves(example.command)
          ? await runUntilSeen(example)
          : (() => {
              const run = spawnSync('sh', ['-c', example.command], { cwd, env, encoding: 'utf8', timeout: 120_000 });
              return `${run.stdout}\n${run.stderr}`;
            })();
        expect(matchesInOrder(example.expected, printedLines(printed)), `printed:\n${printed}`).toBe(true);
      },
      150_000,
    );
  }
  if (!existsSync(shared)) console.warn(`README commands that read ${shared} skipped: it is absent`);
});

/** Start a serving command, wait until its README output has appeared, then stop it. */
async function runUntilSeen(example: Example): Promise<string> {
  // Its own process group, so SIGTERM reaches the server and not only `sh` and `npx`.
  const child = spawn('sh', ['-c', example.command], { cwd, env, detached: true });
  let printed = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; printed:\n${printed}`)), 60_000);
      const seen = (chunk: Buffer): void => {
        printed += chunk.toString();
        if (matchesInOrder(example.expected, printedLines(printed))) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      child.on('exit', () => {
        clearTimeout(timer);
        reject(new Error(`exited before printing what the README shows; printed:\n${printed}`));
      });
    });
  } finally {
    const exited = new Promise((resolve) => child.once('close', resolve));
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
  return printed;
}

describe('every other command the README names', () => {
  // Code blocks and inline code: `galley …` or `npx galley …`, up to a comment, pipe or `;`.
  const mentions = [
    // Console blocks are run above, mistakes shown on purpose included.
    ...codeBlocks(readme)
      .filter((b) => b.info !== 'console')
      .flatMap((b) => b.text.split('\n')),
    ...[...readme.matchAll(/`([^`\n]*galley [^`\n]*)`/g)].map((m) => m[1]),
  ]
    .flatMap((line) => [...line.matchAll(/(?:^|[\s$])(?:npx )?galley ((?:-|[a-z])[^|;&#\n]*)/g)].map((m) => m[1]))
    .map((text) => text.trim());

  it('names only commands and options that exist', async () => {
    expect(mentions.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const mention of mentions) {
      const [name, ...rest] = mention.split(/\s+/);
      // `galley queue: cannot reach Redis …` quotes what galley prints, not a command.
      if (name.endsWith(':')) continue;
      const options = rest.join(' ').match(/(?<=^|[\s[])--?[A-Za-z][\w-]*/g) ?? [];
      if (name.startsWith('-')) {
        if (!['--help', '-h', '--version', '-V'].includes(name)) problems.push(`galley ${mention}`);
        continue;
      }
      if (!Object.hasOwn(commands, name)) {
        problems.push(`galley ${mention}: no command "${name}"`);
        continue;
      }
      const command = await commands[name].load();
      const known = new Set(['--help', '-h']);
      for (const [long, spec] of Object.entries(command.options)) {
        known.add(`--${long}`);
        if (spec.short) known.add(`-${spec.short}`);
      }
      for (const option of options) if (!known.has(option)) problems.push(`galley ${mention}: no option ${option}`);
    }
    expect(problems).toEqual([]);
  });

  it('names only npm scripts that exist', () => {
    const scripts = Object.keys(
      (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
        .scripts,
    );
    const named = [...readme.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  });
});

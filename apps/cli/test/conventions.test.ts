import { spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../src/commands/index.js';

// The conventions of the command-line tools people know (git, npm, docker): a version flag,
// help with examples on every command, mistakes answered with a suggestion and the usage on
// standard error with exit code 2, colour only on a terminal and never with NO_COLOR.

const cli = path.resolve(import.meta.dirname, '..');
const shim = path.join(cli, 'bin/galley.js');
const manifest = JSON.parse(readFileSync(path.join(cli, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  files: string[];
};

function galley(args: string[], env: NodeJS.ProcessEnv = {}, input = '') {
  return spawnSync(process.execPath, [shim, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
    timeout: 60_000,
  });
}

describe('the bin npm links', { timeout: 60_000 }, () => {
  it('is a committed file that exists before the build, so npm ci links it on a fresh clone', () => {
    expect(manifest.bin).toEqual({ galley: './bin/galley.js' });
    expect(manifest.files).toContain('bin');
    expect(() => accessSync(shim, constants.X_OK)).not.toThrow();
    expect(readFileSync(shim, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    // Committed, not built: in a git checkout, git knows the file (128: not a checkout).
    const tracked = spawnSync('git', ['ls-files', '--error-unmatch', 'bin/galley.js'], { cwd: cli });
    if (!tracked.error && tracked.status !== 128) expect(tracked.status).toBe(0);
  });

  it('says to build when dist/ is missing, instead of a stack trace', () => {
    const unbuilt = mkdtempSync(path.join(tmpdir(), 'galley-unbuilt-'));
    cpSync(shim, path.join(unbuilt, 'bin/galley.js'));
    const run = spawnSync(process.execPath, [path.join(unbuilt, 'bin/galley.js'), '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^galley: the CLI is not built yet .*run "npm run build"/);
  });

  it('runs through npx from the repository', () => {
    const run = spawnSync('npx', ['--no-install', 'galley', '--version'], {
      cwd: path.resolve(cli, '../..'),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(`galley ${manifest.version}\n`);
  });
});

describe('galley conventions', { timeout: 90_000 }, () => {
  it('prints its version with --version and -V', () => {
    for (const flag of ['--version', '-V']) {
      const run = galley([flag]);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`galley ${manifest.version}\n`);
    }
  });

  it('lists the commands with --help, -h and help, and answers no command with exit 2', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const run = galley(args);
      expect(run.status).toBe(0);
      for (const name of Object.keys(commands)) expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    }
    const none = galley([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^galley: no command given\n\nUsage: galley <command>/);
  });

  it.each(Object.keys(commands))('gives "galley %s --help" and -h with usage, options and examples', (name) => {
    for (const args of [
      [name, '--help'],
      [name, '-h'],
      ['help', name],
    ]) {
      const run = galley(args);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: galley ${name}\\b`));
      expect(run.stdout).toMatch(/\nOptions:\n(.*\n)* {2}-h, --help +show this help\n/);
      expect(run.stdout).toMatch(new RegExp(`\\nExamples:\\n  .*galley ${name}\\b`));
    }
  });

  it('answers an unknown command with a suggestion and the usage on standard error, exit 2', () => {
    const run = galley(['proces', 'x.txt']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^galley: unknown command "proces"; did you mean process\?\n\nUsage: galley <command>/);
  });

  it.each(Object.keys(commands))('answers an unknown option of "galley %s" the same way', (name) => {
    const run = galley([name, '--jsn']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^galley ${name}: unknown option --jsn`));
    expect(run.stderr).toContain(`\n\nUsage: galley ${name}`);
    expect(run.stderr).toContain('  -h, --help');
    // Node's own parser message never reaches the user.
    expect(run.stderr).not.toMatch(/To specify a positional argument|ERR_PARSE_ARGS/);
  });

  it('suggests the option meant, and checks option values', () => {
    expect(galley(['process', '-', '--jsn']).stderr).toMatch(/unknown option --jsn; did you mean --json\?/);
    expect(galley(['queue', 'a.txt', '--wiat']).stderr).toMatch(/unknown option --wiat; did you mean --wait\?/);
    const format = galley(['process', '-', '--format', 'htm']);
    expect(format.status).toBe(2);
    expect(format.stderr).toMatch(/--format must be one of text, markdown, html \(got "htm"\); did you mean html\?/);
    const stage = galley(['process', '-', '--stages', 'clean,segmnt']);
    expect(stage.status).toBe(2);
    expect(stage.stderr).toMatch(/--stages: unknown stage "segmnt" .*; did you mean segment\?/);
    const missing = galley(['process', 'a.txt', '--out']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--out needs a value \(--out DIR\)/);
    const flagged = galley(['process', 'a.txt', '--json=yes']);
    expect(flagged.status).toBe(2);
    expect(flagged.stderr).toMatch(/--json takes no value/);
    const extra = galley(['status', 'now']);
    expect(extra.status).toBe(2);
    expect(extra.stderr).toMatch(/unexpected argument "now"/);
  });
});

/** Run `galley` on a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
function onTerminal(args: string[], env: NodeJS.ProcessEnv): string | undefined {
  const command = [process.execPath, shim, ...args].map((a) => `'${a}'`).join(' ');
  const run = spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8',
    env: { ...process.env, TERM: 'xterm', NO_COLOR: '', FORCE_COLOR: '', ...env },
    timeout: 60_000,
  });
  return run.error ? undefined : run.stdout;
}

const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.warn('terminal colour tests skipped: util-linux `script` is not installed');

describe.skipIf(!hasScript)('colour', { timeout: 60_000 }, () => {
  it('colours mistakes on a terminal, and never with NO_COLOR or when piped', () => {
    const terminal = onTerminal(['proces'], {});
    expect(terminal).toContain('\x1b[31mgalley:\x1b[39m unknown command');
    const noColour = onTerminal(['proces'], { NO_COLOR: '1' });
    expect(noColour).toContain('galley: unknown command');
    expect(noColour).not.toContain('\x1b[');
    expect(galley(['proces']).stderr).not.toContain('\x1b[');
  });
});

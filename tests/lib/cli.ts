import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built `galley` command (apps/cli/dist), run with the current Node. */
export const GALLEY_BIN = fileURLToPath(new URL('../../apps/cli/dist/bin/galley.js', import.meta.url));

/** How a spawned command ended. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Whether it was killed for running past its time limit. */
  timedOut: boolean;
  ms: number;
}

/** Options for {@link runGalley}. */
export interface RunOptions {
  /** Kill the process after this many milliseconds (default 30 000); a kill counts as a failure. */
  timeoutMs?: number;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Written to standard input, then closed. */
  stdin?: string | Uint8Array;
  cwd?: string;
}

/** Run `galley <args>` to completion or to its time limit, capturing both streams. */
export function runGalley(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return runCommand(process.execPath, [GALLEY_BIN, ...args], options);
}

/** Run any command to completion or to its time limit (SIGKILL on the whole process). */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, GALLEY_DEBUG: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: performance.now() - started });
    });
    child.stdin.on('error', () => {
      /* the child may exit before reading everything */
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/**
 * Why a command's standard error is not what a user should see, or undefined when it is: every
 * line starts with `galley`, and nothing looks like a stack trace or an unhandled rejection.
 */
export function userFacingProblem(stderr: string): string | undefined {
  for (const line of stderr.split('\n')) {
    if (!line) continue;
    if (/^\s+at\s/.test(line)) return `stack trace line: ${line}`;
    if (!line.startsWith('galley')) return `line not from galley: ${line.slice(0, 200)}`;
    if (/internal error|Maximum call stack|heap out of memory/i.test(line))
      return `internal error: ${line.slice(0, 300)}`;
  }
  return undefined;
}

import { access, constants, mkdir } from 'node:fs/promises';
import { UsageError, describeSystemError, errorCode, failureReason } from '@galley/document';

/**
 * One line a user can act on: a Galley error's sentence with its code (`input is empty …
 * [GALLEY_INPUT_EMPTY]`), an operating-system error in words with the path it concerns, and
 * anything else as what it is, a bug, with the stack only when `GALLEY_DEBUG` is set.
 */
export function describeError(error: unknown): string {
  if (errorCode(error)) return failureReason(error);
  const words = describeSystemError(error);
  if (words) {
    const file = (error as NodeJS.ErrnoException).path;
    return file ? `${words} (${file})` : words;
  }
  const e = error as Error | undefined;
  if (process.env.GALLEY_DEBUG) return String(e?.stack ?? e);
  return `internal error: ${e?.message ?? String(e)} (a bug in Galley; GALLEY_DEBUG=1 shows where) [GALLEY_INTERNAL]`;
}

/**
 * A failure line about one input: `name: reason`, or the reason alone when it already names the
 * input (`could not fetch https://…: no such host`), so nothing is said twice.
 */
export function inputFailure(name: string, error: unknown): string {
  const reason = typeof error === 'string' ? error : describeError(error);
  return reason.includes(name) ? reason : `${name}: ${reason}`;
}

/**
 * Make sure an output folder can be written before any work starts: a folder under a regular
 * file, a read-only disk or a folder without permission is the user's mistake (exit 2, naming the
 * option), not an internal error after the first article.
 */
export async function prepareOutputFolder(dir: string, option: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    const words =
      (error as NodeJS.ErrnoException).code === 'EEXIST'
        ? 'it is a file, not a folder'
        : (describeSystemError(error) ?? (error as Error).message);
    throw new UsageError(`${option} ${dir} cannot be written: ${words}`, undefined, { cause: error });
  }
}

import { UsageError } from '@galley/document';

// Numbers from flags and variables, for every command: apart from the queue's settings, so that
// a command that reads a number need not load the queue package (and BullMQ) to do it.

/** A positive whole number from a flag or variable, or `undefined` when absent. */
export function positiveInt(value: string | undefined, what: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${what} must be a whole number ≥ 1 (got "${value}")`);
  return n;
}

/** A TCP port (0 picks a free one) from a flag or variable, or `undefined` when absent. */
export function portNumber(value: string | undefined, what: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535)
    throw new UsageError(`${what} must be a number from 0 to 65535 (got "${value}")`);
  return port;
}

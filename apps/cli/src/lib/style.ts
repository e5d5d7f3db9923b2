/** Text styles for one output stream; each is the identity when colour is off. */
export interface Styles {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
}

/**
 * Whether to colour what goes to `stream`: only a terminal gets colour, and never when
 * `NO_COLOR` is set to anything but the empty string (https://no-color.org) or `TERM=dumb`.
 * `FORCE_COLOR` (not `0`) turns it on for a pipe, as in Node's own tools.
 */
export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string): string => text;

/** The styles for a stream (see {@link colourEnabled}). */
export function styles(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Styles {
  if (!colourEnabled(stream, env)) return { bold: plain, dim: plain, red: plain, green: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39) };
}

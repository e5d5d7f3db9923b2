import { type Logger, pino } from 'pino';
import { type Styles, styles } from './style.js';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** The logger's name, in every JSON line (`galley-worker`). */
  name: string;
  /** pino level (default: `LOG_LEVEL`, else `info`). */
  level?: string;
  /** Where pretty lines go (default standard output). */
  stream?: NodeJS.WriteStream;
  /** One readable line per entry instead of JSON (default: when `stream` is a terminal). */
  pretty?: boolean;
}

/**
 * A pino logger for an app: JSON lines when the output is piped (to a file, `docker logs`, a log
 * shipper), one readable line per entry on a terminal, the way pino-pretty prints them.
 */
export function createLogger(options: LoggerOptions): Logger {
  const stream = options.stream ?? process.stdout;
  const level = options.level ?? (process.env.LOG_LEVEL || 'info');
  if (!(options.pretty ?? Boolean(stream.isTTY))) return pino({ name: options.name, level });
  const style = styles(stream);
  return pino(
    { name: options.name, level },
    { write: (line: string) => stream.write(formatLogLine(line, style, options.name)) },
  );
}

const levelNames: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
/** Fields every entry has, shown in the line's head or not at all. */
const headFields = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/**
 * One pino JSON line as `12:04:05 warn  job failed  name=story.txt reason="input is empty"`:
 * time, level, message, then the other fields as `key=value` (strings quoted when they have
 * spaces, objects as JSON). `name` is left out while it is the logger's own (`loggerName`). A line
 * that is not JSON is passed through.
 */
export function formatLogLine(line: string, style: Styles, loggerName?: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toTimeString().slice(0, 8) : '';
  const level = levelNames[entry.level as number] ?? String(entry.level);
  const coloured =
    (entry.level as number) >= 50 ? style.red(level) : (entry.level as number) >= 40 ? style.bold(level) : level;
  const fields = Object.entries(entry)
    .filter(([key, value]) => !headFields.has(key) && value !== undefined && !(key === 'name' && value === loggerName))
    .map(([key, value]) => `${style.dim(`${key}=`)}${formatValue(value)}`);
  const pad = ' '.repeat(Math.max(0, 5 - level.length));
  return `${style.dim(time)} ${coloured}${pad} ${String(entry.msg ?? '')}${fields.length ? `  ${fields.join(' ')}` : ''}\n`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

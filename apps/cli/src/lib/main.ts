import { readFileSync } from 'node:fs';
import { UsageError } from '@galley/document';
import { commands } from '../commands/index.js';
import { type Command, formatHelp, formatUsage, parseCommandLine } from './command.js';
import { describeError } from './errors.js';
import { styles } from './style.js';
import { didYouMean } from './suggest.js';

/** The version in `@galley/cli`'s package.json. */
export function version(): string {
  const manifest = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function topUsage(): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((name) => name.length));
  return [
    'Usage: galley <command> [options]',
    '',
    'Commands:',
    ...names.map((name) => `  ${name.padEnd(width)}  ${commands[name].summary}`),
    '',
    'Options:',
    '  -h, --help     show this help (galley <command> --help: that command’s options and examples)',
    '  -V, --version  print the version',
    '',
    'Run "galley <command> --help" for a command’s options and examples.',
  ].join('\n');
}

const topOptions = ['--help', '-h', '--version', '-V'];

/**
 * Run `galley` with the arguments after the program name; resolves to the exit code: 0 done,
 * 1 a failure while working (an input refused, Redis down), 2 a usage mistake (unknown command
 * or option, bad value), which is answered with a suggestion and the usage on standard error.
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const err = styles(process.stderr);
  const mistake = (prefix: string, message: string, usage: string): number => {
    process.stderr.write(`${err.red(`${prefix}:`)} ${message}\n\n${usage}\n`);
    return 2;
  };
  if (name === undefined) return mistake('galley', 'no command given', topUsage());
  if (name === '--version' || name === '-V') {
    process.stdout.write(`galley ${version()}\n`);
    return 0;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    process.stdout.write(`${topUsage()}\n`);
    return 0;
  }
  if (name === 'help') return main([rest[0], '--help']);
  if (name.startsWith('-'))
    return mistake('galley', `unknown option ${name}${didYouMean(name, topOptions)}`, topUsage());
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    return mistake('galley', `unknown command "${name}"${didYouMean(name, Object.keys(commands))}`, topUsage());
  }
  const command: Command = await entry.load();
  try {
    const parsed = parseCommandLine(command, rest);
    if (parsed.help) {
      process.stdout.write(`${formatHelp(command)}\n`);
      return 0;
    }
    return await command.run(parsed.values, parsed.operands);
  } catch (error) {
    if (error instanceof UsageError)
      return mistake(`galley ${name}`, error.message, error.usage ?? formatUsage(command));
    process.stderr.write(`${err.red(`galley ${name}:`)} ${describeError(error)}\n`);
    return 1;
  }
}

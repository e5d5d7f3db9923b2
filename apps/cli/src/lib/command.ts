import { parseArgs } from 'node:util';
import { UsageError } from '@galley/document';
import { didYouMean } from './suggest.js';

/** One option of a command, as `--help` shows it and the parser checks it. */
export interface OptionSpec {
  /** `boolean` for a switch (`--json`), `string` for an option that takes a value (`--out DIR`). */
  type: 'boolean' | 'string';
  /** One-letter alias, without the dash (`h` for `-h`). */
  short?: string;
  /** The value's placeholder in help (`DIR`, `N`); default `VALUE`. */
  value?: string;
  /** The only values accepted; anything else is a usage error with a suggestion. */
  choices?: readonly string[];
  /** One line for `--help`, with the default. */
  help: string;
}

/** A command's options by long name (without the dashes). */
export type OptionSpecs = Record<string, OptionSpec>;

/** Parsed option values: `true` for a switch given, the text for an option given a value. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

/**
 * One `galley` command: what `--help` says about it and what it does. A command is one file in
 * `src/commands/` exporting one of these, registered by name in `src/commands/index.ts`; the
 * parser, `--help`, the usage printed after a mistake and "did you mean" come from here.
 */
export interface Command<O extends OptionSpecs = OptionSpecs> {
  /** The name typed after `galley`. */
  name: string;
  /** What follows the name in the usage line, options aside: `<file|dir|->...`. */
  operands: string;
  /** Whether operands are `required` (at least one), `optional`, or `none` (any is a mistake). */
  arity: 'required' | 'optional' | 'none';
  /** The usage mistake when required operands are missing. */
  missing?: string;
  /** Paragraphs for `--help`: what the command does, its defaults and environment. */
  description: string;
  /** The options; `-h, --help` is added to every command. */
  options: O;
  /** `[command line, what it does]` pairs that `--help` shows; each must run as written. */
  examples: ReadonlyArray<readonly [string, string]>;
  /** Run with parsed arguments; resolves to the exit code. Throw `UsageError` for a mistake. */
  run(values: OptionValues<O>, operands: string[]): Promise<number>;
}

/** Type-checks a command's options against the values its `run` receives. */
export function defineCommand<O extends OptionSpecs>(command: Command<O>): Command<O> {
  return command;
}

const helpOption: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

/** The result of {@link parseCommandLine}: `help` when `-h`/`--help` was given. */
export type ParsedCommandLine<O extends OptionSpecs> =
  { help: true } | { help: false; values: OptionValues<O>; operands: string[] };

/**
 * Parse a command's arguments. Unknown options, missing or unexpected values, values outside
 * `choices` and unwanted operands are {@link UsageError}s in words, with a suggestion when a known
 * name is close; Node's own parser messages never reach the user. `--help` anywhere wins.
 */
export function parseCommandLine<O extends OptionSpecs>(command: Command<O>, argv: string[]): ParsedCommandLine<O> {
  const specs: OptionSpecs = { ...command.options, help: helpOption };
  const { tokens } = parseArgs({
    args: argv,
    options: Object.fromEntries(
      Object.entries(specs).map(([name, spec]) => [
        name,
        spec.short ? { type: spec.type, short: spec.short } : { type: spec.type },
      ]),
    ),
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { help: true };
  const flags = Object.entries(specs).flatMap(([name, spec]) => [
    `--${name}`,
    ...(spec.short ? [`-${spec.short}`] : []),
  ]);
  const values: Record<string, string | boolean> = {};
  const operands: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') operands.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    if (!spec) throw new UsageError(`unknown option ${token.rawName}${didYouMean(token.rawName, flags)}`);
    const display = `--${token.name}`;
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${display} takes no value (got "${token.value}")`);
      values[token.name] = true;
      continue;
    }
    const value = token.value;
    // `--out --json` would take `--json` as the folder; a value that looks like an option must be
    // written `--out=-x` to count.
    if (value === undefined || (!token.inlineValue && value.startsWith('-') && value !== '-')) {
      throw new UsageError(`${display} needs a value (${display} ${spec.value ?? 'VALUE'})`);
    }
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(
        `${display} must be one of ${spec.choices.join(', ')} (got "${value}")${didYouMean(value, spec.choices)}`,
      );
    }
    values[token.name] = value;
  }
  if (command.arity === 'required' && !operands.length)
    throw new UsageError(command.missing ?? `give ${command.operands}`);
  if (command.arity === 'none' && operands.length) {
    throw new UsageError(`unexpected argument "${operands[0]}" (galley ${command.name} takes options only)`);
  }
  return { help: false, values: values as OptionValues<O>, operands };
}

/** The option table: `  --out DIR     where to publish (default …)`. */
function optionLines(options: OptionSpecs): string[] {
  const rows = Object.entries({ ...options, help: helpOption }).map(([name, spec]) => {
    const value = spec.type === 'string' ? ` ${spec.value ?? (spec.choices ? spec.choices.join('|') : 'VALUE')}` : '';
    return [`${spec.short ? `-${spec.short}, ` : '    '}--${name}${value}`, spec.help] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`);
}

/** The usage line, as printed first by `--help` and after a usage mistake. */
export function usageLine(command: Command): string {
  return `Usage: galley ${command.name}${command.operands ? ` ${command.operands}` : ''} [options]`;
}

/** What follows a usage mistake on standard error: the usage line and the options. */
export function formatUsage(command: Command): string {
  return [
    usageLine(command),
    '',
    'Options:',
    ...optionLines(command.options),
    '',
    `Run "galley ${command.name} --help" for examples.`,
  ].join('\n');
}

/** `galley <command> --help`: usage, description, options and examples. */
export function formatHelp(command: Command): string {
  const width = Math.max(...command.examples.map(([line]) => line.length));
  return [
    usageLine(command),
    '',
    command.description,
    '',
    'Options:',
    ...optionLines(command.options),
    '',
    'Examples:',
    ...command.examples.map(([line, what]) => `  ${line.padEnd(width)}  # ${what}`),
  ].join('\n');
}

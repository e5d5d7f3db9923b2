export { main, version } from './lib/main.js';
export { commands, type CommandEntry } from './commands/index.js';
export {
  defineCommand,
  formatHelp,
  formatUsage,
  parseCommandLine,
  type Command,
  type OptionSpec,
  type OptionSpecs,
  type OptionValues,
} from './lib/command.js';
export { createLogger, formatLogLine, type LoggerOptions } from './lib/log.js';
export { colourEnabled, styles, type Styles } from './lib/style.js';
export { dataDir } from './lib/env.js';
export { collectInputs, type InputSource, type MissingInput } from './lib/inputs.js';

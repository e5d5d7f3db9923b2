export { processCommand, describeError } from './commands/process.js';
export { dataDir } from './lib/env.js';
export { expandInputs, type InputSource } from './lib/inputs.js';

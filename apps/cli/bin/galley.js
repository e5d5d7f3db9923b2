#!/usr/bin/env node
// The `galley` command as npm links it. This file is committed, not built: npm links a package's
// bin only if the file exists at install time, and `npm ci` runs before `npm run build` on a
// fresh clone. It hands over to the built CLI, or says how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/bin/galley.js', import.meta.url);
if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  process.stderr.write(
    `galley: the CLI is not built yet (${fileURLToPath(built)} is missing); ` +
      'run "npm run build" at the root of the Galley repository, then try again.\n',
  );
  process.exitCode = 1;
}

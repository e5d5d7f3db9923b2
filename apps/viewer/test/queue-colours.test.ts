import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type FailedJob, JOB_STATES, type JobState } from '@galley/queue';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { queueResults } from '../src/lib/views/queue.js';

const chromiumPath = '/usr/bin/chromium';
const stylesheet = readFileSync(path.resolve(import.meta.dirname, '../static/viewer.css'), 'utf8');
if (!existsSync(chromiumPath)) console.warn(`queue colour test skipped: ${chromiumPath} is missing`);

const alarm = 'rgb(198, 40, 40)';

function snapshot(failed: number, failures: FailedJob[] = []) {
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, s === 'failed' ? failed : 0])) as Record<
    JobState,
    number
  >;
  return { ok: true as const, status: { queueName: 'q', counts, failures } };
}

describe.skipIf(!existsSync(chromiumPath))('queue page colours', { timeout: 60_000 }, () => {
  it('draws the failed count in the alarm colour only when it is not zero', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const colourOfFailed = async (failed: number): Promise<string> => {
        await page.setContent(`<style>${stylesheet}</style>${String(queueResults(snapshot(failed)))}`);
        return page.$eval('[data-state="failed"] .n', (n) => getComputedStyle(n).color);
      };
      expect(await colourOfFailed(0)).not.toBe(alarm);
      expect(await colourOfFailed(3)).toBe(alarm);
    } finally {
      await browser.close();
    }
  });
});

describe('failed jobs on the queue page', () => {
  it('shows a reason in words with its error code apart', () => {
    const failure: FailedJob = {
      jobId: 'article-1',
      name: 'empty.txt',
      reason: 'input is empty (nothing but white space) [GALLEY_INPUT_EMPTY]',
      attemptsMade: 1,
      failedAt: 0,
    };
    const html = String(queueResults(snapshot(1, [failure])));
    expect(html).toContain(
      '<td class="reason">input is empty (nothing but white space) <code class="error-code">GALLEY_INPUT_EMPTY</code></td>',
    );
    expect(html).toContain('<li class="state" data-state="failed"><span class="n">1</span> failed</li>');
    expect(html).toContain('<li class="state zero" data-state="waiting"><span class="n">0</span> waiting</li>');
  });
});

import path from 'node:path';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import type { EnqueueOutcome } from '@galley/queue';
import { MAX_JOB_SOURCE_BYTES, checkJobSourceSize } from '@galley/queue/settings';
import type { QueueTarget } from './queue-client.js';
import { type FeedsSnapshot, feedsPage } from './views/feeds.js';
import { type UploadLine, uploadPage } from './views/upload.js';

/** Files per upload. */
export const MAX_UPLOAD_FILES = 20;

/**
 * Largest upload body: every file at the job cap, plus room for the multipart framing. The
 * limit is checked while the body streams in, so a larger post is cut off, not buffered.
 */
const MAX_UPLOAD_BYTES = MAX_UPLOAD_FILES * MAX_JOB_SOURCE_BYTES + 64 * 1024;

/**
 * The Feeds page (`GET /feeds`) and the upload form (`GET`/`POST /upload`). Posts are guarded
 * by the app's CSRF check (the browser's Origin must be the viewer's own) and by the size cap;
 * uploaded files go through `enqueueArticles` with the checks `galley queue` applies.
 */
export function addFeedRoutes(app: Hono, target: QueueTarget, logger: Logger): void {
  app.get('/feeds', async (c) => c.html(feedsPage(target, await readFeeds(target))));
  app.get('/upload', (c) => c.html(uploadPage([], MAX_UPLOAD_FILES)));
  app.post(
    '/upload',
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES,
      onError: (c) =>
        c.html(
          uploadPage(
            [],
            MAX_UPLOAD_FILES,
            `The upload is over ${Math.round(MAX_UPLOAD_BYTES / 1048576)} MB; send fewer or smaller files.`,
          ),
          413,
        ),
    }),
    async (c) => {
      const form = await c.req.parseBody({ all: true });
      const files = [form.files ?? []].flat().filter((f): f is File => typeof f === 'object' && 'arrayBuffer' in f);
      if (!files.length) return c.html(uploadPage([], MAX_UPLOAD_FILES, 'Choose at least one file.'), 400);
      if (files.length > MAX_UPLOAD_FILES)
        return c.html(
          uploadPage([], MAX_UPLOAD_FILES, `At most ${MAX_UPLOAD_FILES} files at once (got ${files.length}).`),
          400,
        );
      const lines: UploadLine[] = [];
      const inputs = [];
      for (const file of files) {
        // The browser's file name, without any folder a client may have put in it.
        const name = path.basename(file.name.replaceAll('\\', '/')).slice(0, 200) || 'upload';
        try {
          checkJobSourceSize(file.size);
        } catch (error) {
          lines.push({ name, ok: false, text: `not queued: ${(error as Error).message}` });
          continue;
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        inputs.push({ name, read: async () => bytes });
      }
      // The stages' own input check and the producer, loaded on the first upload only: the viewer's
      // reading pages need neither, and BullMQ alone is most of a second of start-up.
      const [{ decodeSource }, { enqueueArticles }] = await Promise.all([
        import('@galley/pipeline/decode'),
        import('@galley/queue'),
      ]);
      let outcomes: EnqueueOutcome[] = [];
      try {
        outcomes = inputs.length
          ? await enqueueArticles(inputs, {
              redisUrl: target.redisUrl,
              queueName: target.queueName,
              check: (bytes) => void decodeSource(bytes, MAX_JOB_SOURCE_BYTES),
            })
          : [];
      } catch (error) {
        return c.html(uploadPage(lines, MAX_UPLOAD_FILES, (error as Error).message), 503);
      }
      for (const outcome of outcomes) lines.push(uploadLine(outcome));
      logger.info({ files: files.length, queued: outcomes.filter((o) => o.status === 'queued').length }, 'upload');
      return c.html(uploadPage(lines, MAX_UPLOAD_FILES), lines.every((l) => l.ok) ? 200 : 422);
    },
  );
}

function uploadLine(outcome: EnqueueOutcome): UploadLine {
  switch (outcome.status) {
    case 'queued':
      return { name: outcome.name, ok: true, text: `queued as ${outcome.jobId}` };
    case 'retried':
      return { name: outcome.name, ok: true, text: `had failed before; queued again (${outcome.jobId})` };
    case 'duplicate':
      return {
        name: outcome.name,
        ok: true,
        text: `already queued with the same content (${outcome.state}); not queued twice`,
      };
    case 'refused':
      return { name: outcome.name, ok: false, text: `not queued: ${outcome.reason}` };
  }
}

async function readFeeds(target: QueueTarget): Promise<FeedsSnapshot> {
  let redis;
  try {
    // Loaded on the first visit only: the viewer's reading pages need neither Redis nor the feed parsers.
    const [{ connectProducer }, { FeedStore, formatInterval }] = await Promise.all([
      import('@galley/queue'),
      import('@galley/feeds'),
    ]);
    redis = await connectProducer(target.redisUrl);
    const feeds = await new FeedStore(redis, target.queueName).list();
    return { ok: true, feeds: feeds.map((entry) => ({ ...entry, every: formatInterval(entry.config.everyMs) })) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    redis?.disconnect();
  }
}

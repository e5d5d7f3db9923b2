import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type ViewerOptions, createApp } from './app.js';

/** Options of {@link startViewer}: the app's options plus the port. */
export interface StartOptions extends ViewerOptions {
  /** Port to listen on; 0 picks a free one. Default 3000. */
  port?: number;
}

/** A running viewer. */
export interface RunningViewer {
  /** Where it answers, e.g. `http://127.0.0.1:3000/`. */
  url: string;
  /** Stop listening and let open requests finish. */
  close(): Promise<void>;
}

/** Start the viewer's HTTP server; resolves once it listens. */
export async function startViewer(options: StartOptions): Promise<RunningViewer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RangeError(`startViewer: port must be 0–65535, got ${port}`);
  const viewer = createApp({ ...options, host });
  // A corpus that cannot be opened (a wrong DATABASE_URL) fails the start, not the first request.
  await viewer.opened;
  const { app } = viewer;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      server.off('error', reject);
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}/`,
        close: async () => {
          await new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive sockets of idle browsers would otherwise hold close() open.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          });
          await viewer.close();
        },
      });
    });
    server.once('error', (error) => {
      void viewer.close();
      reject(error);
    });
  });
}

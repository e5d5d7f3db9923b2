import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Whether the worker can take jobs now, and if not, why (for the operator reading the probe). */
export interface Readiness {
  ready: boolean;
  reason?: string;
}

/** A running health server. */
export interface HealthServer {
  /** Where it listens (port 0 in the options picks a free one). */
  readonly address: AddressInfo;
  close(): Promise<void>;
}

/**
 * Serve `GET /live` (the process answers: 200) and `GET /ready` (200 when `readiness` says the
 * worker can take jobs, 503 with the reason otherwise) as small JSON bodies, for Kubernetes probes,
 * load balancers and compose health checks. Nothing else is served, and nothing about jobs or
 * articles is said.
 */
export async function startHealthServer(
  port: number,
  host: string,
  readiness: () => Promise<Readiness>,
): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: object): void => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify(body));
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, { error: 'GET or HEAD only' });
    const route = (request.url ?? '/').split('?')[0];
    if (route === '/live') return reply(200, { live: true });
    if (route !== '/ready') return reply(404, { error: 'try /live or /ready' });
    readiness().then(
      (state) => reply(state.ready ? 200 : 503, state),
      (error: Error) => reply(503, { ready: false, reason: error.message }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A route's answer: a body with headers, or a handler for anything special (304s, slowness). */
export type Route =
  | { body: string | Buffer; type?: string; headers?: Record<string, string>; status?: number }
  | ((request: http.IncomingMessage, response: http.ServerResponse) => void);

/**
 * A web site on 127.0.0.1 for tests: routes by path, changeable while it runs, and a count of
 * requests per path so a test can tell what was fetched.
 */
export class TestSite {
  readonly routes = new Map<string, Route>();
  readonly hits = new Map<string, number>();
  readonly requests: http.IncomingMessage[] = [];
  readonly #server: http.Server;
  #origin = '';

  constructor(host = '127.0.0.1') {
    this.#server = http.createServer((request, response) => {
      const path = request.url ?? '/';
      this.requests.push(request);
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      const route = this.routes.get(path);
      if (!route) {
        response.writeHead(404).end('not here');
        return;
      }
      if (typeof route === 'function') return route(request, response);
      response.writeHead(route.status ?? 200, { 'content-type': route.type ?? 'text/html', ...route.headers });
      response.end(route.body);
    });
    this.host = host;
  }

  readonly host: string;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, this.host, resolve));
    this.#origin = `http://${this.host}:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** `http://127.0.0.1:<port>` + path. */
  url(path: string): string {
    return this.#origin + path;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** An RSS 2.0 feed of the given items (`[path, title]` against `site`). */
export function rss(site: TestSite, items: ReadonlyArray<readonly [string, string]>): string {
  const entries = items
    .map(([path, title]) => `<item><title>${title}</title><link>${site.url(path)}</link><guid>${path}</guid></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>${entries}</channel></rss>`;
}

/** An article page with enough text for the stages. */
export function article(title: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${title} was reported on Monday by the harbour office, which said the change takes effect next week.</p></article></body></html>`;
}

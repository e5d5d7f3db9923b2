// The sites `npm run bench:feeds` polls, in a process of their own so that the benchmark's CPU
// figure is the poller's alone. Site i listens on 127.0.1.(i+1) (each its own host, as 200
// outlets would be) and serves /feed.xml: RSS with 50 items of the current round, an ETag, and a
// 304 for a matching If-None-Match; /a/<round>/<n> is a small article. A line "round N" on
// standard input moves every feed to round N; the process prints "ready <port>" once listening.
import http from 'node:http';
import { createInterface } from 'node:readline';

const sites = Number(process.argv[2] ?? 200);
const items = Number(process.argv[3] ?? 50);
let round = 0;

function feed(host, port) {
  const entries = [];
  for (let n = 0; n < items; n++) {
    const link = `http://${host}:${port}/a/${round}/${n}`;
    entries.push(
      `<item><title>Story ${round}-${n}</title><link>${link}</link><guid>${host}-${round}-${n}</guid></item>`,
    );
  }
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${host}</title>${entries.join('')}</channel></rss>`;
}

const port = await new Promise((resolve) => {
  const probe = http.createServer().listen(0, '127.0.1.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const servers = [];
for (let i = 0; i < sites; i++) {
  const host = `127.0.1.${i + 1}`;
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/feed.xml') {
      const etag = `"r${round}"`;
      if (request.headers['if-none-match'] === etag) return void response.writeHead(304).end();
      return void response.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(feed(host, port));
    }
    if (url.startsWith('/a/'))
      return void response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><title>${url}</title><p>Story ${url} on ${host}, reported on Monday.</p>`);
    response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  servers.push(server);
}
process.stdout.write(`ready ${port}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const match = /^round (\d+)$/.exec(line.trim());
  if (match) {
    round = Number(match[1]);
    process.stdout.write(`round ${round}\n`);
  }
}
for (const server of servers) server.close();

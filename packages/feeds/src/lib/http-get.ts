import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { FetchError } from '@galley/document';
import { describeFetchFailure, isNonPublicAddress, publicOnlyLookup } from '@galley/queue';

/** How {@link httpGet} fetches; the same limits `galley queue` applies to URLs. */
export interface HttpGetOptions {
  /** `User-Agent` header: Galley's name and a contact URL (see `userAgent`). */
  userAgent: string;
  /** Whole-request time limit in ms, redirects included (default 10000). */
  timeoutMs?: number;
  /** Largest body accepted, in bytes; a larger one is refused with `GALLEY_INPUT_TOO_LARGE`. */
  maxBytes: number;
  /** Allow loopback and private addresses (default false, as `--allow-private-urls`). */
  allowPrivate?: boolean;
  /** Redirects followed, each one checked again (default 5). */
  maxRedirects?: number;
  /** Extra request headers (`If-None-Match`, `If-Modified-Since`, `Accept`). */
  headers?: Record<string, string>;
}

/** An HTTP answer: any status (the caller decides what a 304 or a 429 means), the body for a 200. */
export interface HttpAnswer {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The body of a 200 answer; empty for other statuses, whose bodies are not read. */
  body: Buffer;
}

/** The `User-Agent` Galley sends: its name, and where a site owner can read about it or write. */
export function userAgent(contactUrl?: string): string {
  return `Galley/0.1 (news article processing${contactUrl ? `; +${contactUrl}` : ''})`;
}

/**
 * GET a URL with the protections of `fetchArticle` from @galley/queue (its public-only DNS
 * lookup, so every address connected to, redirects included, is checked; http(s) only; a time
 * and a size limit) and what polling needs on top: request headers, and every status returned
 * rather than thrown. Network failures throw a `FetchError` whose reason is in words.
 */
export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpAnswer> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const answer = await getOnce(current, options, deadline);
    const location = answer.headers.location;
    if (answer.status >= 300 && answer.status < 400 && answer.status !== 304 && location) {
      if (redirects >= (options.maxRedirects ?? 5)) throw new FetchError(url, 'too many redirects');
      current = new URL(location, current).toString();
      continue;
    }
    return answer;
  }
}

function getOnce(url: string, options: HttpGetOptions, deadline: number): Promise<HttpAnswer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new FetchError(url, 'not a valid URL', 'GALLEY_FETCH_REFUSED'));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return Promise.reject(new FetchError(url, 'only http:// and https:// URLs are fetched', 'GALLEY_FETCH_REFUSED'));
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(host) && isNonPublicAddress(host)) {
    return Promise.reject(
      new FetchError(url, `${host} is not a public address (--allow-private-urls allows it)`, 'GALLEY_FETCH_REFUSED'),
    );
  }
  const client = parsed.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      parsed,
      {
        headers: { 'user-agent': options.userAgent, ...options.headers },
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
        signal: AbortSignal.timeout(Math.max(deadline - Date.now(), 1)),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const answer = { status, url, headers: response.headers };
        if (status !== 200) {
          response.resume();
          resolve({ ...answer, body: Buffer.alloc(0) });
          return;
        }
        if (Number(response.headers['content-length']) > options.maxBytes) {
          response.destroy();
          reject(tooLarge(url, options.maxBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            reject(tooLarge(url, options.maxBytes));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ ...answer, body: Buffer.concat(chunks) }));
        response.on('error', (error) => reject(describeFetchFailure(url, error)));
      },
    );
    request.on('error', (error) => reject(describeFetchFailure(url, error)));
  });
}

function tooLarge(url: string, maxBytes: number): FetchError {
  return new FetchError(url, `larger than the ${formatBytes(maxBytes)} limit`, 'GALLEY_INPUT_TOO_LARGE');
}

/** `10 MB`, `512 kB`: sizes as people read them. */
export function formatBytes(bytes: number): string {
  return bytes >= 1048576 ? `${+(bytes / 1048576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup } from 'node:dns';
import {
  type FetchErrorCode,
  type SourceFormat,
  FetchError,
  GalleyError,
  describeSystemError,
  errorCode,
} from '@galley/document';

/** Options for {@link fetchArticle}. */
export interface FetchOptions {
  /** Whole-request time limit in ms, redirects included (default 10000). */
  timeoutMs?: number;
  /** Largest body accepted, in bytes (default: the job cap, 1 MB). */
  maxBytes?: number;
  /**
   * Allow loopback, private, link-local and other non-public addresses (default false). Off by
   * default so a queued URL cannot make a worker host probe its own network; tests turn it on.
   */
  allowPrivate?: boolean;
  /** Redirects followed (default 5). */
  maxRedirects?: number;
}

/**
 * A fetched article: its bytes, the final URL, the format its content type implies and the
 * character set its `Content-Type` header declares (a label such as `iso-8859-1`, as sent).
 */
export interface FetchedArticle {
  bytes: Uint8Array;
  url: string;
  format?: SourceFormat;
  charset?: string;
}

/**
 * Address ranges that are not the public internet (RFC 6890 special-purpose blocks). IPv6 ranges
 * that embed or tunnel an IPv4 address (IPv4-compatible, -mapped and -translated, 6to4, Teredo)
 * are refused whole: a public site is not reached that way, and the IPv4 address inside could be
 * a private one in any of several spellings.
 */
const nonPublic = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  nonPublic.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  // IPv4-compatible (deprecated) and IPv4-translated addresses; IPv4-mapped ones are below.
  ['::', 96],
  ['::ffff:0:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  // Discard-only, Teredo (2001::/32), documentation, 6to4.
  ['100::', 64],
  ['2001::', 32],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  // Site-local: deprecated, but still routed inside some networks.
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  nonPublic.addSubnet(net, prefix, 'ipv6');

/**
 * IPv4-mapped addresses (::ffff:0:0/96), apart: added to the list above, BlockList would match
 * every IPv4 address against the range too, since it compares IPv4 addresses in mapped form.
 */
const mapped = new BlockList();
mapped.addSubnet('::ffff:0:0', 96, 'ipv6');

/** Whether an IP address is outside the public internet (loopback, private, link-local…). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return nonPublic.check(address, 'ipv4');
  return mapped.check(address, 'ipv6') || nonPublic.check(address, 'ipv6');
}

/**
 * DNS lookup that refuses non-public addresses. It is the socket's own lookup, so the address
 * checked is the address connected to (a second resolution cannot swap in 127.0.0.1).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as Array<{ address: string; family: number }>;
    const blocked = list.find((a) => isNonPublicAddress(a.address));
    if (blocked || !list.length) {
      return callback(
        blocked
          ? new GalleyError(
              'GALLEY_FETCH_REFUSED',
              `${hostname} resolves to ${blocked.address}, which is not a public address (--allow-private-urls allows it)`,
            )
          : new GalleyError('GALLEY_FETCH_FAILED', `${hostname} resolves to no address`),
        '',
        0,
      );
    }
    if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    return callback(null, list[0].address, list[0].family);
  });
};

/** How {@link httpGet} fetches. */
export interface HttpGetOptions {
  /** `User-Agent` header. */
  userAgent: string;
  /** Whole-request time limit in ms, redirects included (default 10000). */
  timeoutMs?: number;
  /** Largest body accepted, in bytes; a larger one is refused with `GALLEY_INPUT_TOO_LARGE`. */
  maxBytes: number;
  /** What the size limit is for, in the refusal: `per article` gives "the 1 MB limit per article". */
  limitFor?: string;
  /** Allow loopback and private addresses (default false, as `--allow-private-urls`). */
  allowPrivate?: boolean;
  /** Redirects followed, each one checked again (default 5). */
  maxRedirects?: number;
  /** Extra request headers (`Accept`, `If-None-Match`, `If-Modified-Since`). */
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

/**
 * GET a URL over http(s) with a time limit and a size limit, following redirects. Other schemes,
 * and non-public addresses unless allowed, are refused before any connection is made; the
 * public-only DNS lookup checks every address connected to, redirects included. Every status is
 * returned, not thrown; network failures throw a `FetchError` whose reason is in words.
 */
export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpAnswer> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const answer = await getOnce(current, options, deadline);
    const location = answer.headers.location;
    if (answer.status >= 300 && answer.status < 400 && answer.status !== 304 && location) {
      if (redirects >= (options.maxRedirects ?? 5)) throw new FetchError(url, 'too many redirects');
      current = redirectTarget(current, location);
      continue;
    }
    return answer;
  }
}

/**
 * Fetch an article: {@link httpGet} with the job cap (1 MB by default), where any answer but a 200
 * is a failure, and the format and character set read from the `Content-Type` header.
 */
export async function fetchArticle(url: string, options: FetchOptions = {}): Promise<FetchedArticle> {
  const answer = await httpGet(url, {
    userAgent: 'galley/0.1',
    headers: { accept: 'text/html, text/markdown, text/plain;q=0.9, */*;q=0.1' },
    maxBytes: options.maxBytes ?? 1024 * 1024,
    limitFor: 'per article',
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.allowPrivate !== undefined ? { allowPrivate: options.allowPrivate } : {}),
    ...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
  });
  if (answer.status !== 200) throw new FetchError(answer.url, statusWords(answer.status));
  const type = answer.headers['content-type'];
  const format = formatFromContentType(type);
  const charset = charsetFromContentType(type);
  return { bytes: answer.body, url: answer.url, ...(format ? { format } : {}), ...(charset ? { charset } : {}) };
}

function getOnce(url: string, options: HttpGetOptions, deadline: number): Promise<HttpAnswer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new FetchError(url, 'not a valid URL', 'GALLEY_FETCH_REFUSED'));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return Promise.reject(new FetchError(url, 'only http:// and https:// URLs are fetched', 'GALLEY_FETCH_REFUSED'));
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(host) && isNonPublicAddress(host)) {
    return Promise.reject(
      new FetchError(url, `${host} is not a public address (--allow-private-urls allows it)`, 'GALLEY_FETCH_REFUSED'),
    );
  }
  const { maxBytes } = options;
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
        // Everything the server sends is untrusted: a throw in a callback would escape the
        // promise and end the process, so every callback turns its errors into a rejection.
        guard(reject, url, () => {
          const status = response.statusCode ?? 0;
          const answer = { status, url, headers: response.headers };
          if (status !== 200) {
            response.resume();
            resolve({ ...answer, body: Buffer.alloc(0) });
            return;
          }
          if (Number(response.headers['content-length']) > maxBytes) {
            response.destroy();
            reject(tooLarge(url, options));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) =>
            guard(reject, url, () => {
              size += chunk.length;
              if (size > maxBytes) {
                response.destroy();
                reject(tooLarge(url, options));
                return;
              }
              chunks.push(chunk);
            }),
          );
          response.on('end', () => resolve({ ...answer, body: Buffer.concat(chunks) }));
          response.on('error', (error) => reject(describe(url, error)));
        });
      },
    );
    request.on('error', (error) => reject(describe(url, error)));
  });
}

/** Run a callback, turning what it throws into a rejection of the fetch. */
function guard(reject: (error: Error) => void, url: string, callback: () => void): void {
  try {
    callback();
  } catch (error) {
    reject(describe(url, error instanceof Error ? error : new Error(String(error))));
  }
}

/** Where a redirect points, resolved against the page; a `Location` that is no URL is refused. */
function redirectTarget(url: string, location: string): string {
  try {
    return new URL(location, url).toString();
  } catch {
    // The server's text goes into a message: cut it, it could be anything and any length.
    const shown = location.length > 200 ? `${location.slice(0, 200)}…` : location;
    throw new FetchError(url, `redirected to an invalid URL (${JSON.stringify(shown)})`, 'GALLEY_FETCH_REFUSED');
  }
}

function tooLarge(url: string, { maxBytes, limitFor }: HttpGetOptions): FetchError {
  return new FetchError(
    url,
    `larger than the ${formatBytes(maxBytes)} limit${limitFor ? ` ${limitFor}` : ''}`,
    'GALLEY_INPUT_TOO_LARGE',
  );
}

/** `10 MB`, `512 kB`: sizes as people read them. */
/** A status that is not the one asked for, in words: "the server answered HTTP 404 Not Found". */
export function statusWords(status: number): string {
  return `the server answered HTTP ${status} ${http.STATUS_CODES[status] ?? ''}`.trim();
}

export function formatBytes(bytes: number): string {
  return bytes >= 1048576 ? `${+(bytes / 1048576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/** A request's failure as a {@link FetchError} whose reason is in words (`no such host`), not a raw code. */
export function describe(url: string, error: Error): Error {
  if (error instanceof FetchError) return error;
  if (error.name === 'AbortError' || error.name === 'TimeoutError')
    return new FetchError(url, 'no complete answer within the time limit', 'GALLEY_FETCH_FAILED', { cause: error });
  const code = errorCode(error);
  if (code) return new FetchError(url, error.message, code as FetchErrorCode, { cause: error });
  return new FetchError(url, describeSystemError(error) ?? error.message, 'GALLEY_FETCH_FAILED', { cause: error });
}

/** The `charset` parameter of a `Content-Type` header, unquoted, or `undefined`. */
function charsetFromContentType(value: string | undefined): string | undefined {
  const match = value?.match(/;\s*charset\s*=\s*(?:"([^"]{1,64})"|([^\s;"]{1,64}))/i);
  const label = (match?.[1] ?? match?.[2])?.trim();
  return label || undefined;
}

/** The source format a `Content-Type` header names, when it names one Galley reads. */
export function formatFromContentType(value: string | undefined): SourceFormat | undefined {
  const type = value?.split(';')[0].trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
  if (type === 'text/plain') return 'text';
  return undefined;
}

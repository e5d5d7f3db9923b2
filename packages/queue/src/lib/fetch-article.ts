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

/** A fetched article: its bytes, the final URL and the format its content type implies. */
export interface FetchedArticle {
  bytes: Uint8Array;
  url: string;
  format?: SourceFormat;
}

/**
 * Address ranges that are not the public internet (RFC 6890 special-purpose blocks). IPv4-mapped
 * IPv6 addresses (::ffff:a.b.c.d) are checked against the IPv4 rules by BlockList itself.
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
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  nonPublic.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is outside the public internet (loopback, private, link-local…). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return nonPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
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

/**
 * Fetch an article over http(s) with a time limit and a size limit. Other schemes, and
 * non-public addresses unless allowed, are refused before any connection is made.
 */
export async function fetchArticle(url: string, options: FetchOptions = {}): Promise<FetchedArticle> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const response = await getOnce(current, options, deadline);
    if ('location' in response) {
      if (redirects >= (options.maxRedirects ?? 5)) throw new FetchError(url, 'too many redirects');
      current = response.location;
      continue;
    }
    return response;
  }
}

function getOnce(url: string, options: FetchOptions, deadline: number): Promise<FetchedArticle | { location: string }> {
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
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const client = parsed.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    const request = client.get(
      parsed,
      {
        headers: { accept: 'text/html, text/markdown, text/plain;q=0.9, */*;q=0.1', 'user-agent': 'galley/0.1' },
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
        signal: AbortSignal.timeout(Math.max(remaining, 1)),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          resolve({ location: new URL(response.headers.location, parsed).toString() });
          return;
        }
        if (status !== 200) {
          response.resume();
          reject(new FetchError(url, `the server answered HTTP ${status} ${http.STATUS_CODES[status] ?? ''}`.trim()));
          return;
        }
        const declared = Number(response.headers['content-length']);
        if (declared > maxBytes) {
          response.destroy();
          reject(tooLarge(url, maxBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            response.destroy();
            reject(tooLarge(url, maxBytes));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          const format = formatFromContentType(response.headers['content-type']);
          resolve({ bytes: Buffer.concat(chunks), url, ...(format ? { format } : {}) });
        });
        response.on('error', (error) => reject(describe(url, error)));
      },
    );
    request.on('error', (error) => reject(describe(url, error)));
  });
}

function tooLarge(url: string, maxBytes: number): FetchError {
  return new FetchError(
    url,
    `larger than the ${(maxBytes / 1048576).toFixed(0)} MB limit per article`,
    'GALLEY_INPUT_TOO_LARGE',
  );
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

/** The source format a `Content-Type` header names, when it names one Galley reads. */
export function formatFromContentType(value: string | undefined): SourceFormat | undefined {
  const type = value?.split(';')[0].trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
  if (type === 'text/plain') return 'text';
  return undefined;
}

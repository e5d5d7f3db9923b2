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
        // Everything the server sends is untrusted: a throw in a callback would escape the
        // promise and end the process, so every callback turns its errors into a rejection.
        guard(reject, url, () => {
          const status = response.statusCode ?? 0;
          if (status >= 300 && status < 400 && response.headers.location) {
            response.resume();
            resolve({ location: redirectTarget(url, response.headers.location, parsed) });
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
          response.on('data', (chunk: Buffer) =>
            guard(reject, url, () => {
              size += chunk.length;
              if (size > maxBytes) {
                response.destroy();
                reject(tooLarge(url, maxBytes));
                return;
              }
              chunks.push(chunk);
            }),
          );
          response.on('end', () =>
            guard(reject, url, () => {
              const type = response.headers['content-type'];
              const format = formatFromContentType(type);
              const charset = charsetFromContentType(type);
              resolve({
                bytes: Buffer.concat(chunks),
                url,
                ...(format ? { format } : {}),
                ...(charset ? { charset } : {}),
              });
            }),
          );
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
function redirectTarget(url: string, location: string, base: URL): string {
  try {
    return new URL(location, base).toString();
  } catch {
    // The server's text goes into a message: cut it, it could be anything and any length.
    const shown = location.length > 200 ? `${location.slice(0, 200)}…` : location;
    throw new FetchError(url, `redirected to an invalid URL (${JSON.stringify(shown)})`, 'GALLEY_FETCH_REFUSED');
  }
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

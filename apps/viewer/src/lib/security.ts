import type { MiddlewareHandler } from 'hono';

/**
 * The policy of every page: scripts and styles only from the viewer's own `/assets/`, no
 * inline script or style, no plugins, no framing, forms post only to the viewer. Article text
 * is escaped anyway; this is the second wall if an escape is ever missed.
 */
export const pagePolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The policy of downloads: nothing in them may run, even if a browser renders them. */
export const downloadPolicy = "default-src 'none'; sandbox";

/** Security headers on every response; a handler may set a stricter CSP first. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', pagePolicy);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  };
}

const loopbackHost = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?::\d{1,5})?$/i;

/** Whether a bind address only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * When the viewer listens on loopback only, requests must also name a loopback host: a web page
 * that rebinds its own domain to 127.0.0.1 (DNS rebinding) then cannot read the viewer.
 */
export function loopbackOnly(): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!loopbackHost.test(host)) return c.text('This viewer only answers to localhost.', 421);
    await next();
  };
}

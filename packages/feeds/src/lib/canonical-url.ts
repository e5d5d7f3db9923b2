/**
 * Query parameters that say how a reader arrived, not what they read: campaign tags (`utm_*`),
 * ad-click ids and newsletter ids. Two links that differ only in these are the same story.
 */
const trackingParameter =
  /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|oly_(anon|enc)_id|vero_(conv|id)|__s)$/i;

/**
 * The form of a URL used to recognise the same story under two links: https for http, host in
 * lower case (the URL parser does this), default port dropped, fragment dropped, tracking
 * parameters removed, the remaining parameters sorted, and no trailing slash on the path.
 * Only a key for "seen before?": articles are fetched from the link as the feed gave it.
 * Returns `undefined` for something that is not an absolute http(s) URL.
 */
export function canonicalUrl(url: string, base?: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), base);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  parsed.protocol = 'https:';
  if (parsed.port === '80' || parsed.port === '443') parsed.port = '';
  parsed.hash = '';
  const kept = [...parsed.searchParams].filter(([name]) => !trackingParameter.test(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  parsed.search = new URLSearchParams(kept).toString();
  if (parsed.pathname.length > 1 && parsed.pathname.endsWith('/'))
    parsed.pathname = parsed.pathname.replace(/\/+$/, '');
  return parsed.toString();
}

/**
 * An absolute http(s) URL resolved against the feed's address, as the feed gave it (tracking
 * parameters and all: the site may need them), or `undefined` when the link is unusable.
 */
export function absoluteUrl(url: string, base?: string): string | undefined {
  try {
    const parsed = new URL(url.trim(), base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

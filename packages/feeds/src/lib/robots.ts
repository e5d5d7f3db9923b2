import robotsModule from 'robots-parser';
import { errorCode } from '@galley/document';
import { httpGet, type HttpGetOptions } from './http-get.js';

/**
 * Whether robots.txt lets Galley fetch a URL. When not, `reason` says why in words, and `later`
 * is true when the rules could not be read (try again later) rather than said no.
 */
export type RobotsVerdict = { allowed: true } | { allowed: false; reason: string; later: boolean };

/** Runs one request to a URL's host, e.g. through a {@link HostLimiter}. */
export type RequestGate = <T>(url: string, task: () => Promise<T>) => Promise<T>;

interface HostRules {
  verdict(url: string): RobotsVerdict;
  expires: number;
}

interface CachedRules {
  /** Shared by every check that arrives while robots.txt is being fetched: one request per site. */
  rules: Promise<HostRules>;
  /** When the entry may be fetched again; set once the rules are known. */
  expires: number;
}

/**
 * robots-parser is CommonJS whose `module.exports` is the function; its typings declare it as the
 * default export, which Node's ESM interop hands over as the module itself.
 */
const robotsParser = robotsModule as unknown as typeof robotsModule.default;

/** Sites whose rules are kept at once. */
const MAX_SITES = 10_000;

/** The product token Galley's rules are looked up under (`User-agent: Galley`). */
const AGENT = 'Galley';

/**
 * robots.txt, fetched once per site and kept `ttlMs` (default one hour). A missing robots.txt
 * (4xx) allows everything, as RFC 9309 §2.3.1.3 says; one that cannot be fetched (5xx, no
 * answer, too large) holds the site off for at most five minutes, since it may be in trouble.
 */
export class RobotsCache {
  readonly #rules = new Map<string, CachedRules>();
  readonly #http: Omit<HttpGetOptions, 'maxBytes'>;
  readonly #ttlMs: number;

  constructor(http: Omit<HttpGetOptions, 'maxBytes'>, ttlMs = 3_600_000) {
    this.#http = http;
    this.#ttlMs = ttlMs;
  }

  /** Whether `url` may be fetched; `gate` runs the robots.txt request when it is not cached. */
  async check(url: string, gate: RequestGate): Promise<RobotsVerdict> {
    const origin = new URL(url).origin;
    let cached = this.#rules.get(origin);
    if (!cached || cached.expires < Date.now()) {
      const entry: CachedRules = { rules: this.#load(origin, gate), expires: Infinity };
      this.#rules.delete(origin);
      // Bounded: past the cap, the site looked up longest ago is forgotten (Maps keep insertion order).
      if (this.#rules.size >= MAX_SITES) this.#rules.delete(this.#rules.keys().next().value as string);
      this.#rules.set(origin, entry);
      void entry.rules.then((rules) => (entry.expires = rules.expires));
      cached = entry;
    }
    return (await cached.rules).verdict(url);
  }

  async #load(origin: string, gate: RequestGate): Promise<HostRules> {
    const robotsUrl = `${origin}/robots.txt`;
    const expires = Date.now() + this.#ttlMs;
    let trouble: string;
    try {
      // 500 kB is the least RFC 9309 asks crawlers to read.
      const answer = await gate(robotsUrl, () => httpGet(robotsUrl, { ...this.#http, maxBytes: 512 * 1024 }));
      if (answer.status === 200) {
        const rules = robotsParser(robotsUrl, answer.body.toString('utf8'));
        const no: RobotsVerdict = { allowed: false, reason: `${robotsUrl} disallows it`, later: false };
        return { verdict: (url) => (rules.isAllowed(url, AGENT) === false ? no : { allowed: true }), expires };
      }
      if (answer.status >= 400 && answer.status < 500) return { verdict: () => ({ allowed: true }), expires };
      trouble = `answered HTTP ${answer.status}`;
    } catch (error) {
      trouble = errorCode(error) === 'GALLEY_INPUT_TOO_LARGE' ? 'is too large' : 'could not be fetched';
    }
    const later: RobotsVerdict = { allowed: false, reason: `${robotsUrl} ${trouble}; will try again`, later: true };
    return { verdict: () => later, expires: Date.now() + Math.min(this.#ttlMs, 300_000) };
  }
}

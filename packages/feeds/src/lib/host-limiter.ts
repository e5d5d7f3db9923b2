/** Options for {@link HostLimiter}. */
export interface HostLimiterOptions {
  /** Requests at once to one host (default 2). */
  perHost?: number;
  /** Least time between the starts of two requests to one host, ms (default 1000). */
  gapMs?: number;
}

interface HostSlot {
  active: number;
  /** When the next request to this host may start (epoch ms). */
  nextStart: number;
  waiting: Array<() => void>;
}

/**
 * Politeness per host: at most `perHost` requests at once and `gapMs` between starts. Each host
 * has its own line, so a slow host only holds up requests to itself. State lives in this
 * process (one worker's requests); hosts with nothing active or waiting are forgotten.
 */
export class HostLimiter {
  readonly perHost: number;
  readonly gapMs: number;
  readonly #hosts = new Map<string, HostSlot>();

  constructor(options: HostLimiterOptions = {}) {
    this.perHost = options.perHost ?? 2;
    this.gapMs = options.gapMs ?? 1000;
    if (!Number.isInteger(this.perHost) || this.perHost < 1)
      throw new Error(`requests per host must be a whole number ≥ 1 (got ${this.perHost})`);
    if (!(this.gapMs >= 0)) throw new Error(`the gap between requests must be ≥ 0 ms (got ${this.gapMs})`);
  }

  /** Run `task` when the host of `url` has room; resolves or rejects with the task. */
  async run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = new URL(url).host.toLowerCase();
    let slot = this.#hosts.get(host);
    if (!slot) {
      slot = { active: 0, nextStart: 0, waiting: [] };
      this.#hosts.set(host, slot);
    }
    while (slot.active >= this.perHost || Date.now() < slot.nextStart) {
      if (slot.active >= this.perHost) await new Promise<void>((resolve) => slot.waiting.push(resolve));
      else await new Promise((resolve) => setTimeout(resolve, slot.nextStart - Date.now()));
    }
    slot.active++;
    slot.nextStart = Date.now() + this.gapMs;
    try {
      return await task();
    } finally {
      slot.active--;
      const next = slot.waiting.shift();
      if (next) next();
      else if (slot.active === 0 && Date.now() >= slot.nextStart) this.#hosts.delete(host);
    }
  }
}

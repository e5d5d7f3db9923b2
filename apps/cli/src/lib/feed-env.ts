import { UsageError } from '@galley/document';
import { positiveInt } from './numbers.js';

/** How feeds are fetched, from the environment, shared by `galley worker` and `galley feeds poll`. */
export interface FeedPollerSettings {
  contactUrl?: string;
  perHost?: number;
  gapMs?: number;
}

/**
 * `GALLEY_CONTACT_URL` (put in the User-Agent so site owners can reach you), `GALLEY_PER_HOST`
 * (requests at once per host, default 2) and `GALLEY_HOST_GAP_MS` (least time between two
 * requests to one host, default 1000). A bad value is a usage mistake naming the variable.
 */
export function feedPollerSettings(): FeedPollerSettings {
  const contactUrl = process.env.GALLEY_CONTACT_URL?.trim();
  if (contactUrl && !/^https?:\/\/\S+$|^mailto:\S+$/.test(contactUrl))
    throw new UsageError(`GALLEY_CONTACT_URL must be an http(s) or mailto: URL (got "${contactUrl}")`);
  const perHost = positiveInt(process.env.GALLEY_PER_HOST, 'GALLEY_PER_HOST');
  const gap = process.env.GALLEY_HOST_GAP_MS?.trim();
  if (gap && !/^\d+$/.test(gap)) throw new UsageError(`GALLEY_HOST_GAP_MS must be a whole number ≥ 0 (got "${gap}")`);
  return {
    ...(contactUrl ? { contactUrl } : {}),
    ...(perHost ? { perHost } : {}),
    ...(gap ? { gapMs: Number(gap) } : {}),
  };
}

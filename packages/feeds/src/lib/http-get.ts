// Feeds are fetched with the queue's HTTP GET (the same address checks, limits and worded
// failures as `galley queue`); what is the feeds' own is the User-Agent they send.
export { httpGet, formatBytes, statusWords, type HttpGetOptions, type HttpAnswer } from '@galley/queue';

/** The `User-Agent` Galley sends: its name, and where a site owner can read about it or write. */
export function userAgent(contactUrl?: string): string {
  return `Galley/0.1 (news article processing${contactUrl ? `; +${contactUrl}` : ''})`;
}

import { lastBefore } from '../sorted.js';
import { type Discourse, rankReferents } from './discourse.js';
import { round } from './pronoun.js';
import type { Attribution, Context } from './types.js';

/** The people described by a role noun, trying its singular too ("officials" → "official"). */
export function roleHolders(ctx: Context, noun: string): Set<string> | undefined {
  return ctx.roles.get(noun) ?? (noun.endsWith('s') ? ctx.roles.get(noun.slice(0, -1)) : ctx.roles.get(`${noun}s`));
}

/**
 * "The treasurer said", "said the judge": the person introduced with that role (an appositive,
 * a title, "X is the CEO of …"), the most salient of them when several were; undefined when no
 * one was introduced so.
 */
export function resolveRole(
  ctx: Context,
  d: Discourse,
  noun: string,
  at: number,
  label = 'PERSON',
): Attribution | undefined {
  const all = roleHolders(ctx, noun);
  const holders = all && new Set([...all].filter((e) => ctx.records.get(e)?.label === label));
  if (!holders?.size) return undefined;
  const ranked = rankReferents(ctx, d, at, (entity) => (holders.has(entity) ? 1 : 0));
  const cue = `role noun → person introduced as “${noun}”`;
  if (ranked.length) {
    const [best, second] = ranked;
    const confidence = second ? 0.6 + 0.25 * (1 - second.score / best.score) : 0.85;
    return { speaker: best.entity, confidence: round(confidence), cue };
  }
  // Introduced further back than the discourse reaches: the one mentioned last.
  for (let i = lastBefore(ctx.mentionStarts, at); i >= 0; i--) {
    if (holders.has(ctx.entities[i].entity))
      return { speaker: ctx.entities[i].entity, confidence: holders.size > 1 ? 0.55 : 0.7, cue };
  }
  return { speaker: [...holders][0], confidence: 0.5, cue };
}

// Fault module for the queue fault tests (`GALLEY_FAULT_MODULE`): the stage thread of a spawned
// worker calls it instead of the stages. Articles carrying a marker word break the way a buggy
// stage would; every other article runs the real stages. Plain JavaScript: worker threads load it
// without vitest's TypeScript transform.

/** In an article's text: the stage throws. */
export const THROW_MARKER = 'GALLEYFAULTTHROW';
/** In an article's text: the stage loops until the time limit stops its thread. */
export const HANG_MARKER = 'GALLEYFAULTHANG';
/** In an article's text: the stage allocates until the thread's heap cap stops it. */
export const OOM_MARKER = 'GALLEYFAULTOOM';

/**
 * @param {{ source: string, encoding: 'utf8' | 'base64' }} data
 * @param {() => Promise<unknown>} run
 */
export default async function fault(data, run) {
  const text = data.encoding === 'base64' ? Buffer.from(data.source, 'base64').toString('utf8') : data.source;
  if (text.includes(THROW_MARKER)) throw new Error(`injected fault: the stage broke on ${THROW_MARKER}`);
  if (text.includes(HANG_MARKER)) for (;;);
  if (text.includes(OOM_MARKER)) {
    // Small live objects, kept: they reach the old generation, which is what the cap limits.
    const hoard = [];
    for (;;) hoard.push(Array.from({ length: 1024 }, (_, i) => ({ i })));
  }
  return run();
}

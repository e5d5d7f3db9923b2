import v8 from 'node:v8';

/**
 * V8 flag that keeps young generations from growing past their size when it is set. The worker's
 * main thread allocates little that lives long (job data, the copied-back document, the files'
 * text), yet V8 grows its young generation to 32 MB, which is RSS per worker process; with the
 * flag it stays at 4-16 MB (what loading the modules grew it to), and the peak RSS of a worker on
 * the bench corpus drops from 205-209 MB to 171-196 MB. `--max-semi-space-size` would be the
 * plain way, but V8 reads it only at start-up; this one it reads at every resize. The stage
 * threads' young generations are capped anyway (`resourceLimits`), so they lose little.
 */
const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';

/**
 * Set the flag (again). Starting a thread resets V8's flags, so the worker calls this after it
 * starts stage threads, as well as on import.
 */
export function holdYoungGeneration(): void {
  v8.setFlagsFromString(YOUNG_GENERATION_FLAG);
}

// On import, as early as the module graph allows: V8 does not shrink a young generation it has
// grown, and running the worker's modules would grow it further.
holdYoungGeneration();

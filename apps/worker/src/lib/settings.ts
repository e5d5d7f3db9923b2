/** What the sandboxed processor needs from the worker that starts it. */
export interface ProcessorSettings {
  /** Folder articles are published to. */
  outDir: string;
  /** Time limit per job in ms. */
  timeLimitMs: number;
  /** Heap cap of the stage thread, MB. */
  memoryLimitMb: number;
  /** Test only: module loaded in the stage thread to inject faults (see `StageFault`). */
  faultModule?: string;
  /** Where published articles are indexed: `{}` for `<outDir>/corpus.sqlite`, a URL for PostgreSQL; absent: not indexed. */
  corpus?: { databaseUrl?: string };
}

/** Check the settings handed to a processor thread; a missing value is a programming error. */
export function parseProcessorSettings(value: unknown): ProcessorSettings {
  const v = value as Partial<ProcessorSettings> | null;
  if (
    !v ||
    typeof v.outDir !== 'string' ||
    !v.outDir ||
    typeof v.timeLimitMs !== 'number' ||
    !(v.timeLimitMs > 0) ||
    typeof v.memoryLimitMb !== 'number' ||
    !(v.memoryLimitMb > 0) ||
    (v.faultModule !== undefined && typeof v.faultModule !== 'string') ||
    (v.corpus !== undefined && (typeof v.corpus !== 'object' || v.corpus === null))
  ) {
    throw new Error(
      'the Galley processor must be started by startWorker (workerData.outDir, timeLimitMs and memoryLimitMb are required)',
    );
  }
  return {
    outDir: v.outDir,
    timeLimitMs: v.timeLimitMs,
    memoryLimitMb: v.memoryLimitMb,
    ...(v.faultModule ? { faultModule: v.faultModule } : {}),
    ...(v.corpus ? { corpus: v.corpus.databaseUrl ? { databaseUrl: String(v.corpus.databaseUrl) } : {} } : {}),
  };
}

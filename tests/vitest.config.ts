import { defineConfig } from 'vitest/config';

// One file at a time: the fault tests start Redis servers and workers, and the machine has two
// cores; timings measured while another file hammers the CPU would say nothing.
export default defineConfig({
  test: { fileParallelism: false, testTimeout: 60_000, hookTimeout: 60_000 },
});

import { defineConfig } from 'vitest/config';

// Each test runs the real `galley` in a child process (about a second to start on a loaded
// two-core machine), often several in a row, so the default 5 s is too short.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});

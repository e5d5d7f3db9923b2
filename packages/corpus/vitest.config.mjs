import { defineConfig } from 'vitest/config';

// Each PostgreSQL test creates and drops a database of its own; on a shared machine that takes seconds.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });

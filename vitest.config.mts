import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // better-sqlite3 and keytar are native: forks keep each file in its own process.
    pool: 'forks',
  },
});

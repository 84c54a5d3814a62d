import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Component tests (.tsx) say `// @vitest-environment happy-dom` on their first line; the rest run in Node.
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // better-sqlite3 and keytar are native: forks keep each file in its own process.
    pool: 'forks',
  },
});

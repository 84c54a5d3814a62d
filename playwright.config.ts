import { defineConfig } from '@playwright/test';

// No `use.browserName`/`channel`: the e2e fixtures launch Debian's Chromium themselves
// (test/harness/chromium.ts) and Playwright never downloads a browser.
export default defineConfig({
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: process.env.CI ? 2 : undefined,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  outputDir: 'test-results/artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  projects: [
    { name: 'e2e', testDir: 'test/e2e' },
    { name: 'electron', testDir: 'test/electron' },
  ],
});

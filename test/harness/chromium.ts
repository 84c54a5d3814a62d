import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium where it exists (this is how CI runs); on a developer's Mac or Windows
 * machine Playwright's own Chromium, if they installed one. Never downloads anything.
 */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && fs.existsSync(p));
}

/** Flags that keep Chromium from calling Google services on a machine with no internet. */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export function launchChromium({ headless = true }: { headless?: boolean } = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({
    headless,
    ...(executablePath ? { executablePath } : {}),
    // Root (CI containers) cannot use Chromium's own sandbox; the page is still the real renderer.
    args: [...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
}

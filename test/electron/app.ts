/**
 * Launching the real Electron app for the `_electron` specs (`npm run test:electron`). They drive,
 * in order of preference:
 *  1. ATELIER_ELECTRON_APP, an executable path;
 *  2. the packaged test build in release-test/ (`npm run package:test`: the release's fuses, plus
 *     --inspect, which Playwright attaches through) — what CI runs on all three systems;
 *  3. a developer's checkout: node_modules/electron's binary on `.` after `npm run build`.
 * Where none exists (no Electron binary could be downloaded) every spec skips and says why, unless
 * ATELIER_REQUIRE_ELECTRON=1 (the CI Electron job), where it fails instead (./required.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { whenNoApp } from './required';

const root = path.resolve(__dirname, '..', '..');

export interface Target {
  executablePath: string;
  /** `.` for a checkout; nothing for a packaged app. */
  args: string[];
  packaged: boolean;
}

function packagedBuild(): string | null {
  const dir = path.join(root, 'release-test');
  const candidates = [
    path.join(dir, 'linux-unpacked', 'atelier'),
    path.join(dir, 'win-unpacked', 'Atelier.exe'),
    path.join(dir, 'mac-arm64', 'Atelier.app', 'Contents', 'MacOS', 'Atelier'),
    path.join(dir, 'mac', 'Atelier.app', 'Contents', 'MacOS', 'Atelier'),
    path.join(dir, 'mac-universal', 'Atelier.app', 'Contents', 'MacOS', 'Atelier'),
  ];
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

/**
 * The checkout's binary, found the way the electron package does but without `require('electron')`,
 * which would try to download it from GitHub on first use — something a test must never do.
 */
function checkoutBinary(): { path: string } | { reason: string } {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    return { reason: 'the Electron binary has not been downloaded on this machine (no node_modules/electron/path.txt), and there is no packaged build in release-test/' };
  }
  const bin = path.join(pkgDir, 'dist', fs.readFileSync(pathFile, 'utf8'));
  if (!fs.existsSync(bin)) return { reason: `no Electron binary at ${bin}` };
  if (!fs.existsSync(path.join(root, 'dist', 'electron', 'main.cjs'))) return { reason: 'dist/electron is not built (run `npm run build`)' };
  return { path: bin };
}

function findTarget(): Target | { reason: string } {
  const explicit = process.env.ATELIER_ELECTRON_APP;
  if (explicit) {
    return fs.existsSync(explicit) ? { executablePath: explicit, args: [], packaged: true } : { reason: `ATELIER_ELECTRON_APP points at ${explicit}, which does not exist` };
  }
  const packaged = packagedBuild();
  if (packaged) return { executablePath: packaged, args: [], packaged: true };
  const dev = checkoutBinary();
  return 'reason' in dev ? dev : { executablePath: dev.path, args: ['.'], packaged: false };
}

const found = findTarget();
export const target: Target | null = 'reason' in found ? null : found;
export const skipReason: string | null = 'reason' in found ? whenNoApp(found.reason, process.env).skip : null;
let said = false;
/** Printed once per worker, so a run here shows why nothing ran. */
export function sayWhySkipped(): void {
  if (skipReason && !said) {
    said = true;
    console.log(`[electron] skipped: ${skipReason}. The same slice runs in Chromium through the harness (test/e2e).`);
  }
}

/** One user's Atelier: a data directory and a keychain entry of the test's own, across relaunches. */
export interface Profile {
  userDataDir: string;
  keychainService: string;
}

export function newProfile(): Profile {
  return { userDataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-electron-')), keychainService: `Atelier-electron-test-${crypto.randomUUID()}` };
}

export function appEnv(profile: Profile, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'GEMINI_API_KEY') env[k] = v;
  return {
    ...env,
    ATELIER_USER_DATA_DIR: profile.userDataDir,
    ATELIER_KEYCHAIN_SERVICE: profile.keychainService,
    // Updates are off in tests: nothing may reach GitHub.
    ATELIER_UPDATES: 'off',
    ...extra,
  };
}

export async function launch(profile: Profile, extra: Record<string, string> = {}, args: string[] = []): Promise<{ app: ElectronApplication; page: Page }> {
  if (!target) throw new Error(skipReason ?? 'no Electron');
  const app = await electron.launch({ executablePath: target.executablePath, args: [...target.args, ...args], cwd: root, env: appEnv(profile, extra), timeout: 60_000 });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}

export function testKey(): string {
  return `AIzaElectron${crypto.randomBytes(14).toString('hex')}`;
}

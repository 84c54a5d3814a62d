/**
 * Starts Atelier without Electron: the real services (createAtelier, the same composition
 * main.ts uses), the built renderer served through the same request handler as app://, and
 * Debian's Chromium driven by Playwright with the preload bridge emulated over the same router.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAtelier, type Atelier, type AtelierOptions } from '../../electron/atelier';
import type { ConfirmRequest } from '../../electron/services/settings/endpoint';
import { loadKeytar, type Encryptor, type Keychain } from '../../electron/services/secrets/SecretStore';
import { forwardEvents } from '../../electron/services/shell/forwardEvents';
import type { Updater } from '../../electron/services/updates/UpdateService';
import { launchChromium } from './chromium';
import { serveOnLoopback } from './httpServer';
import { createTestEncryptor } from './testEncryptor';

export const RENDERER_DIR = path.resolve(__dirname, '..', '..', 'dist', 'renderer');
export const KEY_ACCOUNT = 'gemini-api-key';

export interface LaunchOptions {
  /** Defaults to a fresh temporary directory. */
  userDataDir?: string;
  /** Where Gemini is: the fake server's URL in tests. */
  geminiBaseUrl?: string;
  /** GEMINI_API_KEY as the app would read it from the environment. */
  envApiKey?: string;
  /** 'system' = the real OS keychain via keytar (default); 'none' = a machine without one. */
  keychain?: 'system' | 'none';
  /** A keychain service name of the test's own, so a real user's Atelier key is never touched. */
  keychainService?: string;
  /** For the encrypted-file fallback; defaults to a real AES-GCM encryptor. */
  encryptor?: Encryptor | null;
  /** Reuse a browser across tests (faster); otherwise one is launched and closed with the app. */
  browser?: Browser;
  headless?: boolean;
  viewport?: { width: number; height: number };
  /** Device pixels per CSS pixel (2 for a high-DPI screen); Chromium's default 1 when absent. */
  deviceScaleFactor?: number;
  /** An updater (a fake in tests); without one, updates are off as in development. It checks at once. */
  updater?: Updater;
  /** The screen the window opens on (its #/hash); the app's own first screen when absent. */
  screen?: string;
  /** Passed to createAtelier: quota window, retry backoff, batch polling. */
  tuning?: Pick<AtelierOptions, 'queueWindowMs' | 'backoff' | 'batchPollMs' | 'thumbnailQuietMs' | 'trustAnchors' | 'shedPolicy' | 'batchFileChunkBytes'>;
  /**
   * false: main has no Import dialog (a plain browser), so the window uses its own file input.
   * Otherwise the "dialog" answers with `desktop.picks`.
   */
  nativeDialogs?: boolean;
}

export interface LaunchedApp {
  page: Page;
  atelier: Atelier;
  origin: string;
  userDataDir: string;
  keychainService: string;
  /** Everything main wrote to its log file so far. */
  logText(): string;
  /** OS notifications main asked for (the Notifier the harness injects). */
  notifications: Array<{ title: string; body: string }>;
  /** URLs main was asked to open in the system browser. */
  openedUrls: string[];
  /** Whether the "window" counts as focused, for notification tests. */
  setFocused(focused: boolean): void;
  /**
   * What the window asked the desktop to do (drag out, copy, open, reveal), the export folder the
   * "dialog" answers, and what main's Import dialogs answer next (null: the user cancels).
   */
  desktop: {
    calls: Array<{ action: string; paths: string[] }>;
    exportFolder: string;
    /** The native confirmations main showed (endpoint changes, unknown links), and how the "user" answers them (yes by default). */
    confirmations: ConfirmRequest[];
    answerConfirmations(yes: boolean): void;
    picks: { files: string[] | null; folder: string | null };
    /**
     * Puts real files "on the desktop": a File the window gets with the same name and size
     * (dropped, chosen) then has this path through the bridge's pathForFile, as in Electron.
     */
    placeFiles(paths: string[]): Promise<void>;
  };
  /** Stops services and page, then starts them again on the same data directory and keychain entry. */
  restart(): Promise<void>;
  /** Stops everything and deletes this run's keychain entry. The data directory is kept for inspection. */
  close(): Promise<void>;
}

/** test/harness/preloadEmulation.ts as one script for the page, bundled once per process. */
let emulationScript: string | null = null;
function preloadEmulation(): string {
  emulationScript ??= buildSync({
    entryPoints: [path.join(__dirname, 'preloadEmulation.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  }).outputFiles[0]!.text;
  return emulationScript;
}

export async function launchApp(opts: LaunchOptions = {}): Promise<LaunchedApp> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built renderer in ${RENDERER_DIR}: run \`npm run build:renderer\` first.`);
  }
  const userDataDir = opts.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-e2e-'));
  const keychainService = opts.keychainService ?? `Atelier-test-${crypto.randomUUID()}`;
  const encryptor = opts.encryptor === undefined ? createTestEncryptor() : opts.encryptor;
  const ownBrowser = !opts.browser;
  const browser = opts.browser ?? (await launchChromium({ headless: opts.headless ?? true }));

  let keychain: Keychain | null = null;
  let focused = true;
  const notifications: Array<{ title: string; body: string }> = [];
  const openedUrls: string[] = [];
  const desktopCalls: Array<{ action: string; paths: string[] }> = [];
  const picks: { files: string[] | null; folder: string | null } = { files: null, folder: null };
  const confirmations: ConfirmRequest[] = [];
  let confirmAnswer = true;
  const exportFolder = path.join(userDataDir, '..', `${path.basename(userDataDir)}-export`);
  const moveTarget = path.join(userDataDir, '..', `${path.basename(userDataDir)}-other-disk`);
  let atelier!: Atelier;
  let context!: BrowserContext;
  let page!: Page;
  const server = await serveOnLoopback(() => atelier.handleRequest);

  async function startServices(): Promise<void> {
    if (opts.keychain !== 'none') keychain = await loadKeytarOnce();
    atelier = await createAtelier({
      userDataDir,
      rendererDir: RENDERER_DIR,
      trustedOrigin: () => server.origin,
      appVersion: 'test',
      keychainService,
      keychain: opts.keychain === 'none' ? null : keychain,
      encryptor,
      env: { GEMINI_BASE_URL: opts.geminiBaseUrl, GEMINI_API_KEY: opts.envApiKey },
      notifier: { notify: (n) => void notifications.push(n) },
      isWindowFocused: () => focused,
      openExternal: async (url) => void openedUrls.push(url),
      desktop: {
        copyImage: (p) => void desktopCalls.push({ action: 'copy', paths: [p] }),
        openPath: async (p) => void desktopCalls.push({ action: 'open', paths: [p] }),
        showInFolder: (p) => void desktopCalls.push({ action: 'reveal', paths: [p] }),
        chooseFolder: async (purpose) => (purpose === 'move-library' ? moveTarget : exportFolder),
        relaunch: () => void desktopCalls.push({ action: 'relaunch', paths: [] }),
        ...(opts.nativeDialogs === false
          ? {}
          : {
              pickFiles: async () => (desktopCalls.push({ action: 'pickFiles', paths: picks.files ?? [] }), picks.files),
              pickFolder: async () => (desktopCalls.push({ action: 'pickFolder', paths: picks.folder ? [picks.folder] : [] }), picks.folder),
            }),
        confirm: async (req) => {
          confirmations.push(req);
          return confirmAnswer;
        },
      },
      ...(opts.updater ? { updater: opts.updater, updateFirstCheckMs: 0 } : {}),
      ...opts.tuning,
    });
  }

  let loadedKeytar: Keychain | null | undefined;
  async function loadKeytarOnce(): Promise<Keychain | null> {
    if (loadedKeytar === undefined) loadedKeytar = await loadKeytar({ debug() {}, info() {}, warn() {}, error() {} });
    return loadedKeytar;
  }

  async function openPage(): Promise<void> {
    context = await browser.newContext({ viewport: opts.viewport ?? { width: 1360, height: 860 }, ...(opts.deviceScaleFactor ? { deviceScaleFactor: opts.deviceScaleFactor } : {}) });
    page = await context.newPage();
    await page.exposeBinding('__atelierInvoke', (source, route: unknown, input: unknown) =>
      atelier.router.handle({ url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }, route, input),
    );
    // ipcMain.on(IPC_DRAG_CHANNEL) in main.ts: the same resolution, with the drag recorded.
    await page.exposeBinding('__atelierStartDrag', (source, ids: unknown) => {
      atelier.dragOut({
        sender: { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() },
        ids,
        startDrag: (files) => void desktopCalls.push({ action: 'drag', paths: files }),
      });
    });
    // tsx (npm run preview, benchmarks) compiles with esbuild's keepNames, which wraps functions in a
    // `__name` helper that only exists in Node; the page gets a no-op one first.
    await page.addInitScript({ content: 'window.__name = window.__name || ((f) => f);' });
    await page.addInitScript({ content: preloadEmulation() });
    const events = atelier.events;
    const target = page;
    events.onAny(
      forwardEvents({
        send: (event, payload) => {
          // What webContents.send does first in Electron: a payload it could not clone throws there, so here too.
          structuredClone(payload);
          // Same order as emitted: evaluate calls are queued on one connection.
          target.evaluate(([e, p]) => (window as unknown as { __atelierEmit?: (e: string, p: unknown) => void }).__atelierEmit?.(e, p), [event, payload] as const).catch(() => {});
        },
        logger: atelier.logger,
      }),
    );
    await page.goto(opts.screen ? `${server.origin}/#/${opts.screen}` : `${server.origin}/`);
  }

  await startServices();
  await openPage();

  const app: LaunchedApp = {
    get page() {
      return page;
    },
    get atelier() {
      return atelier;
    },
    origin: server.origin,
    userDataDir,
    keychainService,
    notifications,
    openedUrls,
    desktop: {
      calls: desktopCalls,
      exportFolder,
      picks,
      confirmations,
      answerConfirmations: (yes) => {
        confirmAnswer = yes;
      },
      placeFiles: async (paths) => {
        const files = paths.map((p) => ({ name: path.basename(p), size: fs.statSync(p).size, path: path.resolve(p) }));
        await page.evaluate((list) => (window as unknown as { __atelierPlaceFiles: (l: unknown) => void }).__atelierPlaceFiles(list), files);
      },
    },
    setFocused: (f) => {
      focused = f;
    },
    logText: () => {
      const file = path.join(userDataDir, 'logs', 'main.log');
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    },
    async restart() {
      await context.close();
      await atelier.dispose();
      await startServices();
      await openPage();
    },
    async close() {
      await context.close().catch(() => {});
      await atelier.dispose().catch(() => {});
      await server.close();
      if (keychain) await keychain.deletePassword(keychainService, KEY_ACCOUNT).catch(() => false);
      if (ownBrowser) await browser.close();
    },
  };
  return app;
}

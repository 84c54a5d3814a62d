import fs from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../electron/services/protocol/appRequestHandler';
import { expect, generate, goTo, saveKeyThroughOnboarding, test, testKey } from './fixtures';

test('the API key appears nowhere in the page, its storage, the database or the logs', async ({ launch, fake }) => {
  const app = await launch();
  const { page } = app;
  const key = testKey();
  await saveKeyThroughOnboarding(page, key);
  await generate(page, 'a secretive fox', { tier: 'pro' });
  await goTo(page, 'library');
  await expect(page.getByTestId('asset-tile')).toHaveCount(1);
  await page.getByTestId('asset-tile').first().click();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('key-status')).toContainText('keychain');
  // Gemini did get it — through main, in the header.
  expect(fake.requests.at(-1)!.headers['x-goog-api-key']).toBe(key);

  const pageState = await page.evaluate(async () => {
    const globals: string[] = [];
    for (const name of Object.getOwnPropertyNames(window)) {
      try {
        const v = (window as unknown as Record<string, unknown>)[name];
        if (typeof v === 'string') globals.push(v);
        else if (v && typeof v === 'object' && !(v instanceof Node) && v !== window) globals.push(JSON.stringify(v) ?? '');
      } catch {
        /* cross-origin or cyclic values cannot hold our key */
      }
    }
    const dbs = (await indexedDB.databases?.()) ?? [];
    return {
      html: document.documentElement.outerHTML,
      inputs: [...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value),
      globals: globals.join('\n'),
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookies: document.cookie,
      indexedDb: JSON.stringify(dbs),
    };
  });
  for (const [where, text] of Object.entries(pageState)) expect(JSON.stringify(text), where).not.toContain(key);

  await app.close();
  const libDir = path.join(app.userDataDir, 'library');
  for (const f of fs.readdirSync(libDir).filter((n) => n.startsWith('atelier.sqlite'))) {
    expect(fs.readFileSync(path.join(libDir, f)).includes(Buffer.from(key)), f).toBe(false);
  }
  expect(app.logText().length).toBeGreaterThan(0);
  expect(app.logText()).not.toContain(key);
  for (const f of fs.readdirSync(app.userDataDir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) expect(fs.readFileSync(path.join(f.parentPath, f.name)).includes(Buffer.from(key)), f.name).toBe(false);
  }
});

test('the bridge refuses unknown routes, bad input and pages from another origin', async ({ launch, fake }) => {
  const { page } = await launch();
  const unknown = await page.evaluate(() => window.atelier!.invoke('shell.exec', { cmd: 'rm -rf /' }));
  expect(unknown).toMatchObject({ ok: false, code: 'unknown_route' });
  const bad = await page.evaluate(() => window.atelier!.invoke('generate.start', { prompt: 42, tier: 'flash', aspectRatio: '1:1' }));
  expect(bad).toMatchObject({ ok: false, code: 'bad_input' });
  const badRatio = await page.evaluate(() => window.atelier!.invoke('generate.start', { prompt: 'x', tier: 'flash', aspectRatio: '9:21' }));
  expect(badRatio).toMatchObject({ ok: false, code: 'bad_input', message: expect.stringContaining('aspectRatio') });

  // The same window, navigated to a foreign origin, still has the bridge object, but main refuses it.
  await page.goto(`${fake.url}/v1beta/models`);
  const foreign = await page.evaluate(() => (window as unknown as { atelier: { invoke: (r: string) => Promise<unknown> } }).atelier.invoke('key.status'));
  expect(foreign).toMatchObject({ ok: false, code: 'forbidden_sender' });
});

test('the app is served with a strict CSP that blocks injected scripts', async ({ launch }) => {
  const app = await launch();
  const res = await fetch(`${app.origin}/`);
  expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  const ran = await app.page.evaluate(async () => {
    const violated = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
    return { injected: (window as unknown as { __injected?: boolean }).__injected ?? false, directive: await violated };
  });
  expect(ran).toEqual({ injected: false, directive: expect.stringMatching(/^script-src/) });
});

test('library files are only reachable by id: traversal and unknown ids get 404', async ({ launch }) => {
  const app = await launch();
  const attempts = [
    '/assets/..%2f..%2f..%2fetc%2fpasswd',
    '/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/00000000-0000-4000-8000-000000000000',
    '/assets/00000000-0000-4000-8000-000000000000/../../settings.json',
    `/assets/${encodeURIComponent(path.join(app.userDataDir, 'settings.json'))}`,
  ];
  for (const url of attempts) {
    const res = await fetch(`${app.origin}${url}`);
    const body = await res.text();
    expect(body, url).not.toContain('root:');
    if (url.startsWith('/assets/')) expect(res.status, url).toBe(404);
  }
});

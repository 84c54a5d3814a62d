import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createAppRequestHandler,
  resolveInside,
  type AssetFiles,
} from '../../../../electron/services/protocol/appRequestHandler';
import { tempDir } from '../../../support/tmp';

const ID = '0b9d7a44-5f3e-4c2a-9a51-2d5c1e7f8a90';
const BIG_ID = '1c9d7a44-5f3e-4c2a-9a51-2d5c1e7f8a91';

describe('app:// request handler', () => {
  let root: string;
  let rendererDir: string;
  let secretFile: string;
  let bigFile: string;
  let handle: (url: string, init?: RequestInit) => Promise<Response>;

  beforeAll(() => {
    root = tempDir();
    rendererDir = path.join(root, 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'static'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Atelier</title>');
    fs.writeFileSync(path.join(rendererDir, 'static', 'app.js'), 'console.log(1)');
    secretFile = path.join(root, 'secret.txt');
    fs.writeFileSync(secretFile, 'TOP SECRET');
    fs.writeFileSync(path.join(root, 'image.png'), 'png-bytes');
    fs.writeFileSync(path.join(root, 'screen-1920.jpg'), 'jpeg-copy');
    bigFile = path.join(root, 'big.png');
    fs.writeFileSync(bigFile, crypto.randomBytes(24 * 1024 * 1024));
    const assets: AssetFiles = {
      blobFile: () => null,
      groundingHtml: () => null,
      fileOf: (id, variant) =>
        id === ID ? { path: path.join(root, 'image.png'), mime: variant === 'thumb' ? 'image/webp' : 'image/png' } : id === BIG_ID ? { path: bigFile, mime: 'image/png' } : null,
      // A copy for 1920; a copy that cannot be made for BIG_ID.
      screenOf: async (id, edge) => {
        if (id === BIG_ID) throw new Error('sharp could not read it');
        return id === ID && edge === 1920 ? { path: path.join(root, 'screen-1920.jpg'), mime: 'image/jpeg' } : null;
      },
    };
    const handler = createAppRequestHandler({ rendererDir, assets });
    handle = (url, init) => handler(new Request(`app://atelier${url}`, init));
  });

  it('serves the app shell with a strict CSP', async () => {
    const res = await handle('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(await res.text()).toContain('<title>Atelier</title>');
  });

  it('serves built files and falls back to the shell for client routes', async () => {
    expect(await (await handle('/static/app.js')).text()).toBe('console.log(1)');
    const route = await handle('/settings');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Atelier');
  });

  it('serves library images by id, and thumbnails', async () => {
    const res = await handle(`/assets/${ID}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(await res.text()).toBe('png-bytes');
    expect((await handle(`/assets/${ID}/thumb`)).headers.get('content-type')).toBe('image/webp');
  });

  it('serves the screen-sized copy, the original when the copy cannot be made, and refuses other sizes', async () => {
    const copy = await handle(`/assets/${ID}/screen/1920`);
    expect([copy.status, copy.headers.get('content-type'), await copy.text()]).toEqual([200, 'image/jpeg', 'jpeg-copy']);
    const fallback = await handle(`/assets/${BIG_ID}/screen/1920`);
    expect([fallback.status, fallback.headers.get('content-type'), fallback.headers.get('content-length')]).toEqual([200, 'image/png', String(24 * 1024 * 1024)]);
    await fallback.body?.cancel();
    expect((await handle(`/assets/${ID}/screen/1280`)).status).toBe(404);
    for (const edge of ['1000', '0', '-1920', '1920.0', '99999']) expect((await handle(`/assets/${ID}/screen/${edge}`)).status, edge).toBe(404);
  });

  it('refuses unknown and malformed asset ids', async () => {
    expect((await handle('/assets/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await handle(`/assets/${ID}/../../secret.txt`)).status).toBe(404);
    expect((await handle(`/assets/${ID}x`)).status).toBe(404);
    expect((await handle('/assets/1; DROP TABLE assets')).status).toBe(404);
  });

  it('refuses path traversal in every spelling', async () => {
    const attempts = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%252e%252e%252fsecret.txt',
      '/..%5csecret.txt',
      '/index.html%00.js',
      `/${encodeURIComponent(secretFile)}`,
      '/%',
    ];
    for (const url of attempts) {
      const res = await handle(url);
      const body = await res.text();
      expect(body, url).not.toContain('TOP SECRET');
    }
    expect(resolveInside(rendererDir, '/..%2f..%2fsecret.txt')).toBeNull();
    expect(resolveInside(rendererDir, '/a\\..\\..\\secret.txt')).toBeNull();
    expect(resolveInside(rendererDir, '/static/app.js')).toBe(path.join(rendererDir, 'static', 'app.js'));
  });

  it('streams large files instead of buffering them', async () => {
    const res = await handle(`/assets/${BIG_ID}`);
    expect(res.headers.get('content-length')).toBe(String(24 * 1024 * 1024));
    const reader = res.body!.getReader();
    const first = await reader.read();
    // A stream hands out chunks far smaller than the file (1 MiB: few trips, bounded memory).
    expect(first.value!.byteLength).toBeLessThanOrEqual(1024 * 1024);
    let total = first.value!.byteLength;
    for (let r = await reader.read(); !r.done; r = await reader.read()) total += r.value.byteLength;
    expect(total).toBe(24 * 1024 * 1024);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await handle(`/assets/${ID}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('9');
    expect((await handle('/', { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('app:// request handler: the origin it serves', () => {
  const ID2 = '2c9d7a44-5f3e-4c2a-9a51-2d5c1e7f8a92';
  const root = tempDir();
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Atelier</title>');
  fs.writeFileSync(path.join(root, 'a.png'), 'png');
  const handler = createAppRequestHandler({
    rendererDir: root,
    origin: () => 'app://atelier',
    assets: { blobFile: () => null, groundingHtml: () => null, fileOf: (id) => (id === ID2 ? { path: path.join(root, 'a.png'), mime: 'image/png' } : null) },
  });

  it('serves its own host', async () => {
    expect((await handler(new Request(`app://atelier/assets/${ID2}`))).status).toBe(200);
    expect((await handler(new Request('app://atelier/'))).status).toBe(200);
  });

  it.each([
    ['another host', `app://evil/assets/${ID2}`],
    ['a port', `app://atelier:8080/assets/${ID2}`],
    ['another scheme', `http://atelier/assets/${ID2}`],
  ])('refuses %s', async (_what, url) => {
    const res = await handler(new Request(url));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('png');
  });
});

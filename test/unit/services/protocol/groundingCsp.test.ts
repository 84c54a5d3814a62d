/**
 * Issue 17 §7, the Search chip's frame: a hostile grounded answer must not be able to use the chip
 * as a tracking pixel. The real header is served to Debian's Chromium (as the e2e suite uses it)
 * with a chip that carries both a Google image and a third party's pixel; Chromium's own CSP
 * enforcement decides what is fetched.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { GROUNDING_CSP } from '../../../../electron/services/protocol/appRequestHandler';
import { chromiumPath, launchChromium } from '../../../harness/chromium';

const PIXEL = 'https://tracker.example/pixel';
const GOOGLE_THUMB = 'https://encrypted-tbn0.gstatic.com/images?q=tbn:fox';
const HOSTILE_CHIP = `<style>.chip{color:#5e5e5e}</style><div class="container"><img src="${GOOGLE_THUMB}" alt=""><a class="chip" href="https://vertexaisearch.cloud.google.com/grounding-api-redirect/x">fox</a><img src="${PIXEL}" alt=""></div>`;
const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let server: http.Server;
let url = '';
let browser: Browser | undefined;
const canRun = !!chromiumPath();

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    // The page exactly as appRequestHandler wraps a chip.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': GROUNDING_CSP });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><base target="_blank"></head><body>${HOSTILE_CHIP}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/grounding`;
  if (canRun) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('issue 17 §7: the Search chip frame allows Google’s hosts only', () => {
  it('the header names no scheme-wide image or font source', () => {
    const directives = Object.fromEntries(GROUNDING_CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...v]) => [name, v]));
    for (const name of ['img-src', 'font-src']) {
      expect(directives[name]).toBeDefined();
      expect(directives[name]).not.toContain('https:');
      expect(directives[name]).not.toContain('*');
      for (const source of directives[name]!.filter((s: string) => s.startsWith('https://'))) expect(source).toMatch(/\.gstatic\.com$/);
    }
  });

  it.skipIf(!canRun)('Chromium never requests a hostile answer’s tracking pixel, and still loads Google’s image', async () => {
    const page = await browser!.newPage();
    const requested: string[] = [];
    // Whichever comes first decides: Chromium refusing the pixel, or the pixel being fetched.
    let fetchedPixel: (what: string) => void = () => {};
    await page.route('https://**/*', (route) => {
      requested.push(route.request().url());
      if (route.request().url() === PIXEL) fetchedPixel('the pixel was requested');
      return route.fulfill({ status: 200, contentType: 'image/png', body: ONE_PIXEL_PNG });
    });
    const refused = new Promise<string>((resolve) => {
      fetchedPixel = resolve;
      page.on('console', (m) => {
        if (m.text().includes(PIXEL)) resolve(m.text());
      });
    });
    await page.goto(url);
    expect(await refused).toMatch(/image.*violates.*Content Security Policy/);
    await expect.poll(() => requested).toContain(GOOGLE_THUMB);
    expect(requested).not.toContain(PIXEL);
    await page.close();
  });
});

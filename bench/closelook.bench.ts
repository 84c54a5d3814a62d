/**
 * The close look in Chromium (`npm run bench -- closelook`; the renderer must be built): two
 * 3840×2160 photos from the library through "compare selected", then wheel zoom and drag-pan in
 * side by side (two synced panes), wipe (two stacked synced panes) and difference, with frame
 * intervals from requestAnimationFrame while it runs. Goal: frame p95 ≤ 16.7 ms (60 fps).
 * Prints figures; passes or fails nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { launchApp } from '../test/harness/launchApp';
import { startRemoteFake } from './remoteFake';


function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** A 3840×2160 photo-like JPEG: gradient, grain, and a shape that moves between the two. */
async function fourK(shift: number): Promise<Buffer> {
  const w = 3840;
  const h = 2160;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#2a6bb0"/><stop offset="1" stop-color="#d9c45a"/></linearGradient></defs><rect width="${w}" height="${h}" fill="url(#g)"/><circle cx="${1600 + shift}" cy="1000" r="500" fill="#c33"/></svg>`;
  const grain = await sharp({ create: { width: w, height: h, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 14 } } }).raw().toBuffer();
  return sharp(Buffer.from(svg)).composite([{ input: grain, raw: { width: w, height: h, channels: 3 }, blend: 'soft-light' }]).jpeg({ quality: 90 }).toBuffer();
}

async function frames(page: Page, work: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await work();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
}

async function zoomAndPan(page: Page, target: string): Promise<number[]> {
  const box = (await page.getByTestId(target).first().boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  return frames(page, async () => {
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(30);
    }
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(cx + Math.sin(i / 6) * 200, cy + Math.cos(i / 6) * 120, { steps: 2 });
    await page.mouse.up();
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, 120);
      await page.waitForTimeout(30);
    }
  });
}

async function main(): Promise<void> {
  const fake = await startRemoteFake();
  const app = await launchApp({ geminiBaseUrl: fake.url, envApiKey: 'AIzaBenchmarkKey000000000000000000000000', keychain: 'none', viewport: { width: 1440, height: 900 } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-look-'));
  try {
    const files = await Promise.all([0, 240].map(async (shift, i) => {
      const file = path.join(dir, `photo-${i}.jpg`);
      fs.writeFileSync(file, await fourK(shift));
      return { name: `photo-${i}.jpg`, path: file };
    }));
    const imported = await app.atelier.router.handle({ url: `${app.origin}/`, isMainFrame: true }, 'library.import', { files });
    if (!imported.ok) throw new Error(`import failed: ${imported.message}`);
    const { page } = app;
    await page.getByTestId('nav-library').click();
    const tiles = page.getByTestId('asset-tile');
    await tiles.nth(1).waitFor({ timeout: 60_000 });
    await tiles.nth(0).click({ modifiers: ['ControlOrMeta'] });
    await tiles.nth(1).click({ modifiers: ['ControlOrMeta'] });
    await page.getByTestId('selection-compare').click();
    await page.getByTestId('compare-look').click();
    console.log(`Close look on two 3840×2160 photos, window 1440×900, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
    for (const [mode, target] of [
      ['side', 'look-img-a'],
      ['wipe', 'look-wipe'],
      ['diff', 'look-heat'],
    ] as const) {
      await page.getByTestId(`look-mode-${mode}`).click();
      await page.getByTestId(target).first().waitFor();
      await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode().catch(() => undefined))));
      const f = await zoomAndPan(page, target);
      console.log(`  ${mode.padEnd(5)}: wheel zoom, drag-pan, zoom out: ${f.length} frames, frame time p50 ${pct(f, 50).toFixed(1)} ms, p95 ${pct(f, 95).toFixed(1)} ms, max ${Math.max(...f).toFixed(1)} ms (goal p95 ≤ 16.7 ms)`);
    }
    const t0 = Date.now();
    await page.getByTestId('look-threshold').fill('20');
    await page.getByTestId('look-diff-percent').filter({ hasText: 'more than 20 of 255' }).waitFor();
    console.log(`  difference of the two at a new threshold, measured and drawn in the renderer: ${Date.now() - t0} ms (${await page.getByTestId('look-diff-percent').innerText()})`);
  } finally {
    await app.close();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();

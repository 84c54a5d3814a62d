/**
 * Edit-canvas benchmark in Chromium (`npm run bench -- canvas`): opens a 6000×4000 JPEG on the
 * canvas through the real renderer and services, then paints a brush stroke and measures each
 * pointer move's input-to-paint time: from the event's timestamp to just after the next frame
 * (a message posted from requestAnimationFrame runs once that frame has been produced).
 * Needs the built renderer (`npx vite build`). Prints figures; passes or fails nothing.
 */
import sharp from 'sharp';
import { launchApp } from '../test/harness/launchApp';
import { startRemoteFake } from './remoteFake';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const fake = await startRemoteFake();
  const app = await launchApp({ geminiBaseUrl: fake.url, envApiKey: 'AIzaBenchmarkKey000000000000000000000000', keychain: 'none' });
  try {
    const { page } = app;
    const photo = await sharp({ create: { width: 6000, height: 4000, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg({ quality: 95 })
      .toBuffer();
    await page.getByTestId('nav-edit').click();
    const dt = await page.evaluateHandle((b64) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const d = new DataTransfer();
      d.items.add(new File([bytes], 'big.jpg', { type: 'image/jpeg' }));
      return d;
    }, photo.toString('base64'));
    const t0 = Date.now();
    for (const type of ['dragenter', 'dragover', 'drop']) await page.getByTestId('edit-view').dispatchEvent(type, { dataTransfer: dt });
    await page.getByTestId('edit-stage').locator('canvas').first().waitFor({ timeout: 120_000 });
    console.log(`a ${(photo.length / 1e6).toFixed(1)} MB 6000×4000 JPEG opened on the canvas in ${Date.now() - t0} ms (import, decode, 1600 px preview)`);

    await page.evaluate(() => {
      const w = window as unknown as { __samples: number[] };
      w.__samples = [];
      document.querySelector('[data-testid="edit-stage"]')!.addEventListener(
        'pointermove',
        (e) => {
          const start = e.timeStamp;
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => w.__samples.push(performance.now() - start);
            ch.port2.postMessage(0);
          });
        },
        { capture: true },
      );
    });
    const box = (await page.getByTestId('edit-stage').boundingBox())!;
    for (let stroke = 0; stroke < 4; stroke++) {
      await page.mouse.move(box.x + 40, box.y + 40 + stroke * 60);
      await page.mouse.down();
      for (let i = 0; i < 150; i++) await page.mouse.move(box.x + 40 + i * ((box.width - 80) / 150), box.y + 40 + stroke * 60 + Math.sin(i / 8) * 25);
      await page.mouse.up();
    }
    const samples = await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples);
    const marks = await page.getByTestId('edit-stage').getAttribute('data-marks');
    console.log(
      `brush on the 6000×4000 photo, ${samples.length} moves in ${marks} strokes: input-to-paint p50 ${pct(samples, 50).toFixed(1)} ms, p95 ${pct(samples, 95).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms`,
    );
  } finally {
    await app.close();
    await fake.close();
  }
}

void main();

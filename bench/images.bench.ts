/**
 * Image work against main's event loop: 1,000 1024×768 JPEG photos imported at once into a new
 * library, thumbnails included (decoding, checks and thumbnails are the image helper's work), and
 * the same import with thumbnails left for later followed by every thumbnail made on demand (as
 * the grid asks for them). Reports main's event-loop delay (perf_hooks.monitorEventLoopDelay:
 * p50/p99/max), throughput, and CPU time of main. Goals: p99 ≤ 20 ms; import no slower than the
 * 131 photos/s measured with sharp in main. Prints figures; passes or fails nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { createAtelier, type Atelier } from '../electron/atelier';
import { processCpuMs } from './cpu';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const COUNT = Number(arg('import', '1000'));
const sender = { url: 'app://atelier/', isMainFrame: true };

/** The library bench's photos (same folder, so they are made once for both). */
async function photos(dir: string, n: number): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="768"><defs><linearGradient id="g"><stop offset="0" stop-color="hsl(${i % 360},70%,50%)"/><stop offset="1" stop-color="hsl(${(i * 7) % 360},60%,30%)"/></linearGradient></defs><rect width="1024" height="768" fill="url(#g)"/><rect y="${i % 700}" width="1024" height="40" fill="#fff" opacity="0.4"/></svg>`;
    await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(path.join(dir, `photo-${String(i).padStart(4, '0')}.jpg`));
  }
}

const fresh = (lazyThumbnailsAbove: number): Promise<Atelier> =>
  createAtelier({ userDataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-images-')), rendererDir: os.tmpdir(), trustedOrigin: () => 'app://atelier', appVersion: 'bench', keychain: null, encryptor: null, env: {}, lazyThumbnailsAbove, libraryCheckDelayMs: 3_600_000 });

/** Runs `work` with the event-loop delay histogram on; figures in ms. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; secs: number; p50: number; p99: number; max: number; cpuMs: number | null }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  const cpu0 = processCpuMs(process.pid, process.pid);
  const t = performance.now();
  h.enable();
  const result = await work();
  h.disable();
  const secs = (performance.now() - t) / 1000;
  const cpu1 = processCpuMs(process.pid, process.pid);
  const ms = (ns: number) => ns / 1e6;
  return { result, secs, p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), cpuMs: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null };
}

const line = (m: { secs: number; p50: number; p99: number; max: number; cpuMs: number | null }, n: number) =>
  `${n} in ${m.secs.toFixed(1)} s = ${(n / m.secs).toFixed(1)} /s; main's event loop: p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, max ${m.max.toFixed(1)} ms; main thread CPU ${m.cpuMs ?? '?'} ms`;

async function main(): Promise<void> {
  const photoDir = path.join(os.tmpdir(), `atelier-bench-photos-${COUNT}`);
  if (!fs.existsSync(photoDir) || fs.readdirSync(photoDir).length < COUNT) await photos(photoDir, COUNT);
  console.log(`Image work and main's event loop: ${COUNT} 1024×768 JPEG photos, ${os.cpus().length} cores`);

  {
    const a = await fresh(Infinity);
    // Warm: the helper starts on first use (its start is not the import's figure).
    await a.router.handle(sender, 'library.import', { files: [{ name: 'photo-0000.jpg', path: path.join(photoDir, 'photo-0000.jpg') }] });
    const m = await measured(() => a.router.handle(sender, 'library.import', { files: [{ name: 'photos', path: photoDir }] }));
    const n = m.result.ok ? (m.result.data as { imported: Array<{ duplicate: boolean }> }).imported.filter((x) => !x.duplicate).length : 0;
    console.log(`  import, thumbnails included: ${line(m, n)}  (goals: p99 ≤ 20 ms, ≥ 131 /s)`);
    await a.dispose();
  }
  {
    const a = await fresh(200);
    await a.router.handle(sender, 'library.import', { files: [{ name: 'photo-0000.jpg', path: path.join(photoDir, 'photo-0000.jpg') }] });
    const m = await measured(async () => {
      const res = await a.router.handle(sender, 'library.import', { files: [{ name: 'photos', path: photoDir }] });
      const ids = res.ok ? (res.data as { imported: Array<{ id: string }> }).imported.map((x) => x.id) : [];
      // The grid asks for thumbnails a screenful at a time: 60 at once.
      for (let i = 0; i < ids.length; i += 60) await Promise.all(ids.slice(i, i + 60).map((id) => a.library.thumbnailOf(id)));
      return ids.length;
    });
    console.log(`  import with thumbnails left for later, then all ${m.result} made on demand: ${line(m, m.result)}`);
    await a.dispose();
  }
}

void main();

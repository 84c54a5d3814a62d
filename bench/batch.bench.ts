/**
 * Batches from a file (issue 17 §5): the real services and SDK against the fake Gemini server in
 * its own process. Prints figures against the goals; it passes or fails nothing.
 *
 * 1. 10,000 rows with 200 distinct reference photos → checked, 200 uploads, the JSONL built and
 *    uploaded by the resumable protocol, the batch created (then cancelled while PENDING, so the
 *    fake does not draw 10,000 images).
 * 2. A batch of `--import-rows` rows (default 2,000) run to the end: results streamed from the
 *    results file into the library; images per second.
 * Throughout: main's event-loop delay (p99) and RSS growth over the start.
 *
 * `npm run bench -- batch [--rows 10000] [--import-rows 2000]`
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import type { BatchFilePlan, FileBatch } from '../shared/ipc/contract';
import type { Atelier } from '../electron/atelier';
import { benchAtelier } from './benchAtelier';
import { startRemoteFake } from './remoteFake';

const sender = { url: 'app://atelier/', isMainFrame: true };
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

async function call<T>(a: Atelier, route: string, input: unknown): Promise<T> {
  const res = await a.router.handle(sender, route, input);
  if (!res.ok) throw new Error(`${route}: ${res.message}`);
  return res.data as T;
}

async function sheet(dir: string, rows: number, photos: number): Promise<string> {
  for (let i = 0; i < photos; i++) {
    // ~20–60 KB each: distinct photos, so 200 uploads and 200 hashes.
    const raw = Buffer.alloc(256 * 256 * 3);
    for (let p = 0; p < raw.length; p++) raw[p] = (p * (i + 7) + (p >> 8) * 31) & 0xff;
    fs.writeFileSync(path.join(dir, `photo-${i}.png`), await sharp(raw, { raw: { width: 256, height: 256, channels: 3 } }).png().toBuffer());
  }
  const csv = path.join(dir, 'catalogue.csv');
  const out = fs.createWriteStream(csv);
  out.write('prompt,ratio,references,filename,tags,collection\n');
  for (let i = 0; i < rows; i++) out.write(`"Product ${i}: a ceramic mug on a plain background, soft studio light",1:1,photo-${i % photos}.png,sku-${i}.png,catalogue;bench,Bench\n`);
  await new Promise<void>((r) => out.end(r));
  return csv;
}

/**
 * CPU time of the image helper processes (children of this one), in ms, from /proc: wall-clock
 * rates on a machine shared with other work say little, CPU per image says what the work costs.
 * Null where /proc is not there.
 */
function helperCpuMs(): number | null {
  try {
    let ticks = 0;
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('helperMain')) continue;
        stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // ended meanwhile
      }
      // Fields after the command's closing parenthesis: ppid is the 2nd, utime and stime the 12th and 13th.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) === process.pid) ticks += Number(f[11]) + Number(f[12]);
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
const cpuAt = new Map<string, { main: NodeJS.CpuUsage; helper: number | null }>();

/** Waits for the batch to reach one of `stages`, noting when each stage began. */
const perStage = new Map<string, { p99: number; max: number }>();
let stageLoop: ReturnType<typeof monitorEventLoopDelay> | null = null;
let current = '';

async function until(a: Atelier, id: string, stages: string[], seen: Map<string, number>): Promise<FileBatch> {
  for (;;) {
    const b = (await call<FileBatch[]>(a, 'batchFile.list', {})).find((x) => x.id === id)!;
    if (b.stage !== current) {
      if (stageLoop && current) {
        const was = perStage.get(current);
        perStage.set(current, { p99: Math.max(was?.p99 ?? 0, stageLoop.percentile(99) / 1e6), max: Math.max(was?.max ?? 0, stageLoop.max / 1e6) });
      }
      stageLoop?.disable();
      stageLoop = monitorEventLoopDelay({ resolution: 5 });
      stageLoop.enable();
      current = b.stage;
    }
    if (!seen.has(b.stage)) {
      seen.set(b.stage, performance.now());
      cpuAt.set(b.stage, { main: process.cpuUsage(), helper: helperCpuMs() });
    }
    if (stages.includes(b.stage)) return b;
    if (b.stage === 'failed') throw new Error(`batch failed: ${b.error}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Stages are seen by polling: one shorter than a poll may never be seen, so spans join seen stages only.
const span = (seen: Map<string, number>, from: string, to: string) => ((seen.get(to)! - seen.get(from)!) / 1000).toFixed(1);

async function main(): Promise<void> {
  const rows = arg('rows', 10_000);
  const importRows = arg('import-rows', 2_000);
  const fake = await startRemoteFake();
  await fake.post('config', { prerenderedImages: true, batchTiming: { pendingMs: 600_000, runningMs: 0 } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-sheet-'));
  const csv = await sheet(dir, rows, 200);
  const a = await benchAtelier(fake.url, { libraryCheckDelayMs: 3_600_000, batchPollMs: 100 });

  const loop = monitorEventLoopDelay({ resolution: 5 });
  const rss0 = process.memoryUsage().rss;
  let rssMax = rss0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage.rss())), 50);
  loop.enable();

  // 1. 10,000 rows to an uploaded JSONL and a created batch.
  const t0 = performance.now();
  const plan = await call<BatchFilePlan>(a, 'batchFile.inspect', { name: 'catalogue.csv', path: csv, tier: 'flash' });
  const inspectS = (performance.now() - t0) / 1000;
  if (plan.problemCount) throw new Error(`the sheet has problems: ${plan.problems[0]?.message}`);
  const started = await call<FileBatch>(a, 'batchFile.start', { planId: plan.planId });
  const seen = new Map<string, number>([['references', performance.now()]]);
  const running = await until(a, started.id, ['running'], seen);
  const p99a = loop.percentile(99) / 1e6;
  console.log(`\n1. ${rows.toLocaleString('en')} rows, ${plan.references} distinct reference photos → uploaded JSONL of ${(running.inputBytes / 1e6).toFixed(1)} MB, batch created`);
  console.log(`   check ${inspectS.toFixed(1)} s · references ${span(seen, 'references', 'building')} s · JSONL built and uploaded ${span(seen, 'building', 'submitting')} s · batch created ${span(seen, 'submitting', 'running')} s`);
  console.log(`   main's event loop: p99 ${p99a.toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms (goal p99 ≤ 20 ms)`);
  console.log(`   RSS growth so far: ${((rssMax - rss0) / 1e6).toFixed(0)} MB (goal ≤ 150 MB)`);
  await call(a, 'batchFile.cancel', { id: started.id });

  // 2. A batch run to the end: results imported line by line.
  const rss1 = process.memoryUsage().rss;
  let rssMax2 = rss1;
  const sampler2 = setInterval(() => (rssMax2 = Math.max(rssMax2, process.memoryUsage.rss())), 50);
  loop.reset();
  await fake.post('config', { batchTiming: { pendingMs: 0, runningMs: 0 } });
  const small = await sheet(fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-sheet-')), importRows, 20);
  const plan2 = await call<BatchFilePlan>(a, 'batchFile.inspect', { name: 'import.csv', path: small, tier: 'flash' });
  const b2 = await call<FileBatch>(a, 'batchFile.start', { planId: plan2.planId });
  const seen2 = new Map<string, number>();
  const done = await until(a, b2.id, ['done'], seen2);
  const importS = (seen2.get('done')! - seen2.get('importing')!) / 1000;
  const p99b = loop.percentile(99) / 1e6;
  loop.disable();
  clearInterval(sampler);
  clearInterval(sampler2);
  console.log(`\n2. ${importRows.toLocaleString('en')} results (≈ 90 KB of base64 PNG each) streamed into the library`);
  console.log(`   Gemini ran it in ${span(seen2, 'running', 'downloading')} s · downloaded ${span(seen2, 'downloading', 'importing')} s · imported ${importS.toFixed(1)} s`);
  console.log(`   ${done.succeeded.toLocaleString('en')} images at ${(done.succeeded / importS).toFixed(0)} images/s (goal ≥ 100 images/s)`);
  const [from, to] = [cpuAt.get('importing'), cpuAt.get('done')];
  if (from && to) {
    const mainMs = (to.main.user + to.main.system - from.main.user - from.main.system) / 1000;
    const perImage = (ms: number) => (ms / Math.max(1, done.succeeded)).toFixed(1);
    const helper = from.helper !== null && to.helper !== null ? `, image helper ${perImage(to.helper - from.helper)} ms` : '';
    // Main's figure includes the bench's own polling; the fake Gemini runs in a process of its own.
    console.log(`   CPU per imported image: main ${perImage(mainMs)} ms${helper} (what decides the rate on an idle machine)`);
  }
  console.log(`   main's event loop: p99 ${p99b.toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms (goal p99 ≤ 20 ms)`);
  const importing = perStage.get('importing');
  if (importing) console.log(`   of which the import stage: p99 ${importing.p99.toFixed(1)} ms, max ${importing.max.toFixed(1)} ms`);
  console.log(`   RSS growth over this part: ${((rssMax2 - rss1) / 1e6).toFixed(0)} MB; over the whole run: ${((rssMax - rss0) / 1e6).toFixed(0)} MB (goal ≤ 150 MB)`);
  // Peak RSS counts garbage V8 had not yet collected; what is still held after a full GC is the leak test.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    console.log(`   after a full GC: RSS ${((process.memoryUsage().rss - rss0) / 1e6).toFixed(0)} MB over the start, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  }

  // On a shared machine the event-loop figures measure the neighbours too: say how busy it was.
  console.log(`\n   load average during the run: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${os.cpus().length} cores`);
  if (process.argv.includes('--stages')) console.log('\n   event-loop delay per stage, p99 / max (ms):', Object.fromEntries([...perStage].map(([k, v]) => [k, `${v.p99.toFixed(1)} / ${v.max.toFixed(1)}`])));
  await a.dispose();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

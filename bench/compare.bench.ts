/**
 * Compare and edit benchmarks (`npm run bench -- compare`): how close to the click a 4-way
 * comparison's requests leave, Stats over 10,000 stored comparisons, and the canvas operations at
 * 6000×4000 in main — with a 1 ms ticker that shows how long the event loop was held. The fake
 * Gemini runs in its own process. Prints figures; passes or fails nothing.
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import type { Comparison } from '../shared/ipc/contract';
import type { Atelier } from '../electron/atelier';
import { benchAtelier } from './benchAtelier';
import { applyOps, fullMask, markedCopy } from '../electron/services/images/canvasOps';
import { startRemoteFake, type RemoteFake } from './remoteFake';

const sender = { url: 'app://atelier/', isMainFrame: true };
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function app(fake: RemoteFake): Promise<Atelier> {
  const a = await benchAtelier(fake.url, { libraryCheckDelayMs: 600_000 });
  // Quota waits are not what this measures: give both tiers room for every run.
  a.settings.update({
    quotas: { flash: { requestsPerMinute: 1000, imagesPerMinute: null, requestsPerDay: null }, pro: { requestsPerMinute: 1000, imagesPerMinute: null, requestsPerDay: null } },
    maxInFlight: 8,
  });
  return a;
}

async function startSpread(fake: RemoteFake): Promise<void> {
  const a = await app(fake);
  // Gemini takes seconds to draw; a fake that answers at once would have the first answer's
  // multi-megabyte parse compete with the last request leaving, which no real run sees.
  await fake.setLatency(1000);
  const runs = 10;
  const dispatched: number[] = [];
  const left: number[] = [];
  const spreads: number[] = [];
  for (let r = 0; r < runs; r++) {
    const running: number[] = [];
    // Dispatched = the queue starting the job (it turns running); left = the HTTP request going
    // out (the gateway's onSend, kept by the queue as sent_at, epoch ms).
    const off = a.events.onAny((e, p) => {
      if (e === 'job.updated' && (p as { state: string }).state === 'running') running.push(performance.now());
    });
    const click = performance.now();
    const clickEpoch = Date.now();
    const res = await a.router.handle(sender, 'compare.start', {
      prompt: `bench ${r}`,
      aspectRatio: '1:1',
      contenders: [{ tier: 'flash', imageSize: '1K' }, { tier: 'flash', imageSize: '2K' }, { tier: 'pro', imageSize: '1K' }, { tier: 'pro', imageSize: '2K' }],
    });
    if (!res.ok) throw new Error(res.message);
    const c = res.data as Comparison;
    while (a.compare.get(c.id).state === 'running') await new Promise((r2) => setTimeout(r2, 20));
    off();
    const sentAt = c.contenders.map((k) => a.db.prepare('SELECT sent_at FROM jobs WHERE id = ?').pluck().get(k.jobId) as number);
    dispatched.push(...running.map((t) => t - click));
    left.push(...sentAt.map((t) => t - clickEpoch));
    spreads.push(Math.max(...sentAt) - Math.min(...sentAt));
  }
  console.log(`compare of 4, ${runs} runs: every request left within ${ms(Math.max(...left))} of the click (dispatched within ${ms(Math.max(...dispatched))})`);
  console.log(`  request left: median ${ms(pct(left, 50))}, p95 ${ms(pct(left, 95))} after the click; spread between first and last: median ${ms(pct(spreads, 50))}, max ${ms(Math.max(...spreads))}`);
  console.log(`  dispatched by the queue: median ${ms(pct(dispatched, 50))}, p95 ${ms(pct(dispatched, 95))} after the click`);
  await a.dispose();
}

async function statsAt10k(fake: RemoteFake): Promise<void> {
  const a = await app(fake);
  const N = 10_000;
  const labels = ['Flash 1K', 'Pro 1K', 'Flash 2K', 'Pro 2K'];
  const insertC = a.db.prepare(
    `INSERT INTO comparisons (id, created_at, prompt, references_json, blind, order_json, state, vote_kind, vote_winner, voted_at) VALUES (?, ?, ?, '[]', ?, '[0,1]', 'done', ?, ?, ?)`,
  );
  const insertK = a.db.prepare(
    `INSERT INTO comparison_contenders (comparison_id, idx, contender_json, model_id, config_key, state, finished_at, cost_usd, estimate_usd) VALUES (?, ?, '{}', 'm', ?, ?, ?, ?, 0.1)`,
  );
  const t0 = Date.now() - 365 * 86_400_000;
  a.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const id = crypto.randomUUID();
      const created = t0 + i * 3_000_000;
      const n = i % 5 === 0 ? 4 : 2;
      const r = (i * 7919) % 100;
      const kind = r < 8 ? 'tie' : r < 12 ? 'all_bad' : 'winner';
      insertC.run(id, created, `prompt ${i}`, i % 3 === 0 ? 1 : 0, kind, kind === 'winner' ? r % n : null, created + 20_000);
      for (let k = 0; k < n; k++) insertK.run(id, k, labels[k]!, r === 99 && k === 1 ? 'failed' : 'succeeded', created + 4000 + k * 2000, 0.07 * (k % 2 ? 2 : 1));
    }
  })();
  a.db.exec('ANALYZE');
  const queries: Array<[string, object]> = [
    ['all', {}],
    ['blind only', { blindOnly: true }],
    ['last 90 days', { from: Date.now() - 90 * 86_400_000 }],
    ['tag (none match)', { tag: 'harbour' }],
  ];
  for (const [name, q] of queries) {
    const times: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      const c0 = process.cpuUsage();
      const res = await a.router.handle(sender, 'compare.stats', q);
      const c = process.cpuUsage(c0);
      times.push(performance.now() - t);
      cpus.push((c.user + c.system) / 1000);
      if (!res.ok) throw new Error(res.message);
    }
    console.log(`stats over ${N} comparisons, ${name}: wall median ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}; CPU median ${ms(pct(cpus, 50))} (through the router)`);
  }
  await a.dispose();
}

/** Runs `fn` while a 1 ms ticker measures the longest stall of the event loop. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; stall: number; cpu: number; value: T }> {
  const cpu0 = process.cpuUsage();
  let last = performance.now();
  let stall = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  const t = performance.now();
  const value = await fn();
  const took = performance.now() - t;
  clearInterval(ticker);
  const cpu = process.cpuUsage(cpu0);
  // CPU time over every thread of the process: on a shared, overloaded machine wall time mostly measures waiting for a core.
  return { ms: took, stall, cpu: (cpu.user + cpu.system) / 1000, value };
}

async function canvasOps(): Promise<void> {
  // A 6000×4000 photo-like JPEG (noise compresses like a real photo, ~20 MB).
  const photo = await sharp({ create: { width: 6000, height: 4000, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 92 })
    .toBuffer();
  const preview = await sharp({ create: { width: 1600, height: 1067, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: await sharp({ create: { width: 500, height: 400, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 1 } } }).png().toBuffer(), left: 500, top: 300 }])
    .png()
    .toBuffer();
  console.log(`canvas operations at 6000×4000 (${(photo.length / 1e6).toFixed(1)} MB JPEG), sharp on libuv's pool:`);
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['crop', () => applyOps(photo, [{ op: 'crop', left: 500, top: 400, width: 4000, height: 3000 }])],
    ['rotate 90', () => applyOps(photo, [{ op: 'rotate', degrees: 90 }])],
    ['expand to 16:9', () => applyOps(photo, [{ op: 'expand', ratio: '16:9' }])],
    ['mask export (full size)', () => fullMask(preview, 6000, 4000)],
    ['marked copy (long edge ≤ 3072 px, the mask as prepare passes it)', async () => markedCopy(photo, (await fullMask(preview, 6000, 4000)).raw, null, { maxEdge: 3072 })],
  ];
  for (const [name, fn] of cases) {
    const runs: Array<{ ms: number; stall: number; cpu: number }> = [];
    for (let i = 0; i < 3; i++) runs.push(await timed(fn));
    const times = runs.map((r) => r.ms);
    console.log(
      `  ${name}: wall median ${ms(pct(times, 50))}, worst ${ms(Math.max(...times))}; CPU median ${ms(pct(runs.map((r) => r.cpu), 50))}; longest event-loop stall ${ms(Math.max(...runs.map((r) => r.stall)))}`,
    );
  }
}

async function main() {
  const fake = await startRemoteFake();
  try {
    await startSpread(fake);
    await statsAt10k(fake);
    await canvasOps();
  } finally {
    await fake.close();
  }
}

void main();

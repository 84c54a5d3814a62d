/**
 * Generation-engine benchmark: the real queue, services and SDK against the fake Gemini server on
 * loopback (in its own process), with quotas compressed ×10 in time (a "minute" is 6 s) so it
 * runs in about a minute. Prints figures and ratios; it passes or fails nothing.
 */
import os from 'node:os';
import { GoogleGenAI } from '@google/genai';
import type { Job } from '../shared/ipc/contract';
import type { Atelier } from '../electron/atelier';
import { BENCH_KEY, benchAtelier } from './benchAtelier';
import { GEMINI_API_VERSION } from '../electron/services/gemini/GeminiGateway';
import { startRemoteFake, type RemoteFake as FakeGemini } from './remoteFake';

const WINDOW_MS = 6_000; // one quota minute, compressed ×10
const FLASH = 'gemini-nano-banana-2.1';
const PRO = 'gemini-3-pro-image';
const LIMITS: Record<string, number> = { [FLASH]: 60, [PRO]: 15 };
const KEY = BENCH_KEY;
const sender = { url: 'app://atelier/', isMainFrame: true };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

async function app(fake: FakeGemini): Promise<Atelier> {
  const a = await benchAtelier(fake.url, { queueWindowMs: WINDOW_MS });
  a.settings.update({
    quotas: {
      flash: { requestsPerMinute: LIMITS[FLASH]!, imagesPerMinute: null, requestsPerDay: null },
      pro: { requestsPerMinute: LIMITS[PRO]!, imagesPerMinute: null, requestsPerDay: null },
    },
    maxInFlight: 5,
  });
  return a;
}

/** Submits jobs and records when each attempt started, per model. */
async function runJobs(a: Atelier, jobs: Array<{ tier: 'flash' | 'pro'; prompt: string }>) {
  const starts: Record<string, number[]> = { [FLASH]: [], [PRO]: [] };
  a.events.onAny((event, payload) => {
    const j = payload as Job;
    if (event === 'job.updated' && j.state === 'running') starts[j.modelId!]!.push(performance.now());
  });
  const t0 = performance.now();
  for (const j of jobs) {
    const res = await a.router.handle(sender, 'generate.start', { prompt: j.prompt, tier: j.tier, aspectRatio: '1:1' });
    if (!res.ok) throw new Error(res.message);
    // Each IPC call reaches main as its own task; submitting all 150 in one would starve the sockets.
    await new Promise((r) => setImmediate(r));
  }
  await a.queue.whenIdle();
  return { starts, seconds: (performance.now() - t0) / 1000, jobs: a.queue.list(500) };
}

/**
 * Achieved / allowed rate for one model. With a backlog, a perfect limiter starts request i exactly
 * one window after request i − L (L = the limit per window); the allowed rate over the achieved one
 * is the window over the mean of those gaps.
 */
function utilisation(starts: number[], limit: number): number {
  const s = [...starts].sort((a, b) => a - b);
  const gaps = s.slice(limit).map((t, i) => t - s[i]!);
  if (gaps.length === 0) return 1;
  return WINDOW_MS / (gaps.reduce((x, y) => x + y, 0) / gaps.length);
}

function mixedJobs(n: number): Array<{ tier: 'flash' | 'pro'; prompt: string }> {
  // Two Flash jobs for every Pro job, interleaved, as a person alternating tiers would.
  return Array.from({ length: n }, (_, i) => ({ tier: i % 3 === 2 ? 'pro' : 'flash', prompt: `bench job ${i}` }));
}

async function scenarioEqual(fake: FakeGemini): Promise<void> {
  await fake.post('reset');
  await fake.setLatency({ distribution: 'lognormal', medianMs: 150, p95Ms: 400 });
  for (const m of [FLASH, PRO]) await fake.setQuota(m, { requestsPerMinute: LIMITS[m]!, windowMs: WINDOW_MS });
  const a = await app(fake);
  const r = await runJobs(a, mixedJobs(150));
  const done = r.jobs.filter((j) => j.state === 'succeeded').length;
  console.log('\n1. 150 mixed jobs, fake quota = configured quota (Flash 60, Pro 15 per 6 s window)');
  console.log(`   jobs succeeded: ${done}/150 in ${r.seconds.toFixed(1)} s`);
  for (const m of [FLASH, PRO]) {
    const s = await fake.stats(m);
    console.log(`   ${m}: ${r.starts[m]!.length} requests, achieved/allowed rate ${utilisation(r.starts[m]!, LIMITS[m]!).toFixed(3)} (goal ≥ 0.98), 429s ${s.rejected429} (goal 0)`);
  }
  await a.dispose();
}

async function scenarioStricter(fake: FakeGemini): Promise<void> {
  await fake.post('reset');
  await fake.setLatency({ distribution: 'lognormal', medianMs: 150, p95Ms: 400 });
  for (const m of [FLASH, PRO]) await fake.setQuota(m, { requestsPerMinute: Math.floor(LIMITS[m]! / 2), windowMs: WINDOW_MS });
  const a = await app(fake);
  const r = await runJobs(a, mixedJobs(60));
  const calls = (await fake.requests()).filter((q) => /^(stream)?generateContent$/i.test(q.action ?? ''));
  const promptOf = (q: (typeof calls)[number]) => (q.body as { contents: Array<{ parts: Array<{ text: string }> }> }).contents[0]!.parts[0]!.text;
  let early = 0;
  let minSlackMs = Infinity;
  for (const q of calls.filter((c) => c.status === 429)) {
    const retry = calls.find((c) => c.at > q.at && promptOf(c) === promptOf(q));
    if (!retry) continue;
    const slack = retry.at - (q.at + q.retryDelayMs!);
    minSlackMs = Math.min(minSlackMs, slack);
    if (slack < 0) early += 1;
  }
  console.log('\n2. 60 mixed jobs, fake quota = half the configured quota (Flash 30, Pro 7.5 → 7 per window)');
  console.log(`   jobs succeeded: ${r.jobs.filter((j) => j.state === 'succeeded').length}/60 in ${r.seconds.toFixed(1)} s`);
  for (const m of [FLASH, PRO]) {
    const s = await fake.stats(m);
    console.log(`   ${m}: ${s.accepted} accepted, ${s.rejected429} answered 429, effective rate settled at ${a.queue.status().models.find((x) => x.modelId === m)?.effectiveRpm}/window`);
  }
  console.log(`   retries sent before their retryDelay: ${early} (goal 0); smallest margin ${Number.isFinite(minSlackMs) ? `${minSlackMs.toFixed(0)} ms` : 'n/a'}`);
  await a.dispose();
}

async function scenarioOverhead(fake: FakeGemini): Promise<void> {
  await fake.post('reset');
  // Real image calls take seconds; 3 s is the quick end of Flash.
  const latency = { distribution: 'lognormal', medianMs: 3000, p95Ms: 3600 } as const;
  const N = 20;
  const WORKERS = 5;
  const workers = async (one: (i: number) => Promise<number>): Promise<number[]> => {
    const times: number[] = [];
    await Promise.all(Array.from({ length: WORKERS }, async (_, w) => {
      for (let i = w; i < N; i += WORKERS) times.push(await one(i));
    }));
    return times;
  };

  await fake.setLatency(latency, 7);
  const ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: fake.url, apiVersion: GEMINI_API_VERSION } });
  const raw = await workers(async (i) => {
    const t = performance.now();
    await ai.models.generateContent({ model: FLASH, contents: `overhead ${i}`, config: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '1:1' } } });
    return performance.now() - t;
  });

  await fake.setLatency(latency, 7);
  const a = await app(fake);
  const finished = new Map<string, () => void>();
  a.events.onAny((event, payload) => {
    const j = payload as Job;
    if (event === 'job.updated' && (j.state === 'succeeded' || j.state === 'failed')) finished.get(j.id)?.();
  });
  // Same shape as the raw run: five at a time, each timed from submission to stored result.
  const queued = await workers(async (i) => {
    const t = performance.now();
    const res = await a.router.handle(sender, 'generate.start', { prompt: `overhead ${i}`, tier: 'flash', aspectRatio: '1:1' });
    if (!res.ok) throw new Error(res.message);
    await new Promise<void>((resolve) => finished.set((res.data as Job).id, resolve));
    return performance.now() - t;
  });
  const mr = median(raw);
  const mq = median(queued);
  console.log(`\n3. Overhead: ${N} Flash jobs, ${WORKERS} at a time, fake latency lognormal median 3 s`);
  console.log(`   raw SDK call median ${mr.toFixed(0)} ms; through the queue (submit → request → image, thumbnail and rows stored → event) median ${mq.toFixed(0)} ms`);
  console.log(`   overhead ${(mq - mr).toFixed(0)} ms = ${(((mq - mr) / mr) * 100).toFixed(2)} % (goal ≤ 2 %)`);
  await a.dispose();
}

/** Issue 7: streamed jobs show thoughts early. Time from a job going out to its first job.progress. */
async function scenarioFirstProgress(fake: FakeGemini): Promise<void> {
  await fake.post('reset');
  await fake.setLatency({ distribution: 'lognormal', medianMs: 3000, p95Ms: 3600 }, 7);
  const a = await app(fake);
  const sentAt = new Map<string, number>();
  const firstProgress: number[] = [];
  a.events.onAny((event, payload) => {
    if (event === 'job.updated') {
      const j = payload as Job;
      if (j.state === 'running' && !sentAt.has(j.id)) sentAt.set(j.id, performance.now());
    } else if (event === 'job.progress') {
      const p = payload as { jobId: string };
      const t = sentAt.get(p.jobId);
      if (t !== undefined) {
        firstProgress.push(performance.now() - t);
        sentAt.delete(p.jobId);
      }
    }
  });
  const N = 20;
  for (let i = 0; i < N; i++) {
    const res = await a.router.handle(sender, 'generate.start', { prompt: `progress ${i}`, tier: 'pro', aspectRatio: '1:1', includeThoughts: true });
    if (!res.ok) throw new Error(res.message);
  }
  await a.queue.whenIdle();
  const done = a.queue.list(100).filter((j) => j.state === 'succeeded').length;
  console.log(`\n4. Streaming: ${N} Pro jobs with thoughts, fake latency lognormal median 3 s (thoughts after ¼ of it)`);
  console.log(`   succeeded ${done}/${N}; send → first progress event median ${median(firstProgress).toFixed(0)} ms, max ${Math.max(...firstProgress).toFixed(0)} ms (${firstProgress.length} jobs)`);
  await a.dispose();
}

async function main(): Promise<void> {
  const fake = await startRemoteFake();
  console.log(`Generation engine benchmark (Node ${process.version}, ${os.cpus().length} cores)`);
  try {
    await scenarioEqual(fake);
    await scenarioStricter(fake);
    await scenarioOverhead(fake);
    await scenarioFirstProgress(fake);
  } finally {
    await fake.close();
  }
}

void main();

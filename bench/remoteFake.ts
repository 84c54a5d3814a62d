/**
 * The fake Gemini server in a process of its own, scripted over its /__fake control API. A server
 * sharing the benchmark's event loop would see requests late whenever the client is busy, and
 * would measure the co-location, not the queue.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { processCpuMs } from './cpu';
import type { QuotaLimits, QuotaStats, RecordedRequest, Latency } from '../test/fake-gemini/server';

export interface RemoteFake {
  url: string;
  post(route: string, body?: unknown): Promise<void>;
  stats(model: string): Promise<QuotaStats>;
  requests(): Promise<RecordedRequest[]>;
  setQuota(model: string, q: QuotaLimits): Promise<void>;
  setLatency(latency: Latency, seed?: number): Promise<void>;
  /** CPU the fake's process has used so far (user + system), where /proc tells it; else null. */
  cpuMs(): number | null;
  close(): Promise<void>;
}

export async function startRemoteFake(): Promise<RemoteFake> {
  const root = path.resolve(__dirname, '..');
  // `--import tsx` rather than tsx's CLI, which would put the fake in a grandchild whose CPU we could not read.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test', 'fake-gemini', 'cli.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fake-gemini exited with ${code}`)));
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim().split('\n')[0]!));
  });
  const post = async (route: string, body?: unknown) => {
    const res = await fetch(`${url}/__fake/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    if (!res.ok) throw new Error(`fake ${route}: ${res.status} ${await res.text()}`);
  };
  const get = async <T>(route: string): Promise<T> => (await (await fetch(`${url}/__fake/${route}`)).json()) as T;
  return {
    url,
    post,
    stats: (model) => get<QuotaStats>(`stats?model=${encodeURIComponent(model)}`),
    requests: async () => (await get<{ requests: RecordedRequest[] }>('requests')).requests,
    setQuota: (model, q) => post('quota', { model, ...q }),
    setLatency: (latency, seed) => post('config', { latencyMs: latency, ...(seed !== undefined ? { seed } : {}) }),
    cpuMs: () => processCpuMs(child.pid),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Starts N jobs of one request as a set. `generate.startSet` (main groups them by a setId on
 * each job, so a set survives a restart) is the way; until main has that route this falls back
 * to N × `generate.start` grouped here, in memory only. The fallback is the one place to delete
 * once every build has the route.
 */
import type { GenerateRequestInput, Job } from '../../../../shared/ipc/contract';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';

export interface StartedSet {
  setId: string;
  jobIds: string[];
  /** What was asked, for re-roll and "more like this" on the results. */
  request: GenerateRequestInput;
  createdAt: number;
}

type Result = { ok: true; data: { setId: string; jobs: Job[] } } | { ok: false; code: string; message: string };

export async function startSet(request: GenerateRequestInput, count: number): Promise<Result> {
  const n = Math.min(4, Math.max(1, Math.round(count)));
  const b = window.atelier;
  if (b) {
    try {
      const res = (await b.invoke('generate.startSet', { ...request, count: n })) as
        | { ok: true; data: { setId: string; jobs: Job[] } }
        | { ok: false; code: string; message: string };
      if (res.ok) return res;
      if (res.code !== 'unknown_route') return { ok: false, code: res.code, message: errorText(res as never) };
    } catch {
      // Fall through to the per-job route.
    }
  }
  const jobs: Job[] = [];
  for (let i = 0; i < n; i++) {
    const res = await call('generate.start', request);
    if (!res.ok) {
      if (jobs.length === 0) return { ok: false, code: res.code, message: errorText(res) };
      break;
    }
    jobs.push(res.data);
  }
  return { ok: true, data: { setId: crypto.randomUUID(), jobs } };
}

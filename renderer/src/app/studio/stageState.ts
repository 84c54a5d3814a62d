/**
 * What the stage shows, as a pure function of the set on it, the jobs and their live progress:
 * a placeholder in the target shape → thought text and drafts → the image, or a failure with
 * the actions that can help. Kept free of React so the rules are tested on their own.
 */
import type { ErrorCode } from '../../../../shared/errors';
import type { Job } from '../../../../shared/ipc/contract';
import type { AspectRatio } from '../../../../shared/domain/vocabulary';
import type { Draft, JobProgress } from '../../lib/progress';

export type FailureAction = 'edit' | 'switchModel' | 'retry' | 'key';

export type Cell =
  | { kind: 'waiting'; jobId: string; ratio: AspectRatio; note: string }
  | { kind: 'running'; jobId: string; ratio: AspectRatio; thoughtText: string; drafts: Draft[] }
  | { kind: 'image'; jobId: string; ratio: AspectRatio; assetIds: string[]; job: Job }
  | { kind: 'text'; jobId: string; job: Job }
  | { kind: 'failed'; jobId: string; ratio: AspectRatio; code: ErrorCode; message: string; actions: FailureAction[]; job: Job }
  | { kind: 'cancelled'; jobId: string; ratio: AspectRatio; job: Job };

export type Stage = { kind: 'empty' } | { kind: 'set'; setId: string; cells: Cell[] };

/**
 * Which actions can help after a failure. A blocked prompt fails the same way every time, so it
 * never offers a retry; a withheld image may come out differently from another model.
 */
export function failureActions(code: ErrorCode): FailureAction[] {
  switch (code) {
    case 'prompt_blocked':
      return ['edit'];
    case 'image_blocked':
      return ['edit', 'switchModel'];
    case 'no_image':
      return ['retry', 'edit'];
    case 'server':
    case 'network':
    case 'quota':
    case 'internal':
      return ['retry', 'switchModel'];
    case 'model_not_found':
    case 'unsupported':
      return ['switchModel', 'edit'];
    case 'bad_request':
    case 'bad_input':
      return ['edit', 'switchModel'];
    case 'no_key':
    case 'invalid_key':
      return ['key'];
    default:
      return ['edit'];
  }
}

/** The shape the placeholder takes: the ratio asked for, or square for Auto (unknown until the answer). */
export function targetRatio(ratio: AspectRatio | null): AspectRatio {
  return ratio ?? '1:1';
}

/** Width / height of a ratio such as "16:9". */
export function ratioValue(ratio: AspectRatio): number {
  const [w = 1, h = 1] = ratio.split(':').map(Number);
  return w / h;
}

export function cellFor(jobId: string, job: Job | undefined, progress: JobProgress | undefined, fallbackRatio: AspectRatio | null): Cell {
  const ratio = targetRatio(job?.request.aspectRatio ?? fallbackRatio);
  if (!job) return { kind: 'waiting', jobId, ratio, note: 'Starting…' };
  switch (job.state) {
    case 'queued':
      return { kind: 'waiting', jobId, ratio, note: 'Waiting in the queue…' };
    case 'paused':
      return { kind: 'waiting', jobId, ratio, note: 'Paused in the queue' };
    case 'running':
      return { kind: 'running', jobId, ratio, thoughtText: progress?.thoughtText ?? '', drafts: progress?.drafts ?? [] };
    case 'succeeded':
      return job.assetIds.length > 0 ? { kind: 'image', jobId, ratio, assetIds: job.assetIds, job } : { kind: 'text', jobId, job };
    case 'cancelled':
      return { kind: 'cancelled', jobId, ratio, job };
    case 'failed': {
      const code = job.error?.code ?? 'internal';
      return { kind: 'failed', jobId, ratio, code, message: job.error?.message ?? 'The generation failed.', actions: failureActions(code), job };
    }
  }
}

export function stageFor(
  set: { setId: string; jobIds: readonly string[]; request: { aspectRatio: AspectRatio | null } } | null,
  jobs: readonly Job[],
  progress: Readonly<Record<string, JobProgress>>,
): Stage {
  if (!set) return { kind: 'empty' };
  const byId = new Map(jobs.map((j) => [j.id, j]));
  return {
    kind: 'set',
    setId: set.setId,
    cells: set.jobIds.map((id) => cellFor(id, byId.get(id), progress[id], set.request.aspectRatio)),
  };
}

/** Every image of the session's sets, newest set first, for the filmstrip. */
export function sessionResults(sets: readonly { setId: string; jobIds: readonly string[] }[], jobs: readonly Job[]): Array<{ assetId: string; setId: string }> {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const out: Array<{ assetId: string; setId: string }> = [];
  for (const set of sets) {
    for (const id of set.jobIds) {
      const job = byId.get(id);
      if (job?.state === 'succeeded') for (const assetId of job.assetIds) out.push({ assetId, setId: set.setId });
    }
  }
  return out;
}

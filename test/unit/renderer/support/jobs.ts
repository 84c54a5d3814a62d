/** A job as main would send it, for store tests. */
import type { Job } from '../../../../shared/ipc/contract';

export function makeJob(o: Partial<Job> & Pick<Job, 'id'>): Job {
  return {
    kind: 'generate', state: 'queued', modelId: 'gemini-3.1-flash-image',
    request: { prompt: 'a lighthouse', tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority: 0 },
    priority: 0, position: 1, attempt: 1, waitReason: null, nextAttemptAt: null, resent: false, createdAt: 1, startedAt: null, finishedAt: null,
    outcome: null, error: null, generationId: null, assetIds: [], usage: null, costUsd: null, conversationId: null, batch: null, setId: null, revision: 1,
    ...o,
  };
}

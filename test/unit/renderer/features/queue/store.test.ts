/** The renderer's job caches keep the newest copy of each job by its revision, whatever order copies arrive in. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conversation, Job } from '../../../../../shared/ipc/contract';
import { createQueueStore } from '../../../../../renderer/src/features/queue/store';
import { createJobCache } from '../../../../../renderer/src/lib/jobCache';
import { pendingOf } from '../../../../../renderer/src/features/chat/store';

const ID = '00000000-0000-4000-8000-000000000001';

function job(o: Partial<Job> & Pick<Job, 'state' | 'revision'>): Job {
  return {
    id: ID, kind: 'generate', modelId: 'gemini-3.1-flash-image',
    request: { prompt: 'a lighthouse', tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority: 0 },
    priority: 0, position: 1, attempt: 1, waitReason: null, nextAttemptAt: null, resent: false, createdAt: 1, startedAt: null, finishedAt: null,
    outcome: null, error: null, generationId: null, assetIds: [], usage: null, costUsd: null, conversationId: null, batch: null, setId: null,
    ...o,
  };
}

/** A main process whose `jobs.list` and `jobs.retry` answer with the copies a test gives. */
function fakeMain(answers: Record<string, unknown>) {
  const invoke = vi.fn(async (route: string) => ({ ok: true, data: answers[route] }));
  (globalThis as unknown as { window: unknown }).window = { atelier: { invoke, on: () => () => {} } };
}

/** A job cache and a queue store of their own, fresh for each test. */
function freshStores() {
  const jobs = createJobCache();
  return { jobs, queue: createQueueStore(jobs) };
}

describe('queue store: the highest revision wins', () => {
  beforeEach(() => fakeMain({}));

  it('an event that arrives after a snapshot already holding its change does not undo it', async () => {
    const running = job({ state: 'running', revision: 7 });
    fakeMain({ 'jobs.list': [running] });
    const { jobs } = freshStores();
    await jobs.getState().load();
    // The event main sent before it answered the snapshot, delivered late.
    jobs.getState().put(job({ state: 'queued', revision: 6, waitReason: 'capacity' }));
    expect(jobs.getState().jobs).toEqual([running]);
  });

  it('a job that goes backwards (a 429 re-queues it) is shown going backwards', async () => {
    const { jobs } = freshStores();
    jobs.getState().put(job({ state: 'running', revision: 3 }));
    jobs.getState().put(job({ state: 'queued', attempt: 0, revision: 4, waitReason: 'quota_retry', nextAttemptAt: 50_000 }));
    expect(jobs.getState().jobs[0]).toMatchObject({ state: 'queued', waitReason: 'quota_retry', revision: 4 });
  });

  it('an action’s reply older than the events that followed it is ignored', async () => {
    fakeMain({ 'jobs.retry': job({ state: 'queued', attempt: 0, revision: 10 }) });
    const { jobs, queue } = freshStores();
    jobs.getState().put(job({ state: 'failed', revision: 9 }));
    const retrying = queue.getState().retry(ID);
    // The job started before the reply reached the window.
    jobs.getState().put(job({ state: 'running', revision: 11 }));
    await retrying;
    expect(jobs.getState().jobs[0]).toMatchObject({ state: 'running', revision: 11 });
  });
});

describe('chat store: the pending job is the newest copy', () => {
  it('a turn whose request met a 429 shows it waiting, not still running', () => {
    const running = job({ state: 'running', attempt: 1, revision: 3, conversationId: ID });
    const requeued = job({ state: 'queued', attempt: 0, revision: 4, waitReason: 'quota_retry', conversationId: ID });
    const conversation = {
      id: ID, title: 'Chat', tier: 'flash', modelId: 'gemini-3.1-flash-image', turns: [{ role: 'user', index: 0, jobId: ID }], updatedAt: 1, pendingJob: running,
    } as unknown as Conversation;
    expect(pendingOf(conversation, [requeued])).toMatchObject({ state: 'queued', waitReason: 'quota_retry' });
  });
});

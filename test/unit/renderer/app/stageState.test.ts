import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../shared/ipc/contract';
import { cellFor, failureActions, sessionResults, stageFor } from '../../../../renderer/src/app/studio/stageState';
import type { JobProgress } from '../../../../renderer/src/lib/progress';

function job(over: Partial<Job> & { id: string }): Job {
  return {
    kind: 'generate',
    state: 'queued',
    modelId: null,
    request: { prompt: 'p', tier: 'flash', aspectRatio: '16:9', imageSize: '1K', modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] },
    priority: 0,
    position: 0,
    attempt: 0,
    waitReason: null,
    nextAttemptAt: null,
    resent: false,
    createdAt: 1,
    startedAt: null,
    finishedAt: null,
    outcome: null,
    error: null,
    generationId: null,
    assetIds: [],
    usage: null,
    costUsd: null,
    conversationId: null,
    batch: null,
    ...over,
  } as Job;
}

const progress: JobProgress = { jobId: 'a', revision: 2, thoughtText: 'thinking about light', drafts: [{ dataUrl: 'data:image/png;base64,AA', width: 8, height: 8 }] };

describe('stage state machine', () => {
  it('goes placeholder (target ratio) → running with thoughts and drafts → image', () => {
    expect(cellFor('a', undefined, undefined, '4:3')).toMatchObject({ kind: 'waiting', ratio: '4:3' });
    expect(cellFor('a', job({ id: 'a' }), undefined, null)).toMatchObject({ kind: 'waiting', ratio: '16:9' });
    expect(cellFor('a', job({ id: 'a', state: 'running' }), progress, null)).toMatchObject({
      kind: 'running',
      ratio: '16:9',
      thoughtText: 'thinking about light',
      drafts: progress.drafts,
    });
    expect(cellFor('a', job({ id: 'a', state: 'succeeded', assetIds: ['x'] }), progress, null)).toMatchObject({ kind: 'image', assetIds: ['x'] });
  });

  it('Auto ratio waits as a square until the answer says otherwise', () => {
    expect(cellFor('a', job({ id: 'a', request: { prompt: 'p', tier: 'flash', aspectRatio: null, imageSize: '1K', modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority: 0 } }), undefined, null)).toMatchObject({ ratio: '1:1' });
  });

  it('a success without images is a text answer, not an empty image', () => {
    expect(cellFor('a', job({ id: 'a', state: 'succeeded', outcome: 'text' }), undefined, null).kind).toBe('text');
  });

  it('a failure carries its message and only the actions that can help', () => {
    const cell = cellFor('a', job({ id: 'a', state: 'failed', error: { code: 'prompt_blocked', message: 'Gemini refused the prompt.' } }), undefined, null);
    expect(cell).toMatchObject({ kind: 'failed', code: 'prompt_blocked', message: 'Gemini refused the prompt.', actions: ['edit'] });
  });

  it('never offers a retry for a blocked prompt or image, always for a passing server or network fault', () => {
    expect(failureActions('prompt_blocked')).not.toContain('retry');
    expect(failureActions('image_blocked')).not.toContain('retry');
    for (const code of ['server', 'network', 'quota', 'no_image'] as const) expect(failureActions(code)).toContain('retry');
    expect(failureActions('model_not_found')[0]).toBe('switchModel');
    expect(failureActions('invalid_key')).toEqual(['key']);
  });

  it('a set keeps its order, and an empty session is the teaching state', () => {
    const set = { setId: 's', jobIds: ['a', 'b'], request: { aspectRatio: '1:1' as const } };
    const stage = stageFor(set, [job({ id: 'b', state: 'running' }), job({ id: 'a', state: 'succeeded', assetIds: ['x'] })], {});
    expect(stage.kind === 'set' && stage.cells.map((c) => c.kind)).toEqual(['image', 'running']);
    expect(stageFor(null, [], {})).toEqual({ kind: 'empty' });
  });

  it('the filmstrip lists finished images of the session, newest set first', () => {
    const sets = [
      { setId: 'new', jobIds: ['c'] },
      { setId: 'old', jobIds: ['a', 'b'] },
    ];
    const jobs = [job({ id: 'a', state: 'succeeded', assetIds: ['1'] }), job({ id: 'b', state: 'failed' }), job({ id: 'c', state: 'succeeded', assetIds: ['3'] })];
    expect(sessionResults(sets, jobs)).toEqual([
      { assetId: '3', setId: 'new' },
      { assetId: '1', setId: 'old' },
    ]);
  });
});

/** One notifier for queued jobs and batches: the same rule for when to speak, the right words for each. */
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../shared/ipc/contract';
import { DoneNotifier } from '../../../../electron/services/queue/DoneNotifier';

function job(o: Partial<Job>): Job {
  return {
    id: '00000000-0000-4000-8000-000000000001', kind: 'generate', state: 'succeeded', modelId: 'gemini-3.1-flash-image',
    request: { prompt: 'a red kite', tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority: 0 },
    priority: 0, position: 1, attempt: 1, waitReason: null, nextAttemptAt: null, resent: false, createdAt: 1, startedAt: 1, finishedAt: 2,
    outcome: 'images', error: null, generationId: null, assetIds: [], usage: null, costUsd: null, conversationId: null, batch: null, setId: null, revision: 3,
    ...o,
  };
}

function harness() {
  const sent: Array<{ title: string; body: string }> = [];
  const state = { focused: false, enabled: true };
  const done = new DoneNotifier({ notifier: { notify: (n) => void sent.push(n) }, isWindowFocused: () => state.focused, enabled: () => state.enabled });
  return { sent, state, done };
}

describe('DoneNotifier', () => {
  it('speaks for images, failures and batches that end while the window is in the background', () => {
    const { sent, done } = harness();
    done.jobEnded(job({}));
    done.jobEnded(job({ state: 'failed', error: { code: 'image_blocked', message: 'Blocked by safety filters.' } }));
    done.jobEnded(job({ kind: 'batch', batch: { name: 'batches/1', state: 'JOB_STATE_SUCCEEDED', total: 3, succeeded: 2, failed: 1 } }));
    done.jobEnded(job({ kind: 'batch', state: 'failed', error: { code: 'server', message: 'The batch expired.' } }));
    done.jobEnded(job({ request: { ...job({}).request, prompt: 'x'.repeat(200) } }));
    expect(sent).toEqual([
      { title: 'Image ready', body: 'a red kite' },
      { title: 'Generation failed', body: 'a red kite — Blocked by safety filters.' },
      { title: 'Batch finished', body: '2 of 3 images ready' },
      { title: 'Batch failed', body: 'The batch expired.' },
      { title: 'Image ready', body: `${'x'.repeat(80)}…` },
    ]);
  });

  it('stays quiet while the window has focus, when the setting is off, and for a cancelled job', () => {
    const { sent, state, done } = harness();
    state.focused = true;
    done.jobEnded(job({}));
    state.focused = false;
    state.enabled = false;
    done.jobEnded(job({ kind: 'batch' }));
    state.enabled = true;
    done.jobEnded(job({ state: 'cancelled' }));
    expect(sent).toEqual([]);
  });
});

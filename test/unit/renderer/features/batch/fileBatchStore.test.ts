/** The file-batch store: main's check of a dropped file, and the batches kept at their newest copy. */
import { describe, expect, it } from 'vitest';
import type { FileBatch } from '../../../../../shared/ipc/contract';
import { createFileBatchStore } from '../../../../../renderer/src/features/batch/fileBatchStore';
import { fail, fakeBridge, ok } from '../../support/fakeBridge';

const batch = (over: Partial<FileBatch> = {}): FileBatch => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'sheet.csv',
  stage: 'uploading',
  tier: 'flash',
  modelId: 'gemini-nano-banana-2.1',
  total: 10,
  referencesTotal: 0,
  referencesDone: 0,
  inputBytes: 100,
  uploadedBytes: 10,
  remoteState: null,
  imported: 0,
  succeeded: 0,
  failed: 0,
  estimateUsd: 0.2,
  costUsd: 0,
  error: null,
  parentId: null,
  createdAt: 1,
  updatedAt: 5,
  ...over,
});

describe('file batch store', () => {
  it('sends the text of a file the window has no path for, and shows main’s refusal in words', async () => {
    const { invoke } = fakeBridge({ 'batchFile.inspect': fail('bad_input', '“a.xlsx” is not a CSV or JSONL file.') });
    const store = createFileBatchStore();
    await store.getState().openFile(new File(['prompt\na pear\n'], 'a.xlsx'));
    expect(invoke).toHaveBeenCalledWith('batchFile.inspect', { name: 'a.xlsx', text: 'prompt\na pear\n', tier: 'flash' });
    expect(store.getState()).toMatchObject({ plan: null, reading: null, planError: '“a.xlsx” is not a CSV or JSONL file.' });
  });

  it('keeps the newest copy of a batch: a late, older reply does not move its progress back', () => {
    fakeBridge({});
    const store = createFileBatchStore();
    store.getState().apply(batch({ uploadedBytes: 80, updatedAt: 9 }));
    store.getState().apply(batch({ uploadedBytes: 10, updatedAt: 5 }));
    expect(store.getState().batches).toHaveLength(1);
    expect(store.getState().batches[0]!.uploadedBytes).toBe(80);
  });

  it('loads the failed rows of a batch that finished with failures', async () => {
    const rows = [{ row: 3, prompt: 'a fig', reason: 'refused' }];
    const { invoke } = fakeBridge({ 'batchFile.failures': ok(rows) });
    const store = createFileBatchStore();
    store.getState().apply(batch({ stage: 'done', failed: 1, updatedAt: 10 }));
    await expect.poll(() => store.getState().failures[batch().id]).toEqual(rows);
    expect(invoke).toHaveBeenCalledWith('batchFile.failures', { id: batch().id });
  });
});

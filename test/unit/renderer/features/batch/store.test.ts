/** The batch store, built fresh per test: it reads batch jobs from the one job cache and says in words what it refuses. */
import { describe, expect, it } from 'vitest';
import { batchJobs, createBatchStore, MAX_PROMPTS } from '../../../../../renderer/src/features/batch/store';
import { useKeyStatus } from '../../../../../renderer/src/lib/keyStatus';
import { createJobCache } from '../../../../../renderer/src/lib/jobCache';
import { fail, fakeBridge, ok } from '../../support/fakeBridge';
import { makeJob } from '../../support/jobs';

function fresh() {
  const jobs = createJobCache();
  return { jobs, batch: createBatchStore(jobs) };
}

describe('batch store', () => {
  it('refuses an empty batch and one over the limit, in words, without calling main', async () => {
    const { invoke } = fakeBridge();
    const { batch } = fresh();
    batch.getState().setText('\n   \n');
    await batch.getState().submit();
    expect(batch.getState().error).toBe('Add at least one prompt, one per line.');
    batch.getState().setText(Array.from({ length: MAX_PROMPTS + 1 }, (_, i) => `prompt ${i}`).join('\n'));
    await batch.getState().submit();
    expect(batch.getState().error).toContain(`this one has ${MAX_PROMPTS + 1}`);
    expect(invoke).not.toHaveBeenCalledWith('batch.submit', expect.anything());
  });

  it('a submitted batch lands in the job cache and the form empties', async () => {
    const submitted = makeJob({ id: 'b1', kind: 'batch', revision: 1 });
    const { invoke } = fakeBridge({ 'batch.submit': ok(submitted) });
    const { jobs, batch } = fresh();
    batch.getState().setText('a fox\n\na hare\n');
    await batch.getState().submit();
    expect(invoke).toHaveBeenCalledWith('batch.submit', expect.objectContaining({ prompts: ['a fox', 'a hare'] }));
    expect(batch.getState()).toMatchObject({ text: '', submitting: false, error: null });
    expect(batchJobs(jobs.getState().jobs)).toEqual([submitted]);
  });

  it('lists only batch jobs, newest first, and a cancel reply older than an event does not undo it', async () => {
    const older = makeJob({ id: 'b1', kind: 'batch', createdAt: 1, state: 'running', revision: 5 });
    fakeBridge({ 'jobs.list': ok([older, makeJob({ id: 'g1', createdAt: 3 }), makeJob({ id: 'b2', kind: 'batch', createdAt: 2 })]), 'jobs.cancel': ok({ ...older, state: 'running', revision: 4 }) });
    const { jobs, batch } = fresh();
    await batch.getState().load();
    expect(batch.getState()).toMatchObject({ loaded: true, loadError: null });
    expect(batchJobs(jobs.getState().jobs).map((j) => j.id)).toEqual(['b2', 'b1']);
    await batch.getState().cancel('b1');
    expect(jobs.getState().jobs.find((j) => j.id === 'b1')!.revision).toBe(5);
  });

  it('a refused cancel is kept by job, in main’s words', async () => {
    fakeBridge({ 'jobs.cancel': fail('not_found', 'That job is gone.') });
    const { batch } = fresh();
    await batch.getState().cancel('b9');
    expect(batch.getState().cancelErrors).toEqual({ b9: 'That job is gone.' });
    expect(batch.getState().cancelling).toEqual({});
  });

  describe('@Elements in the batch', () => {
    const anna = { id: '00000000-0000-4000-8000-0000000000a1', name: 'Anna', kind: 'person' as const, assetIds: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'] };
    const mug = { id: '00000000-0000-4000-8000-0000000000a2', name: 'Mug', kind: 'object' as const, assetIds: ['00000000-0000-4000-8000-000000000003'] };

    it('sends each line with the images of the Elements it names, and names them', async () => {
      useKeyStatus.setState({ status: null });
      const { invoke } = fakeBridge({ 'batch.submit': ok(makeJob({ id: 'b9', kind: 'batch', revision: 1 })) });
      const { batch } = fresh();
      batch.getState().setText('@Anna at the beach\n@Mug on a table\nan empty room');
      batch.getState().addElement(anna);
      batch.getState().addElement(mug);
      await batch.getState().submit();
      expect(invoke).toHaveBeenCalledWith(
        'batch.submit',
        expect.objectContaining({
          prompts: ['@Anna at the beach', '@Mug on a table', 'an empty room'],
          lines: [
            { references: anna.assetIds.map((assetId) => ({ assetId, kind: 'person' })), elements: [{ id: anna.id, name: 'Anna' }] },
            { references: [{ assetId: mug.assetIds[0], kind: 'object' }], elements: [{ id: mug.id, name: 'Mug' }] },
            { references: [] },
          ],
        }),
      );
      expect(batch.getState().elements).toEqual([]);
    });

    it('says which to drop, by line, on a model they do not fit, and sends nothing', async () => {
      useKeyStatus.setState({ status: null });
      const { invoke } = fakeBridge();
      const { batch } = fresh();
      batch.getState().setTier('lite');
      batch.getState().setText('a beach\n@Anna at the beach');
      batch.getState().addElement(anna);
      await batch.getState().submit();
      expect(batch.getState().error).toMatch(/^Line 2: .* Drop @Anna \(2 images\) to fit\.$/);
      expect(invoke).not.toHaveBeenCalledWith('batch.submit', expect.anything());
    });

    it('a removed chip takes every @Name of it out of the text', () => {
      fakeBridge();
      const { batch } = fresh();
      batch.getState().setText('@Anna at the beach\n@Anna at home');
      batch.getState().addElement(anna);
      batch.getState().removeElement(anna.id);
      expect(batch.getState()).toMatchObject({ text: 'at the beach\nat home', elements: [] });
    });
  });
});

/** The edit store, built fresh per test: undo and redo of marks, refusals in words, and the sent edit's job from the one cache. */
import { describe, expect, it } from 'vitest';
import { createEditStore } from '../../../../../renderer/src/features/edit/store';
import { createJobCache } from '../../../../../renderer/src/lib/jobCache';
import { fakeBridge, ok } from '../../support/fakeBridge';
import { makeJob } from '../../support/jobs';

const photo = { assetId: 'a1', width: 800, height: 600, previewUrl: '/assets/a1', previewWidth: 800, previewHeight: 600, notices: [] };

function fresh() {
  const jobs = createJobCache();
  return { jobs, edit: createEditStore(jobs) };
}

describe('edit store', () => {
  it('refuses to send without a photo or an instruction, in words', async () => {
    const { invoke } = fakeBridge({ 'edit.open': ok(photo) });
    const { edit } = fresh();
    await edit.getState().sendDraft();
    expect(edit.getState().error).toBe('Open a photo first.');
    await edit.getState().openAsset('a1');
    edit.getState().setInstruction('   ');
    await edit.getState().sendDraft();
    expect(edit.getState().error).toBe('Say what should change first.');
    expect(invoke).not.toHaveBeenCalledWith('generate.start', expect.anything());
  });

  it('undoes and redoes marks one at a time', async () => {
    fakeBridge({ 'edit.open': ok(photo) });
    const { edit } = fresh();
    await edit.getState().openAsset('a1');
    edit.getState().addMark({ kind: 'rect', x: 1, y: 1, w: 10, h: 10 });
    edit.getState().addMark({ kind: 'text', x: 5, y: 5, text: 'here' });
    expect(edit.getState().current!.marks).toHaveLength(2);
    edit.getState().undo();
    expect(edit.getState().current!.marks.map((m) => m.kind)).toEqual(['rect']);
    edit.getState().redo();
    expect(edit.getState().current!.marks.map((m) => m.kind)).toEqual(['rect', 'text']);
  });

  it('shows before and after when the sent edit’s job succeeds, and ignores other jobs', async () => {
    fakeBridge({ 'edit.open': ok(photo) });
    const { edit } = fresh();
    await edit.getState().openAsset('a1');
    edit.setState({ job: makeJob({ id: 'e1', state: 'running' }) });
    edit.getState().applyJob(makeJob({ id: 'other', state: 'succeeded', assetIds: ['zz'] }));
    expect(edit.getState().result).toBeNull();
    edit.getState().applyJob(makeJob({ id: 'e1', state: 'succeeded', assetIds: ['a2'] }));
    expect(edit.getState().result).toEqual({ beforeId: 'a1', afterId: 'a2', modelWholeUrl: null, keptWhole: null });
  });

  it('an answer kept whole (another shape) says why it was not composited on the result', async () => {
    const message = 'Gemini answered in a different shape (1536×672 for your 300×120 photo), so the whole image is kept as it came; outside your mask it may differ.';
    fakeBridge({
      'edit.open': ok(photo),
      'library.get': ok({ id: 'a2', composite: null, keptWhole: { mode: 'region', baseAssetId: 'a1', base: { width: 300, height: 120 }, model: { width: 1536, height: 672 }, message } }),
    });
    const { edit } = fresh();
    await edit.getState().openAsset('a1');
    edit.setState({ job: makeJob({ id: 'e1', state: 'running' }) });
    edit.getState().applyJob(makeJob({ id: 'e1', state: 'succeeded', assetIds: ['a2'] }));
    await expect.poll(() => edit.getState().result?.keptWhole).toBe(message);
    expect(edit.getState().result?.modelWholeUrl).toBeNull();
  });

  it('a failed edit says why', async () => {
    fakeBridge({ 'edit.open': ok(photo) });
    const { edit } = fresh();
    await edit.getState().openAsset('a1');
    edit.setState({ job: makeJob({ id: 'e1', state: 'running' }) });
    edit.getState().applyJob(makeJob({ id: 'e1', state: 'failed', error: { code: 'image_blocked', message: 'Blocked by safety filters.' } }));
    expect(edit.getState().error).toBe('Blocked by safety filters.');
  });
});

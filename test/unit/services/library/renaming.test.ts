/** Renaming saved prompts and smart collections through the routes the window calls: the name changes, nothing else. */
import { describe, expect, it } from 'vitest';
import type { SavedPrompt, SmartCollection } from '../../../../shared/ipc/contract';
import { atelierFixture } from '../../../support/atelierFixture';

const fx = atelierFixture();

describe('renaming', () => {
  it('a smart collection takes its new name (trimmed) and keeps its search; the list follows the new name', async () => {
    const { call } = await fx.start();
    const made = await call<SmartCollection>('smartCollections.create', { name: 'Zebra', query: { text: 'lighthouse', minRating: 3 } });
    await call('smartCollections.create', { name: 'Middle', query: {} });
    const renamed = await call<SmartCollection>('smartCollections.rename', { id: made.id, name: '  Awesome lighthouses ' });
    expect(renamed).toMatchObject({ id: made.id, name: 'Awesome lighthouses', query: { text: 'lighthouse', minRating: 3 } });
    expect((await call<SmartCollection[]>('smartCollections.list')).map((c) => c.name)).toEqual(['Awesome lighthouses', 'Middle']);
  });

  it('a saved prompt takes its new name and keeps its prompt, tags and settings', async () => {
    const { call } = await fx.start();
    const saved = await call<SavedPrompt>('prompts.save', { name: 'Old name', tags: ['sea'], request: { prompt: 'a lighthouse', tier: 'pro', aspectRatio: '16:9', imageSize: '2K' } });
    const renamed = await call<SavedPrompt>('prompts.rename', { id: saved.id, name: 'Stormy lighthouse' });
    expect(renamed).toEqual({ ...saved, name: 'Stormy lighthouse' });
    expect((await call<{ saved: SavedPrompt[] }>('prompts.list', { text: 'stormy' })).saved.map((p) => p.id)).toEqual([saved.id]);
  });

  it('refuses an empty or too long name and a name for something gone, in words', async () => {
    const { call, tryCall } = await fx.start();
    const made = await call<SmartCollection>('smartCollections.create', { name: 'Kept', query: {} });
    const saved = await call<SavedPrompt>('prompts.save', { name: 'Kept', request: { prompt: 'a kite', tier: 'flash', aspectRatio: '1:1', imageSize: null } });
    expect(await tryCall('smartCollections.rename', { id: made.id, name: '   ' })).toMatchObject({ ok: false, code: 'bad_input', message: expect.stringMatching(/Give the smart collection a name/) });
    expect(await tryCall('prompts.rename', { id: saved.id, name: 'x'.repeat(121) })).toMatchObject({ ok: false, code: 'bad_input', message: expect.stringMatching(/too long/) });
    await call('smartCollections.delete', { id: made.id });
    expect(await tryCall('smartCollections.rename', { id: made.id, name: 'Again' })).toMatchObject({ ok: false, code: 'not_found', message: expect.stringMatching(/not there any more/) });
    await call('prompts.delete', { id: saved.id });
    expect(await tryCall('prompts.rename', { id: saved.id, name: 'Again' })).toMatchObject({ ok: false, code: 'not_found' });
    expect((await call<SmartCollection[]>('smartCollections.list')).length).toBe(0);
  });
});

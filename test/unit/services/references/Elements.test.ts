/**
 * Elements through createAtelier and the router: the routes validate their input, names are
 * unique whatever their case, an Element's images are live library assets, the request policy
 * refuses a deleted Element, and a result made with one is found by the library's Element filter.
 */
import { describe, expect, it } from 'vitest';
import type { AssetSummary, Element, GenerationDetail, Job } from '../../../../shared/ipc/contract';
import fs from 'node:fs';
import { makePng, readPngInfo } from '../../../fake-gemini/png';
import { atelierFixture } from '../../../support/atelierFixture';

const KEY = 'AIzaElementsTestKey000000000000000000000';
const fx = atelierFixture({ key: KEY, fake: true, options: { backoff: { baseMs: 50, maxMs: 200, maxAttempts: 3 }, batchPollMs: 50 } });

async function withPhotos(n: number) {
  const s = await fx.start();
  const files = await Promise.all(Array.from({ length: n }, async (_, i) => ({ name: `p${i}.png`, dataBase64: (await makePng({ width: 64 + i, height: 64, label: `p${i}` })).toString('base64') })));
  const { imported } = await s.call<{ imported: AssetSummary[] }>('library.import', { files });
  return { ...s, assetIds: imported.map((a) => a.id) };
}

describe('elements routes', () => {
  it('creates, lists, renames and deletes an Element, its images in order', async () => {
    const { call, assetIds } = await withPhotos(2);
    const anna = await call<Element>('elements.create', { name: ' Anna ', kind: 'person', description: 'red coat', assetIds: [assetIds[1], assetIds[0]] });
    expect(anna).toMatchObject({ name: 'Anna', kind: 'person', description: 'red coat', assetIds: [assetIds[1], assetIds[0]], coverUrl: `/assets/${assetIds[1]}/thumb` });
    expect(await call<Element[]>('elements.list')).toEqual([anna]);
    const renamed = await call<Element>('elements.rename', { id: anna.id, name: 'Anna B.' });
    expect(renamed).toMatchObject({ name: 'Anna B.', description: 'red coat' });
    await call('elements.delete', { id: anna.id });
    expect(await call<Element[]>('elements.list')).toEqual([]);
    await expect(call('elements.delete', { id: anna.id })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/no longer in the library/) });
  });

  it('refuses bad input in a person’s words', async () => {
    const { tryCall, call, assetIds } = await withPhotos(1);
    const refused = async (route: string, input: unknown) => {
      const res = await tryCall(route, input);
      expect(res.ok).toBe(false);
      return res.ok ? '' : res.message;
    };
    expect(await refused('elements.create', { name: '', kind: 'person', assetIds })).toContain('Give the Element a name.');
    expect(await refused('elements.create', { name: 'A@b', kind: 'person', assetIds })).toContain('cannot hold “@”');
    expect(await refused('elements.create', { name: 'Anna', kind: 'person', assetIds: [] })).toContain('Choose at least one image for the Element.');
    expect(await refused('elements.create', { name: 'Anna', kind: 'animal', assetIds })).toBeTruthy();
    expect(await refused('elements.create', { name: 'Anna', kind: 'person', assetIds: ['not-a-uuid'] })).toBeTruthy();
    expect(await refused('elements.create', { name: 'Anna', kind: 'person', assetIds: Array(15).fill(assetIds[0]) })).toContain('14 images at most');
    expect(await refused('elements.create', { name: 'Anna', kind: 'person', assetIds: ['00000000-0000-4000-8000-000000000000'] })).toContain('no longer in the library');
    await call('elements.create', { name: 'Anna', kind: 'person', assetIds });
    expect(await refused('elements.create', { name: 'ANNA', kind: 'object', assetIds })).toBe('There is already an Element called “ANNA”; choose another name.');
    expect(await refused('elements.rename', { id: '00000000-0000-4000-8000-000000000000', name: 'X' })).toContain('no longer in the library');
  });

  it('loses an image when its asset is deleted for good, and keeps the rest', async () => {
    const { call, atelier, assetIds } = await withPhotos(2);
    const e = await call<Element>('elements.create', { name: 'Mug', kind: 'object', assetIds });
    atelier.db.prepare('DELETE FROM assets WHERE id = ?').run(assetIds[0]);
    expect((await call<Element[]>('elements.list'))[0]).toMatchObject({ id: e.id, assetIds: [assetIds[1]] });
  });
});

describe('a result made with an Element', () => {
  it('names the Element in its facts, and the library filters by it', async () => {
    const { call, generate, atelier, assetIds } = await withPhotos(1);
    const mug = await call<Element>('elements.create', { name: 'Mug', kind: 'object', assetIds });
    const job = await generate({ prompt: '@Mug on a table', references: [{ assetId: assetIds[0]!, kind: 'object' }], elements: [{ id: mug.id, name: 'Mug' }] });
    await generate({ prompt: 'an empty table' });
    await atelier.queue.whenIdle();
    const done = atelier.queue.get(job.id) as Job;
    expect(done.state).toBe('succeeded');
    const asset = await call<{ generation: GenerationDetail | null }>('library.get', { id: done.assetIds[0] });
    expect(asset.generation?.params.elements).toEqual([{ id: mug.id, name: 'Mug' }]);
    // The fake's card says what it was given: one reference, and the Element's name from the prompt.
    const file = atelier.library.store.originalPath(atelier.library.get(done.assetIds[0]!).sha256, 'image/png');
    expect(readPngInfo(fs.readFileSync(file)).text['fake-gemini:references']).toBe('1 @Mug');
    const found = await call<{ assets: AssetSummary[] }>('library.search', { elementId: mug.id });
    expect(found.assets.map((a) => a.id)).toEqual(done.assetIds);
    // Deleting the Element keeps what its results say they were made with.
    await call('elements.delete', { id: mug.id });
    expect((await call<{ assets: AssetSummary[] }>('library.search', { elementId: mug.id })).assets).toHaveLength(1);
  });

  it('is refused before sending when its Element was deleted', async () => {
    const { call, generate, assetIds } = await withPhotos(1);
    const mug = await call<Element>('elements.create', { name: 'Mug', kind: 'object', assetIds });
    await call('elements.delete', { id: mug.id });
    await expect(generate({ prompt: '@Mug', references: [{ assetId: assetIds[0]!, kind: 'object' }], elements: [{ id: mug.id, name: 'Mug' }] })).rejects.toMatchObject({
      code: 'not_found',
      message: 'The Element “Mug” is no longer in the library; remove @Mug from the prompt.',
    });
  });
});

describe('editing an existing Element', () => {
  it('changes its kind and description, renames it, and keeps what it was not told to change', async () => {
    const { call, assetIds } = await withPhotos(1);
    const e = await call<Element>('elements.create', { name: 'Mug', kind: 'object', description: 'blue', assetIds });
    expect(await call<Element>('elements.update', { id: e.id, kind: 'style' })).toMatchObject({ name: 'Mug', kind: 'style', description: 'blue' });
    expect(await call<Element>('elements.update', { id: e.id, name: 'Blue mug', description: '' })).toMatchObject({ name: 'Blue mug', kind: 'style', description: '' });
    await call('elements.create', { name: 'Anna', kind: 'person', assetIds });
    await expect(call('elements.update', { id: e.id, name: 'anna' })).rejects.toMatchObject({ message: 'There is already an Element called “anna”; choose another name.' });
  });

  it('adds images after its own, once each, and removes one while the image stays in the library', async () => {
    const { call, atelier, assetIds } = await withPhotos(3);
    const e = await call<Element>('elements.create', { name: 'Anna', kind: 'person', assetIds: [assetIds[0]] });
    const added = await call<Element>('elements.addImages', { id: e.id, assetIds: [assetIds[2], assetIds[0], assetIds[1]] });
    expect(added.assetIds).toEqual([assetIds[0], assetIds[2], assetIds[1]]);
    const removed = await call<Element>('elements.removeImage', { id: e.id, assetId: assetIds[0] });
    expect(removed).toMatchObject({ assetIds: [assetIds[2], assetIds[1]], coverUrl: `/assets/${assetIds[2]}/thumb` });
    expect(atelier.db.prepare('SELECT count(*) FROM assets WHERE id = ?').pluck().get(assetIds[0])).toBe(1);
    // Added again after a removal: it goes last, after the images it left behind.
    expect((await call<Element>('elements.addImages', { id: e.id, assetIds: [assetIds[0]] })).assetIds).toEqual([assetIds[2], assetIds[1], assetIds[0]]);
  });

  it('keeps at least one image, and says so', async () => {
    const { call, tryCall, assetIds } = await withPhotos(1);
    const e = await call<Element>('elements.create', { name: 'Anna', kind: 'person', assetIds });
    const res = await tryCall('elements.removeImage', { id: e.id, assetId: assetIds[0] });
    expect(res).toMatchObject({ ok: false, code: 'bad_input', message: 'An Element keeps at least one image: add another to @Anna before removing this one, or delete the Element.' });
    expect((await call<Element[]>('elements.list'))[0]!.assetIds).toEqual(assetIds);
  });

  it('refuses bad edits in a person’s words', async () => {
    const { call, tryCall, atelier, assetIds } = await withPhotos(2);
    const e = await call<Element>('elements.create', { name: 'Anna', kind: 'person', assetIds: [assetIds[0]] });
    const refused = async (route: string, input: unknown) => {
      const res = await tryCall(route, input);
      expect(res.ok).toBe(false);
      return res.ok ? '' : res.message;
    };
    expect(await refused('elements.update', { id: e.id })).toContain('Change the name, the kind or the description.');
    expect(await refused('elements.update', { id: e.id, kind: 'animal' })).toBeTruthy();
    expect(await refused('elements.update', { id: e.id, name: 'a@b' })).toContain('cannot hold “@”');
    expect(await refused('elements.update', { id: e.id, description: 'x'.repeat(501) })).toContain('500 characters at most');
    expect(await refused('elements.update', { id: e.id, name: 'X', extra: 1 })).toBeTruthy();
    expect(await refused('elements.update', { id: '00000000-0000-4000-8000-000000000000', kind: 'object' })).toContain('no longer in the library');
    expect(await refused('elements.addImages', { id: e.id, assetIds: [] })).toContain('Choose at least one image to add.');
    expect(await refused('elements.addImages', { id: e.id, assetIds: ['not-a-uuid'] })).toBeTruthy();
    expect(await refused('elements.addImages', { id: e.id, assetIds: ['00000000-0000-4000-8000-000000000000'] })).toContain('no longer in the library');
    atelier.db.prepare('UPDATE assets SET trashed_at = 1 WHERE id = ?').run(assetIds[1]);
    expect(await refused('elements.addImages', { id: e.id, assetIds: [assetIds[1]] })).toContain('in the trash');
    expect(await refused('elements.removeImage', { id: e.id, assetId: assetIds[1] })).toBe('That image is no longer part of @Anna; the list has been refreshed.');
    expect(await refused('elements.removeImage', { id: e.id })).toBeTruthy();
  });

  it('holds 14 images at most, counting the ones it has', async () => {
    const { call, tryCall, assetIds } = await withPhotos(15);
    const e = await call<Element>('elements.create', { name: 'Anna', kind: 'person', assetIds: assetIds.slice(0, 13) });
    const res = await tryCall('elements.addImages', { id: e.id, assetIds: assetIds.slice(13) });
    expect(res).toMatchObject({ ok: false, message: 'An Element holds 14 images at most; this one has 13, so 1 more fit. Remove some first.' });
    expect((await call<Element>('elements.addImages', { id: e.id, assetIds: [assetIds[14]] })).assetIds).toHaveLength(14);
  });
});

describe('an @Element in a comparison', () => {
  it('names the Element on every contender’s result, and refuses a deleted one before anything is queued', async () => {
    const { call, atelier, assetIds } = await withPhotos(1);
    const mug = await call<Element>('elements.create', { name: 'Mug', kind: 'object', assetIds });
    const input = { prompt: '@Mug on a table', aspectRatio: '1:1', contenders: [{ tier: 'flash' }, { tier: 'pro' }], references: [{ assetId: assetIds[0], kind: 'object' }], elements: [{ id: mug.id, name: 'Mug' }] };
    const c = await call<{ id: string; contenders: Array<{ jobId: string }> }>('compare.start', input);
    await atelier.queue.whenIdle();
    const names = atelier.db
      .prepare('SELECT ge.name FROM generation_elements ge JOIN generations g ON g.id = ge.generation_id WHERE g.job_id IN (SELECT job_id FROM comparison_contenders WHERE comparison_id = ?)')
      .pluck()
      .all(c.id);
    expect(names).toEqual(['Mug', 'Mug']);
    await call('elements.delete', { id: mug.id });
    const before = atelier.db.prepare('SELECT count(*) FROM comparisons').pluck().get();
    await expect(call('compare.start', input)).rejects.toMatchObject({ code: 'not_found', message: 'The Element “Mug” is no longer in the library; remove @Mug from the prompt.' });
    expect(atelier.db.prepare('SELECT count(*) FROM comparisons').pluck().get()).toBe(before);
  });
});

describe('an @Element in a batch', () => {
  const base = { tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'IMAGE', grounding: false, includeThoughts: false };

  it('sends each line with its own Elements’ images and names them on that line’s result', async () => {
    fx.fake.batchTiming = { pendingMs: 20, runningMs: 20 };
    const { call, atelier, assetIds } = await withPhotos(2);
    const anna = await call<Element>('elements.create', { name: 'Anna', kind: 'person', assetIds });
    const lines = [{ references: assetIds.map((assetId) => ({ assetId, kind: 'person' })), elements: [{ id: anna.id, name: 'Anna' }] }, { references: [] }];
    const job = await call<Job>('batch.submit', { ...base, prompts: ['@Anna at the beach', 'an empty beach'], lines });
    await expect.poll(() => atelier.queue.get(job.id).state, { timeout: 5000 }).toBe('succeeded');
    const items = fx.fake.batches[0]!.items.map((it) => (it.request as { contents: Array<{ parts: Array<{ inlineData?: unknown }> }> }).contents[0]!.parts.filter((p) => p.inlineData).length);
    expect(items).toEqual([2, 0]);
    const named = atelier.db.prepare('SELECT g.prompt, ge.name FROM generations g LEFT JOIN generation_elements ge ON ge.generation_id = g.id ORDER BY g.prompt').all();
    expect(named).toEqual([
      { prompt: '@Anna at the beach', name: 'Anna' },
      { prompt: 'an empty beach', name: null },
    ]);
  });

  it('refuses a line whose Elements do not fit the model, or are gone, before anything is sent', async () => {
    const { call, tryCall, assetIds } = await withPhotos(2);
    const anna = await call<Element>('elements.create', { name: 'Anna', kind: 'person', assetIds });
    const annaLine = { references: assetIds.map((assetId) => ({ assetId, kind: 'person' })), elements: [{ id: anna.id, name: 'Anna' }] };
    const lite = await tryCall('batch.submit', { ...base, tier: 'lite', prompts: ['a beach', '@Anna'], lines: [{ references: [] }, annaLine] });
    expect(lite).toMatchObject({ ok: false, code: 'unsupported', message: expect.stringMatching(/^Line 2: .*people reference images/) });
    expect(await tryCall('batch.submit', { ...base, prompts: ['@Anna', 'x'], lines: [annaLine] })).toMatchObject({ ok: false, message: 'Each prompt of the batch needs its own list of Elements, even an empty one.' });
    await call('elements.delete', { id: anna.id });
    expect(await tryCall('batch.submit', { ...base, prompts: ['@Anna'], lines: [annaLine] })).toMatchObject({ ok: false, message: 'The Element “Anna” is no longer in the library; remove @Anna from the prompt.' });
    expect(fx.fake.batches).toHaveLength(0);
  });
});

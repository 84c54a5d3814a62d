/** Smart collections: saved searches whose counts follow the library, through the routes the window calls. */
import { describe, expect, it } from 'vitest';
import type { AssetSummary, GenerationParams, SmartCollection } from '../../../../shared/ipc/contract';
import type { NewGeneration } from '../../../../electron/services/library/Library';
import { pngOf } from '../../../support/images';
import { atelierFixture } from '../../../support/atelierFixture';
import { tempDir } from '../../../support/tmp';

const fx = atelierFixture({ options: { libraryCheckDelayMs: 0 } });
const PARAMS: GenerationParams = { aspectRatio: '1:1', imageSize: '1K', modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] };

async function start() {
  const { atelier, call, tryCall } = await fx.start({ userDataDir: tempDir() });
  let colour = 0;
  const add = async (prompt: string, over: Partial<NewGeneration> = {}): Promise<AssetSummary> => {
    colour += 1;
    const stored = await atelier.library.writeImages([await pngOf(32, 32, [colour * 7 % 256, colour * 13 % 256, colour * 29 % 256])]);
    return atelier.library.insertGeneration(
      { jobId: null, prompt, tier: 'flash', modelId: 'gemini-3.1-flash-image', params: PARAMS, responseText: null, finishReason: 'STOP', usage: { promptTokens: 1, outputTokens: 1, thoughtTokens: 0, imageTokens: 1 }, costUsd: 0.01, durationMs: 1, ...over },
      stored,
    ).assets[0]!;
  };
  const counts = async () => Object.fromEntries((await call<SmartCollection[]>('smartCollections.list')).map((c) => [c.name, c.count]));
  return { atelier, call, tryCall, add, counts };
}

describe('smart collections', () => {
  it('count what their words and filters match now: new images, ratings and the trash move the counts', async () => {
    const { call, add, counts } = await start();
    const a = await add('a lighthouse at dusk');
    await add('a lighthouse in fog', { tier: 'pro', modelId: 'gemini-3-pro-image' });
    await add('a red car at night');
    await call('smartCollections.create', { name: 'Lighthouses', query: { text: 'lighthouse' } });
    await call('smartCollections.create', { name: 'Good Pro', query: { tiers: ['pro'], minRating: 4 } });
    await call('smartCollections.create', { name: 'Generated lighthouses, rated', query: { text: 'lighthouse', sources: ['generated'], minRating: 1 } });
    expect(await counts()).toEqual({ Lighthouses: 2, 'Good Pro': 0, 'Generated lighthouses, rated': 0 });

    const c = await add('a lighthouse on a cliff', { tier: 'pro', modelId: 'gemini-3-pro-image' });
    await call('library.update', { ids: [c.id], rating: 5 });
    await call('library.update', { ids: [a.id], rating: 2 });
    expect(await counts()).toEqual({ Lighthouses: 3, 'Good Pro': 1, 'Generated lighthouses, rated': 2 });

    await call('library.trash', { ids: [c.id] });
    expect(await counts()).toEqual({ Lighthouses: 2, 'Good Pro': 0, 'Generated lighthouses, rated': 1 });
  });

  it('keeps the query as given and lists by name; deleting says whether it existed', async () => {
    const { call } = await start();
    const made = await call<SmartCollection>('smartCollections.create', { name: 'b: this week', query: { from: 1_000, to: 2_000, favorites: true } });
    await call('smartCollections.create', { name: 'A: all', query: {} });
    const listed = await call<SmartCollection[]>('smartCollections.list');
    expect(listed.map((c) => c.name)).toEqual(['A: all', 'b: this week']);
    expect(listed[1]!.query).toMatchObject({ from: 1_000, to: 2_000, favorites: true });
    expect(await call('smartCollections.delete', { id: made.id })).toEqual({ deleted: true });
    expect(await call('smartCollections.delete', { id: made.id })).toEqual({ deleted: false });
  });

  it('refuses a nameless collection and a page or sort in the query, in words', async () => {
    const { tryCall } = await start();
    const nameless = await tryCall('smartCollections.create', { name: ' ', query: {} });
    expect(nameless).toMatchObject({ ok: false });
    expect(JSON.stringify(nameless)).toContain('Give the smart collection a name.');
    expect(await tryCall('smartCollections.create', { name: 'x', query: { limit: 5 } })).toMatchObject({ ok: false });
  });

  it('the service tier filter finds what Google served at each tier; images from before tiers count as Standard', async () => {
    const { call, add, counts } = await start();
    await add('economy one', { serviceTier: 'flex' });
    await add('economy two', { serviceTier: 'flex' });
    await add('batch one', { serviceTier: 'batch' });
    await add('from before tiers');
    await add('standard one', { serviceTier: 'standard' });
    await call('smartCollections.create', { name: 'Economy', query: { serviceTiers: ['flex'] } });
    await call('smartCollections.create', { name: 'Standard', query: { serviceTiers: ['standard'] } });
    await call('smartCollections.create', { name: 'Batch or Economy', query: { serviceTiers: ['batch', 'flex'] } });
    expect(await counts()).toEqual({ Economy: 2, Standard: 2, 'Batch or Economy': 3 });
    const { assets } = await call<{ assets: AssetSummary[] }>('library.search', { text: 'economy', serviceTiers: ['flex'] });
    expect(assets.map((a) => a.prompt).sort()).toEqual(['economy one', 'economy two']);
  });

  it('the source filter finds images a comparison made ("compared") beside generated, edited and imported', async () => {
    const { call, add, counts, atelier } = await start();
    const contender = await add('a contender');
    await add('a plain one');
    atelier.db.prepare("INSERT INTO comparisons (id, created_at, prompt, references_json, order_json, state) VALUES ('c1', 1, 'p', '[]', '[]', 'done')").run();
    atelier.db
      .prepare("INSERT INTO comparison_contenders (comparison_id, idx, contender_json, model_id, config_key, state, asset_id, estimate_usd) VALUES ('c1', 0, '{}', 'm', 'k', 'done', ?, 0), ('c1', 1, '{}', 'm', 'k2', 'failed', NULL, 0)")
      .run(contender.id);
    await call('smartCollections.create', { name: 'Compared', query: { sources: ['compared'] } });
    await call('smartCollections.create', { name: 'Generated', query: { sources: ['generated'] } });
    await call('smartCollections.create', { name: 'Compared or imported', query: { sources: ['compared', 'imported'] } });
    expect(await counts()).toEqual({ Compared: 1, Generated: 2, 'Compared or imported': 1 });
  });
});

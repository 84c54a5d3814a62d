/** The one asset cache: a rating set anywhere is the rating read everywhere, and a refused one is put back. */
import { describe, expect, it } from 'vitest';
import { createAssetCache, organisedOf } from '../../../../renderer/src/lib/assets';
import { createIntentsStore } from '../../../../renderer/src/lib/intents';
import { fail, fakeBridge, ok } from '../support/fakeBridge';

describe('asset cache', () => {
  it('a rating given here outranks every older copy (a tile, a detail fetched before)', async () => {
    const { invoke } = fakeBridge({ 'library.update': ok({ updated: 1 }) });
    const assets = createAssetCache();
    const tile = { rating: 0, favorite: false };
    expect(organisedOf(assets.getState(), 'a1', tile).rating).toBe(0);
    expect(await assets.getState().rate(['a1'], 4)).toBeNull();
    expect(invoke).toHaveBeenCalledWith('library.update', { ids: ['a1'], rating: 4 });
    expect(organisedOf(assets.getState(), 'a1', tile)).toEqual({ rating: 4, favorite: false, trashedAt: null });
  });

  it('a refused change is put back and its reason returned in words', async () => {
    fakeBridge({ 'library.update': fail('not_found', 'That image is gone.') });
    const assets = createAssetCache();
    expect(await assets.getState().setFavorite(['a1'], true)).toBe('That image is gone.');
    expect(organisedOf(assets.getState(), 'a1').favorite).toBe(false);
  });

  it('trash and restore mark the image, so every screen sees it is in the trash', async () => {
    fakeBridge({ 'library.trash': ok({ trashed: 1 }), 'library.restore': ok({ restored: 1 }) });
    const assets = createAssetCache();
    expect(await assets.getState().trash(['a1'])).toEqual({ trashed: 1 });
    expect(organisedOf(assets.getState(), 'a1').trashedAt).not.toBeNull();
    expect(await assets.getState().restore(['a1'])).toEqual({ restored: 1 });
    expect(organisedOf(assets.getState(), 'a1').trashedAt).toBeNull();
  });
});

describe('intents between rooms', () => {
  it('a request goes to the room app/ connected, and to none once it stops answering', () => {
    const intents = createIntentsStore();
    const opened: string[] = [];
    const stop = intents.getState().answer({ openGeneration: (id) => opened.push(id) });
    intents.getState().handlers.openGeneration?.('g1');
    stop();
    intents.getState().handlers.openGeneration?.('g2');
    expect(opened).toEqual(['g1']);
  });
});

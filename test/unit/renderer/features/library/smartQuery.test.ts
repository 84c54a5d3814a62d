import { describe, expect, it } from 'vitest';
import { fromSmartQuery, NO_FILTERS, toSearchQuery, toSmartQuery, type LibraryQueryState } from '../../../../../renderer/src/features/library/query';
import { SmartCollectionQuerySchema } from '../../../../../shared/domain/smartCollections';

const state: LibraryQueryState = {
  view: 'favorites',
  text: 'lighthouse',
  sort: 'rating',
  filters: { ...NO_FILTERS, tiers: ['pro'], aspectRatios: ['21:9'], imageSizes: ['4K'], sources: ['imported', 'edited'], minRating: 3, hasGrounding: true, credentials: 'ai', serviceTier: 'flex', from: '2026-11-02', to: '2026-11-30', collectionId: null },
};

describe('smart collection queries', () => {
  it('keep the words, every filter and favourites, but no order, page or trash, and main accepts them', () => {
    const q = toSmartQuery(state);
    expect(q).not.toHaveProperty('sort');
    expect(q).not.toHaveProperty('trashed');
    expect(q).toMatchObject({ text: 'lighthouse', favorites: true, tiers: ['pro'], sources: ['imported', 'edited'], minRating: 3, credentials: 'ai', serviceTiers: ['flex'] });
    expect(SmartCollectionQuerySchema.safeParse(q).success).toBe(true);
  });

  it('come back as the same controls, the date range by calendar day', () => {
    expect(fromSmartQuery(toSmartQuery(state))).toEqual({ view: state.view, text: state.text, filters: state.filters });
    // So the search shown is the one kept.
    const again = { ...fromSmartQuery(toSmartQuery(state)), sort: state.sort };
    expect(toSearchQuery(again)).toEqual(toSearchQuery(state));
  });

  it('a search kept from the trash keeps the library search, not the trash', () => {
    const q = toSmartQuery({ ...state, view: 'trash' });
    expect(q.favorites).toBeUndefined();
    expect(fromSmartQuery(q).view).toBe('all');
  });
});

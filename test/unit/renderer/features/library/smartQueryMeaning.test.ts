import { describe, expect, it } from 'vitest';
import { fromSmartQuery, NO_FILTERS, toSmartQuery, type LibraryQueryState } from '../../../../../renderer/src/features/library/query';
import { SmartCollectionQuerySchema } from '../../../../../shared/domain/smartCollections';

const state: LibraryQueryState = { view: 'all', text: 'a red car at night', sort: 'newest', filters: NO_FILTERS };

describe('smart collections by meaning', () => {
  it('words kept while search by meaning is on are kept as a search by meaning too; main accepts it and showing it brings the words back', () => {
    const q = toSmartQuery(state, true);
    expect(q).toMatchObject({ text: 'a red car at night', meaning: true });
    expect(SmartCollectionQuerySchema.safeParse(q).success).toBe(true);
    expect(fromSmartQuery(q).text).toBe('a red car at night');
  });

  it('with search by meaning off, or without words, it is a word search only', () => {
    expect(toSmartQuery(state, false)).not.toHaveProperty('meaning');
    expect(toSmartQuery({ ...state, text: '  ' }, true)).not.toHaveProperty('meaning');
  });
});

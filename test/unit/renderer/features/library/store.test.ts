import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssetSummary } from '../../../../../shared/ipc/contract';
import { toSearchQuery, NO_FILTERS } from '../../../../../renderer/src/features/library/query';
import { PAGE_SIZE, PageCache, EMPTY_PAGES, assetAt, type PageState } from '../../../../../renderer/src/features/library/pageCache';
import { createLibraryStore } from '../../../../../renderer/src/features/library/store';

function asset(i: number): AssetSummary {
  return { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, width: 64, height: 64, mime: 'image/png', createdAt: 1_000_000 - i, prompt: `image ${i}`, tier: 'flash', rating: 0, favorite: false };
}

/** A main process with `n` assets, newest first, answering `library.search` like the real one. */
function fakeMain(n: number, opts: { cap?: number } = {}) {
  const all = Array.from({ length: n }, (_, i) => asset(i));
  const searches: Array<Record<string, unknown>> = [];
  const invoke = vi.fn(async (route: string, input: Record<string, unknown> = {}) => {
    if (route === 'library.search') {
      searches.push(input);
      const offset = Number(input.offset ?? 0);
      const limit = Number(input.limit ?? 200);
      const capped = opts.cap !== undefined && n > opts.cap;
      return { ok: true, data: { assets: all.slice(offset, offset + limit), total: capped ? opts.cap : n, capped } };
    }
    if (route === 'collections.list') return { ok: true, data: [] };
    if (route === 'smartCollections.list') return { ok: true, data: [] };
    if (route === 'smartCollections.create') return { ok: true, data: { id: `s-${input.name}`, name: input.name, query: input.query, count: 0, capped: false, createdAt: 0 } };
    return { ok: true, data: {} };
  });
  (globalThis as unknown as { window: unknown }).window = { atelier: { invoke, on: () => () => {} } };
  return { all, searches, invoke };
}

/** Each test gets its own store and page cache: nothing is shared between tests. */
async function freshStore() {
  return { useLibraryStore: createLibraryStore(), PAGE_SIZE, assetAt };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
async function idle(): Promise<void> {
  for (let i = 0; i < 10; i++) await settle();
}

describe('library store: a paged window onto main', () => {
  beforeEach(() => vi.useRealTimers());

  it('loads the first page and counts the whole library', async () => {
    const main = fakeMain(1000);
    const { useLibraryStore, PAGE_SIZE } = await freshStore();
    await useLibraryStore.getState().load();
    await idle();
    const s = useLibraryStore.getState();
    expect(s.count).toBe(1000);
    expect(s.pages[0]).toHaveLength(PAGE_SIZE);
    expect(main.searches[0]).toMatchObject({ offset: 0, limit: PAGE_SIZE, sort: 'newest', trashed: false });
  });

  it('fetches only the pages on screen when the grid scrolls far down', async () => {
    const main = fakeMain(250_000);
    const { useLibraryStore, PAGE_SIZE, assetAt } = await freshStore();
    await useLibraryStore.getState().load();
    await idle();
    useLibraryStore.getState().showRange(200_000, 200_060);
    await idle();
    const page = Math.floor(200_000 / PAGE_SIZE);
    expect(main.searches.map((q) => q.offset)).toEqual([0, page * PAGE_SIZE]);
    expect(assetAt(useLibraryStore.getState().pages, 200_010)?.id).toBe(main.all[200_010]!.id);
  });

  it('grows past a capped count while full pages keep coming', async () => {
    fakeMain(20_000, { cap: 10_000 });
    const { useLibraryStore, PAGE_SIZE } = await freshStore();
    await useLibraryStore.getState().load();
    await idle();
    expect(useLibraryStore.getState()).toMatchObject({ total: 10_000, capped: true });
    useLibraryStore.getState().showRange(9_950, 9_999);
    await idle();
    expect(useLibraryStore.getState().count).toBeGreaterThan(10_000);
    expect(useLibraryStore.getState().count % PAGE_SIZE).toBe(0);
  });

  it('a new search starts over and drops the old pages when its first page lands', async () => {
    const main = fakeMain(1000);
    const { useLibraryStore } = await freshStore();
    await useLibraryStore.getState().load();
    useLibraryStore.getState().showRange(600, 700);
    await idle();
    const before = useLibraryStore.getState().queryId;
    useLibraryStore.getState().setText('lighthouse');
    expect(useLibraryStore.getState().searching).toBe(true);
    await idle();
    const s = useLibraryStore.getState();
    expect(s.queryId).toBe(before + 1);
    expect(Object.keys(s.pages)).toEqual(['0']);
    expect(main.searches.at(-1)).toMatchObject({ text: 'lighthouse', offset: 0 });
  });

  it('selects a range from the anchor, toggles, and selects all that is loaded', async () => {
    const main = fakeMain(1000);
    const { useLibraryStore } = await freshStore();
    await useLibraryStore.getState().load();
    await idle();
    const st = useLibraryStore.getState;
    st().selectOnly(2, main.all[2]!.id);
    st().selectRange(5);
    expect([...st().selection]).toEqual(main.all.slice(2, 6).map((a) => a.id));
    st().toggleSelected(3, main.all[3]!.id);
    expect(st().selection.size).toBe(3);
    st().selectAllLoaded();
    expect(st().selection.size).toBe(300);
    st().clearSelection();
    expect(st().selection.size).toBe(0);
  });

  it('new images show on top at once and the pages below shift down', async () => {
    const main = fakeMain(700);
    const { useLibraryStore, PAGE_SIZE } = await freshStore();
    await useLibraryStore.getState().load();
    useLibraryStore.getState().showRange(0, 400);
    await idle();
    const fresh = { ...asset(9999), id: '11111111-1111-4111-8111-111111111111', createdAt: 2_000_000 };
    useLibraryStore.getState().addAssets([fresh]);
    const s = useLibraryStore.getState();
    expect(s.pages[0]![0]!.id).toBe(fresh.id);
    expect(s.pages[1]![0]!.id).toBe(main.all[PAGE_SIZE - 1]!.id);
    expect(s.count).toBe(701);
  });

  it('bulk actions larger than the contract allows go in slices', async () => {
    const main = fakeMain(10);
    const { useLibraryStore } = await freshStore();
    const ids = Array.from({ length: 12_000 }, (_, i) => asset(i).id);
    await useLibraryStore.getState().rate(ids, 3);
    const calls = main.invoke.mock.calls.filter(([route]) => route === 'library.update');
    expect(calls.map(([, input]) => (input as { ids: string[] }).ids.length)).toEqual([5000, 5000, 2000]);
  });
});

describe('Keep this search', () => {
  it('keeps the words in the search box, also before the pause in typing has searched them', async () => {
    const main = fakeMain(10);
    const { useLibraryStore } = await freshStore();
    await useLibraryStore.getState().load();
    await idle();
    useLibraryStore.getState().setText('lighthouse');
    // "at dusk" typed, the search for it not sent yet, and "Keep this search" clicked.
    useLibraryStore.getState().setTyped('lighthouse at dusk');
    await useLibraryStore.getState().saveSmartCollection('Dusk');
    const created = main.invoke.mock.calls.find(([route]) => route === 'smartCollections.create');
    expect(created?.[1]).toMatchObject({ name: 'Dusk', query: { text: 'lighthouse at dusk' } });
    // Searched (the pause came): nothing typed is pending, and the search's own words are kept.
    useLibraryStore.getState().setTyped(null);
    await useLibraryStore.getState().saveSmartCollection('Lighthouses');
    expect(main.invoke.mock.calls.filter(([route]) => route === 'smartCollections.create')[1]?.[1]).toMatchObject({ query: { text: 'lighthouse' } });
  });

  it('showing a smart collection takes over words still waiting for the pause in typing', async () => {
    fakeMain(10);
    const { useLibraryStore } = await freshStore();
    await useLibraryStore.getState().load();
    useLibraryStore.setState({ smartCollections: [{ id: 's1', name: 'Lighthouses', query: { text: 'lighthouse' }, count: 1, capped: false, createdAt: 0 }] });
    useLibraryStore.getState().setTyped('');
    useLibraryStore.getState().showSmartCollection('s1');
    expect(useLibraryStore.getState()).toMatchObject({ text: 'lighthouse', typed: null });
  });
});

describe('page cache (a plain class)', () => {
  function harness(n: number) {
    const all = Array.from({ length: n }, (_, i) => asset(i));
    const offsets: number[] = [];
    let state: PageState = { ...EMPTY_PAGES };
    const cache = new PageCache(
      async (offset, limit) => {
        offsets.push(offset);
        return { ok: true, data: { assets: all.slice(offset, offset + limit), total: n, capped: false } };
      },
      () => state,
      (update) => {
        state = { ...state, ...update(state) };
      },
    );
    return { cache, offsets, all, state: () => state };
  }

  it('two caches do not share their bookkeeping', async () => {
    const a = harness(1000);
    const b = harness(1000);
    a.cache.fill();
    await idle();
    b.cache.show(600, 700);
    await idle();
    expect(a.offsets).toEqual([0]);
    expect(b.offsets.sort((x, y) => x - y)).toEqual([0, 600]);
  });

  it('keeps the 48 pages nearest the screen, plus page 0 (it holds the count)', async () => {
    const h = harness(PAGE_SIZE * 60);
    for (let p = 0; p < 60; p++) {
      h.cache.show(p * PAGE_SIZE, p * PAGE_SIZE + 10);
      await idle();
    }
    const kept = Object.keys(h.state().pages).map(Number);
    expect(kept.length).toBe(49);
    expect(kept).toContain(0);
    expect(kept).toContain(59);
    expect(kept).not.toContain(1);
  });

  it('refetches the pages on screen after invalidate, and only those', async () => {
    const h = harness(2000);
    h.cache.show(0, 10);
    await idle();
    h.cache.show(900, 950);
    await idle();
    h.offsets.length = 0;
    h.cache.invalidate();
    await idle();
    expect(h.offsets.sort((x, y) => x - y)).toEqual([0, 900]);
  });
});

describe('library query', () => {
  it('turns the view and filters into a library.search query; "to" includes its whole day', () => {
    const q = toSearchQuery({
      view: 'favorites',
      text: '  kite ',
      sort: 'rating',
      filters: { ...NO_FILTERS, tiers: ['pro'], minRating: 3, hasGrounding: true, from: '2025-03-01', to: '2025-03-01' },
    });
    expect(q).toMatchObject({ text: 'kite', sort: 'rating', trashed: false, favorites: true, tiers: ['pro'], minRating: 3, hasGrounding: true });
    expect(q.to! - q.from!).toBe(new Date(2025, 2, 2).getTime() - new Date(2025, 2, 1).getTime());
    expect(toSearchQuery({ view: 'trash', text: '', sort: 'newest', filters: NO_FILTERS })).toEqual({ text: '', sort: 'newest', trashed: true });
  });
});

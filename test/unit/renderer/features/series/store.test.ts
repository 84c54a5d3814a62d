/** The Series room's store: what is generated is what was saved, and a saved series opens as it was. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Series } from '../../../../../shared/domain/series';
import { createSeriesStore } from '../../../../../renderer/src/features/series/store';
import { fail, fakeBridge, ok } from '../../support/fakeBridge';

const ID = '6f1c2a7e-3b7d-4c1e-9a55-0d6f3c2b1a90';

const stored = (over: Partial<Series> = {}): Series => ({
  id: ID,
  title: 'The tower',
  panels: ['Anna wakes up', 'Anna finds a map'].map((prompt) => ({ prompt, current: null, rolls: [] })),
  style: 'ink',
  aspectRatio: '4:3',
  imageSize: null,
  tier: 'pro',
  modelId: null,
  mode: 'chat',
  elements: [],
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

describe('series store', () => {
  let store: ReturnType<typeof createSeriesStore>;
  beforeEach(() => {
    store = createSeriesStore();
  });

  it('saves the draft (class, model, mode included) before asking main to generate it', async () => {
    const bridge = fakeBridge({ 'series.save': (d: unknown) => ok(stored({ ...(d as object), panels: [] } as never)), 'series.generate': ok(stored()), 'series.list': ok({ series: [] }) });
    const s = store.getState();
    s.setTitle('The tower');
    s.setCount(2);
    s.setPanel(0, 'Anna wakes up');
    s.setPanel(1, 'Anna finds a map');
    s.setTier('pro');
    s.setMode('chat');
    await store.getState().generateAll();
    const routes = bridge.invoke.mock.calls.map((c) => c[0]);
    expect(routes.indexOf('series.save')).toBeLessThan(routes.indexOf('series.generate'));
    expect(bridge.invoke.mock.calls.find((c) => c[0] === 'series.save')![1]).toMatchObject({ title: 'The tower', panels: ['Anna wakes up', 'Anna finds a map'], tier: 'pro', mode: 'chat' });
    expect(bridge.invoke.mock.calls.find((c) => c[0] === 'series.generate')![1]).toEqual({ id: ID });
    expect(store.getState().id).toBe(ID);
  });

  it('asks for the empty panel by number and sends nothing', async () => {
    const bridge = fakeBridge();
    store.getState().setPanel(0, 'Anna wakes up');
    await store.getState().generateAll();
    expect(store.getState().error).toBe('Write panel 2 first.');
    expect(bridge.invoke).not.toHaveBeenCalled();
  });

  it('opens a saved series with its words and choices, and shows main’s refusal as a sentence', async () => {
    fakeBridge({ 'series.get': ok(stored()) });
    await store.getState().openSeries(ID);
    expect(store.getState()).toMatchObject({ id: ID, title: 'The tower', panels: ['Anna wakes up', 'Anna finds a map'], tier: 'pro', mode: 'chat', aspectRatio: '4:3' });
    fakeBridge({ 'series.export': fail('bad_input', 'No panel has a picture yet; generate the series first.') });
    await store.getState().exportSeries();
    expect(store.getState().error).toBe('No panel has a picture yet; generate the series first.');
  });
});

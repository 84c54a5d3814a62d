// @vitest-environment happy-dom
/** The compare store, built fresh per test: a started comparison is current, events keep it, a vote is main's copy. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Comparison } from '../../../../../shared/ipc/contract';
import { createCompareStore } from '../../../../../renderer/src/features/compare/store';
import { fail, fakeBridge, ok } from '../../support/fakeBridge';

const comparison = (o: Partial<Comparison> = {}): Comparison => ({ id: 'c1', prompt: 'a heron at dawn', state: 'running', vote: null, ...o }) as unknown as Comparison;

beforeEach(() => localStorage.clear());

describe('compare store', () => {
  it('a started comparison becomes the current one; a refusal stays, in words', async () => {
    fakeBridge({ 'compare.start': ok(comparison()) });
    const store = createCompareStore();
    store.getState().setDraft({ prompt: 'a heron at dawn' });
    expect(await store.getState().startDraft()).toBe(true);
    expect(store.getState()).toMatchObject({ currentId: 'c1', busy: false, error: null });
    expect(store.getState().byId.c1).toMatchObject({ prompt: 'a heron at dawn' });

    fakeBridge({ 'compare.start': fail('budget', 'This would go over your monthly budget.') });
    expect(await store.getState().startDraft()).toBe(false);
    expect(store.getState().error).toBe('This would go over your monthly budget.');
  });

  it('events update the comparison, and a vote keeps main’s copy', async () => {
    const voted = comparison({ state: 'done', vote: { kind: 'winner', winner: 1, at: 5 } } as Partial<Comparison>);
    fakeBridge({ 'compare.start': ok(comparison()), 'compare.vote': ok(voted) });
    const store = createCompareStore();
    await store.getState().start(store.getState().draftInput());
    store.getState().apply(comparison({ state: 'done' }));
    expect(store.getState().byId.c1!.state).toBe('done');
    await store.getState().vote('winner', 1);
    expect(store.getState().byId.c1).toEqual(voted);
  });

  it('"Next prompt" empties the prompt, keeps the ratio, and asks the box for focus', () => {
    fakeBridge();
    const store = createCompareStore();
    store.getState().setDraft({ prompt: 'a fox', aspectRatio: '16:9' });
    const before = store.getState().focusRequest;
    store.getState().nextPrompt();
    expect(store.getState().draft).toMatchObject({ prompt: '', aspectRatio: '16:9' });
    expect(store.getState().focusRequest).toBe(before + 1);
  });

  it('remembers which comparison each image was in, and the collections to filter by', async () => {
    fakeBridge({ 'compare.forAsset': (input: unknown) => ok((input as { assetId: string }).assetId === 'a1' ? { id: 'c1', prompt: 'p', outcome: 'won' } : null), 'collections.list': ok([{ id: 'k1', name: 'Birds', count: 3 }]) });
    const store = createCompareStore();
    await store.getState().loadComparedIn('a1');
    await store.getState().loadComparedIn('a2');
    expect(store.getState().comparedIn).toEqual({ a1: { id: 'c1', prompt: 'p', outcome: 'won' }, a2: null });
    await store.getState().loadCollections();
    expect(store.getState().collections).toEqual([{ id: 'k1', name: 'Birds' }]);
  });
});

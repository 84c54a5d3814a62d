// @vitest-environment happy-dom
/** The Compare draft lives in the store: Ctrl+Enter (the app's keymap) starts it from there. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCompareStore, useComparePrefs } from '../../../../../renderer/src/features/compare/store';

/** The preferences as a first start has them. */
const defaultPrefs = useComparePrefs.getState();

let invoke: ReturnType<typeof vi.fn>;

async function freshStore() {
  invoke = vi.fn(async (route: string, input: { prompt?: string }) => ({ ok: true, data: route === 'compare.start' ? { id: 'c1', prompt: input.prompt } : [] }));
  // happy-dom gives the persisted preferences a localStorage; the bridge is the test's.
  localStorage.clear();
  (window as unknown as { atelier: unknown }).atelier = { invoke, on: () => () => {} };
  useComparePrefs.setState(defaultPrefs, true);
  return { useCompareStore: createCompareStore(), useComparePrefs };
}

describe('compare draft', () => {
  beforeEach(() => vi.restoreAllMocks());

  it('an empty prompt is refused in words, and nothing is sent', async () => {
    const { useCompareStore } = await freshStore();
    expect(await useCompareStore.getState().startDraft()).toBe(false);
    expect(useCompareStore.getState().error).toBe('Write what every contender should draw first.');
    expect(invoke).not.toHaveBeenCalledWith('compare.start', expect.anything());
  });

  it('starts the draft with the remembered contenders and blind choice', async () => {
    const { useCompareStore, useComparePrefs } = await freshStore();
    useComparePrefs.getState().setBlind(true);
    useCompareStore.getState().setDraft({ prompt: '  a heron at dawn ', aspectRatio: '16:9' });
    expect(await useCompareStore.getState().startDraft()).toBe(true);
    // The remembered contenders go out fitted to their models (./fit.ts): the same rows, by tier and size.
    const remembered = useComparePrefs.getState().contenders.map((c) => expect.objectContaining({ tier: c.tier, imageSize: c.imageSize }));
    expect(invoke).toHaveBeenCalledWith('compare.start', expect.objectContaining({ prompt: '  a heron at dawn ', aspectRatio: '16:9', blind: true, contenders: remembered }));
    expect(useCompareStore.getState().currentId).toBe('c1');
  });

  it('"Next prompt" leaves the comparison for an empty prompt that asks for focus, keeping the ratio', async () => {
    const { useCompareStore } = await freshStore();
    useCompareStore.getState().setDraft({ prompt: 'a heron', aspectRatio: '3:2' });
    await useCompareStore.getState().startDraft();
    const before = useCompareStore.getState().focusRequest;
    useCompareStore.getState().nextPrompt();
    const s = useCompareStore.getState();
    expect(s.currentId).toBeNull();
    expect(s.draft).toEqual({ prompt: '', aspectRatio: '3:2' });
    expect(s.focusRequest).toBe(before + 1);
  });
});

describe('an @Element in the compare prompt', () => {
  const anna = { id: '00000000-0000-4000-8000-0000000000a1', name: 'Anna', kind: 'person' as const, assetIds: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'] };
  const ink = { id: '00000000-0000-4000-8000-0000000000a2', name: 'Ink wash', kind: 'style' as const, assetIds: ['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'] };

  it('sends its images as references of its kind, once each, and names it', async () => {
    const { useCompareStore } = await freshStore();
    useCompareStore.getState().setDraft({ prompt: '@Anna in @Ink wash ' });
    useCompareStore.getState().addElement(anna);
    useCompareStore.getState().addElement(ink);
    expect(await useCompareStore.getState().startDraft()).toBe(true);
    expect(invoke).toHaveBeenCalledWith(
      'compare.start',
      expect.objectContaining({
        references: [
          { assetId: anna.assetIds[0], kind: 'person' },
          { assetId: anna.assetIds[1], kind: 'person' },
          { assetId: ink.assetIds[1], kind: 'object' },
        ],
        elements: [
          { id: anna.id, name: 'Anna' },
          { id: ink.id, name: 'Ink wash' },
        ],
      }),
    );
  });

  it('drops an Element whose @Name left the prompt, and a removed chip takes its @Name along', async () => {
    const { useCompareStore } = await freshStore();
    useCompareStore.getState().setDraft({ prompt: '@Anna in @Ink wash ' });
    useCompareStore.getState().addElement(anna);
    useCompareStore.getState().addElement(ink);
    useCompareStore.getState().setDraft({ prompt: '@Anna in watercolour' });
    expect(useCompareStore.getState().draft.elements?.map((e) => e.name)).toEqual(['Anna']);
    useCompareStore.getState().removeElement(anna.id);
    expect(useCompareStore.getState().draft).toMatchObject({ prompt: 'in watercolour', elements: [] });
    await useCompareStore.getState().startDraft();
    const sent = invoke.mock.calls.find(([route]) => route === 'compare.start')![1] as { references: unknown[]; elements?: unknown };
    expect(sent.references).toEqual([]);
    expect(sent.elements).toBeUndefined();
  });
});

/** The batch form's model choices: fitted by the shared policy, read from the one models catalog. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatchStore } from '../../../../../renderer/src/features/batch/store';
import { createJobCache } from '../../../../../renderer/src/lib/jobCache';
import { useModelsStore } from '../../../../../renderer/src/lib/models';
import type { Models } from '../../../../../shared/ipc/contract';
import { capabilitiesFor, FALLBACK_MODEL_FOR_TIER } from '../../../../../shared/models/catalogue';

const invoke = vi.fn(async (route: string, _input?: unknown) => ({ ok: true, data: route === 'batch.submit' ? { id: 'j', kind: 'batch', createdAt: 1, revision: 1 } : [] }));

const noCatalog = useModelsStore.getState();

/** A fresh batch store over the built-in catalog (no models loaded from main). */
async function fresh() {
  (globalThis as unknown as { window: unknown }).window = { atelier: { invoke, on: () => () => {} } };
  useModelsStore.setState(noCatalog, true);
  const store = createBatchStore(createJobCache());
  return { batch: { useBatchStore: store }, models: { useModelsStore } };
}

describe('batch store: model knobs', () => {
  beforeEach(() => invoke.mockClear());

  it('starts on Auto and sends it as Auto', async () => {
    const { batch } = await fresh();
    expect(batch.useBatchStore.getState().aspectRatio).toBeNull();
    batch.useBatchStore.getState().setText('a lighthouse');
    await batch.useBatchStore.getState().submit();
    expect(invoke).toHaveBeenCalledWith('batch.submit', expect.objectContaining({ aspectRatio: null, tier: 'flash' }));
  });

  it('a tier switch moves a ratio the model refuses to the nearest it takes, and says so', async () => {
    const { batch } = await fresh();
    const s = batch.useBatchStore.getState();
    s.setAspectRatio('1:8');
    s.setTier('pro');
    expect(batch.useBatchStore.getState()).toMatchObject({ tier: 'pro', aspectRatio: '9:16' });
    expect(batch.useBatchStore.getState().knobNotice).toBe(`Changed for ${capabilitiesFor(FALLBACK_MODEL_FOR_TIER.pro).displayName}: the ratio 1:8 became 9:16.`);
  });

  it('keeps no models of its own: a new catalog in lib/models refits it', async () => {
    const { batch, models } = await fresh();
    expect(Object.keys(batch.useBatchStore.getState())).not.toContain('models');
    batch.useBatchStore.getState().setAspectRatio('8:1');
    // The catalog now resolves Flash to a model that takes only the common ratios.
    const { prices: _p, imageTokens: _t, lifecycle: _l, ...caps } = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.pro);
    const catalog = {
      models: [{ id: 'gemini-new-flash', displayName: 'New', tier: 'flash', capabilities: { ...caps, id: 'gemini-new-flash', tier: 'flash' } }],
      tiers: { flash: 'gemini-new-flash', pro: FALLBACK_MODEL_FOR_TIER.pro, lite: FALLBACK_MODEL_FOR_TIER.lite },
      gone: [],
    } as unknown as Models;
    models.useModelsStore.getState().setModels(catalog);
    batch.useBatchStore.getState().applyModels();
    expect(batch.useBatchStore.getState().aspectRatio).toBe('21:9');
  });
});

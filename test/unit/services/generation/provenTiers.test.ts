/**
 * Issue 17 §3: "an unknown model gets Standard only until a call proves otherwise". The proof is
 * the `x-gemini-service-tier` header of a real answer (the fake's, through the real SDK): a tier
 * the table did not list for the model is kept in the database and offered from then on.
 */
import { describe, expect, it } from 'vitest';
import type { Job, Models } from '../../../../shared/ipc/contract';
import { gemini25Flash, unknownImageModels } from '../../../fake-gemini/models';
import { atelierFixture } from '../../../support/atelierFixture';
import { tempDir } from '../../../support/tmp';

const fx = atelierFixture({ key: 'AIzaProvenTiersKey0000000000000000000000', fake: true });
const NEW_MODEL = 'gemini-nano-banana-3';
const tiersOf = (models: Models, id: string) => models.models.find((m) => m.id === id)?.capabilities.serviceTiers;

async function start(userDataDir: string) {
  const s = await fx.start({ userDataDir });
  const updates: Models[] = [];
  s.atelier.events.onAny((e, p) => e === 'models.updated' && updates.push(p as Models));
  const run = async (extra: Record<string, unknown> = {}) => {
    const job = await s.generate({ prompt: 'a paper lantern', modelId: NEW_MODEL, ...extra });
    await s.atelier.queue.whenIdle();
    return s.atelier.queue.get(job.id) as Job;
  };
  return { ...s, updates, run };
}

describe('service tiers proven by an answer', () => {
  it('an unknown model gains Flex once an answer says Flex served it, and keeps it after a restart', async () => {
    fx.fake.setModels([gemini25Flash(), ...unknownImageModels()]);
    const dir = tempDir();
    const s = await start(dir);
    const listed = await s.call<Models>('models.list', { refresh: true });
    expect(tiersOf(listed, NEW_MODEL)).toEqual(['standard']);
    const refused = await s.tryCall('generate.start', { prompt: 'a lantern', tier: 'flash', modelId: NEW_MODEL, aspectRatio: '1:1', serviceTier: 'flex' });
    expect(refused).toMatchObject({ ok: false, code: 'unsupported', message: expect.stringContaining('cannot run at Economy') });

    // A Standard answer proves nothing new.
    expect(await s.run()).toMatchObject({ state: 'succeeded', servedTier: 'standard' });
    expect(s.updates).toEqual([]);

    fx.fake.tiers.serveAs = 'flex';
    expect(await s.run()).toMatchObject({ state: 'succeeded', servedTier: 'flex' });
    expect(tiersOf(s.updates.at(-1)!, NEW_MODEL)).toEqual(['standard', 'flex']);
    expect(tiersOf(await s.call<Models>('models.list'), NEW_MODEL)).toEqual(['standard', 'flex']);
    // The other unknown model proved nothing.
    expect(s.updates.at(-1)!.models.find((m) => m.id === 'gemini-nano-banana-3-pro')?.capabilities.serviceTiers).toEqual(['standard']);
    await s.stop();

    fx.fake.tiers.serveAs = null;
    const again = await start(dir);
    expect(tiersOf(await again.call<Models>('models.list'), NEW_MODEL)).toEqual(['standard', 'flex']);
    const economy = await again.run({ serviceTier: 'flex' });
    expect(economy).toMatchObject({ state: 'succeeded', servedTier: 'flex' });
    expect(fx.fake.requests.filter((r) => /enerateContent/.test(r.action ?? '')).at(-1)?.serviceTier).toBe('flex');
  });
});

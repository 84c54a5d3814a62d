/**
 * Issue 17 §3, the bill: a result costs what the tier that served it costs (Flex half, Priority
 * up to double, Standard in full), read from the header the fake sends; Usage says what Flex and
 * Batch saved; Priority is refused until the user says the project qualifies. The whole app
 * (createAtelier) against the fake.
 */
import { describe, expect, it } from 'vitest';
import type { Job, UsageSummary } from '../../../../shared/ipc/contract';
import { capabilitiesFor } from '../../../../shared/models/catalogue';
import { estimateCost } from '../../../../shared/models/pricing';
import { atelierFixture } from '../../../support/atelierFixture';

const fx = atelierFixture({ key: 'AIzaServiceTierCostKey00000000000000000', fake: true, options: { batchPollMs: 20 } });
const FLASH = 'gemini-nano-banana-2.1';

async function run(s: Awaited<ReturnType<typeof fx.start>>, extra: Record<string, unknown>): Promise<Job> {
  const job = await s.generate({ prompt: 'a paper boat', modelId: FLASH, ...extra });
  await s.atelier.queue.whenIdle();
  return s.atelier.queue.get(job.id);
}

describe('cost from the served tier', () => {
  it('an Economy job served at Flex costs half of Standard, shows "flex", and Usage counts the other half as saved', async () => {
    const s = await fx.start();
    const standard = await run(s, {});
    const economy = await run(s, { serviceTier: 'flex' });
    expect(standard.servedTier).toBe('standard');
    expect(economy.servedTier).toBe('flex');
    expect(economy.usage).toEqual(standard.usage);
    const full = estimateCost(capabilitiesFor(FLASH), economy.usage!);
    expect(standard.costUsd).toBeCloseTo(full, 10);
    expect(economy.costUsd).toBeCloseTo(full / 2, 10);
    const usage = await s.call<UsageSummary>('usage.summary', {});
    expect(usage.savedUsd?.flex).toBeCloseTo(full / 2, 10);
    expect(usage.savedUsd?.batch).toBe(0);
  });

  it('Usage counts what a batch saved', async () => {
    const s = await fx.start();
    const batch = await s.call<Job>('batch.submit', { prompts: ['a red kite'], tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'IMAGE', grounding: false, includeThoughts: false });
    await expect.poll(() => s.atelier.queue.get(batch.id).state, { timeout: 10_000 }).toBe('succeeded');
    const usage = await s.call<UsageSummary>('usage.summary', {});
    expect(usage.savedUsd?.batch).toBeGreaterThan(0);
    expect(usage.savedUsd?.batch).toBeCloseTo(s.atelier.queue.get(batch.id).costUsd!, 10);
  });

  it('Priority is refused until Settings says the project qualifies, then billed by what served it', async () => {
    const s = await fx.start();
    const refused = await s.tryCall('generate.start', { prompt: 'urgent', tier: 'flash', modelId: FLASH, aspectRatio: '1:1', serviceTier: 'priority' });
    expect(refused).toMatchObject({ ok: false, code: 'unsupported' });
    expect(refused.ok === false && refused.message).toMatch(/Tier 2 or 3.*Settings/);
    expect(fx.fake.requests.filter((r) => r.action?.includes('enerateContent'))).toHaveLength(0);

    await s.call('settings.update', { priorityAllowed: true });
    const priority = await run(s, { serviceTier: 'priority' });
    const full = estimateCost(capabilitiesFor(FLASH), priority.usage!);
    expect(priority.servedTier).toBe('priority');
    expect(priority.costUsd).toBeCloseTo(full * 2, 10);

    // Over the Priority limit Google serves Standard and says so: billed at Standard.
    fx.fake.tiers.downgradePriority = true;
    const downgraded = await run(s, { serviceTier: 'priority' });
    expect(downgraded.servedTier).toBe('standard');
    expect(downgraded.costUsd).toBeCloseTo(estimateCost(capabilitiesFor(FLASH), downgraded.usage!), 10);
  });

  it('Lite is never sent Flex: main refuses it with a sentence before anything goes out', async () => {
    const s = await fx.start();
    const res = await s.tryCall('generate.start', { prompt: 'cheap', tier: 'lite', aspectRatio: '1:1', serviceTier: 'flex' });
    expect(res).toMatchObject({ ok: false, code: 'unsupported' });
    expect(res.ok === false && res.message).toMatch(/Economy \(Flex\)/);
    expect(fx.fake.requests.filter((r) => r.action?.includes('enerateContent'))).toHaveLength(0);
  });

  it('a set of variations runs on Flex: every job of the set is sent as Flex', async () => {
    const s = await fx.start();
    const set = await s.call<{ jobs: Job[] }>('generate.startSet', { prompt: 'three paper boats', tier: 'flash', modelId: FLASH, aspectRatio: '1:1', serviceTier: 'flex', count: 3 });
    await s.atelier.queue.whenIdle();
    expect(fx.fake.requests.filter((r) => r.action?.includes('enerateContent')).map((r) => r.serviceTier)).toEqual(['flex', 'flex', 'flex']);
    expect(set.jobs.map((j) => s.atelier.queue.get(j.id).servedTier)).toEqual(['flex', 'flex', 'flex']);
  });

  it('a comparison runs on Flex, and one with a contender that has no Flex (Lite) is refused before anything is sent', async () => {
    const s = await fx.start();
    const refused = await s.tryCall('compare.start', { prompt: 'a kite', aspectRatio: '1:1', serviceTier: 'flex', contenders: [{ tier: 'flash' }, { tier: 'lite' }] });
    expect(refused).toMatchObject({ ok: false, code: 'unsupported' });
    expect(refused.ok === false && refused.message).toMatch(/Contender 2.*Economy \(Flex\)/);
    expect(fx.fake.requests.filter((r) => r.action?.includes('enerateContent'))).toHaveLength(0);

    const c = await s.call<{ id: string }>('compare.start', { prompt: 'a kite', aspectRatio: '1:1', serviceTier: 'flex', contenders: [{ tier: 'flash' }, { tier: 'pro' }] });
    await expect.poll(async () => (await s.call<{ state: string }>('compare.get', { id: c.id })).state, { timeout: 10_000 }).toBe('done');
    expect(fx.fake.requests.filter((r) => r.action?.includes('enerateContent')).map((r) => r.serviceTier)).toEqual(['flex', 'flex']);
  });
});

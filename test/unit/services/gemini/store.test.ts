/**
 * Google keeps generateContent, streamGenerateContent and batch requests in its logs unless a
 * request says `store: false` (projects created from 2026-10-26 on). Every path that sends a
 * prompt is driven here through the real SDK to the fake, which records the flag it received.
 */
import { describe, expect, it } from 'vitest';
import type { Comparison, Job } from '../../../../shared/ipc/contract';
import type { RecordedRequest } from '../../../fake-gemini/types';
import { atelierFixture } from '../../../support/atelierFixture';

const fx = atelierFixture({ key: 'AIzaStoreTestKey00000000000000000000000', fake: true, options: { batchPollMs: 20 } });
const GENERATIVE = new Set(['generateContent', 'streamGenerateContent', 'batchGenerateContent']);

type Started = Awaited<ReturnType<typeof fx.start>>;

/** Sends one of each kind of call (streamed, unstreamed, chat twice, compare, batch) and returns what the fake received. */
async function everyPath({ atelier, call, generate }: Started): Promise<RecordedRequest[]> {
  const before = fx.fake.requests.length;
  await call('settings.update', { streaming: true });
  await generate({ prompt: 'a streamed lantern' });
  await atelier.queue.whenIdle();
  await call('settings.update', { streaming: false });
  await generate({ prompt: 'an unstreamed lantern' });
  await atelier.queue.whenIdle();

  const conv = await call<{ id: string }>('chat.create', { tier: 'flash' });
  await call<Job>('chat.send', { conversationId: conv.id, prompt: 'a lighthouse', aspectRatio: null, imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] });
  await atelier.queue.whenIdle();
  await call<Job>('chat.send', { conversationId: conv.id, prompt: 'at night', aspectRatio: null, imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] });
  await atelier.queue.whenIdle();

  const c = await call<Comparison>('compare.start', { prompt: 'a kite', aspectRatio: '1:1', contenders: [{ tier: 'flash' }, { tier: 'pro' }] });
  await expect.poll(async () => (await call<Comparison>('compare.get', { id: c.id })).state, { timeout: 10_000 }).toBe('done');

  const batch = await call<Job>('batch.submit', { prompts: ['a red kite', 'a blue lagoon'], tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'IMAGE', grounding: false, includeThoughts: false });
  await expect.poll(() => atelier.queue.get(batch.id).state, { timeout: 10_000 }).toBe('succeeded');

  const sent = fx.fake.requests.slice(before).filter((r) => GENERATIVE.has(r.action ?? ''));
  // Every kind of call was made, so a path that forgot the flag could not hide.
  expect(new Set(sent.map((r) => r.action))).toEqual(GENERATIVE);
  expect(sent.length).toBeGreaterThanOrEqual(7);
  return sent;
}

function expectStore(sent: RecordedRequest[], store: boolean): void {
  for (const r of sent) expect({ action: r.action, store: r.store }).toEqual({ action: r.action, store: r.action === 'batchGenerateContent' ? [store, store] : [store] });
}

describe('store: false', () => {
  it('goes with every call that carries a prompt: generate (streamed and not), chat, compare and batch', async () => {
    const s = await fx.start();
    expect((await s.call<{ letGoogleKeepRequests: boolean }>('settings.get', {})).letGoogleKeepRequests).toBe(false);
    expectStore(await everyPath(s), false);
  });

  it('"Let Google keep my requests" on sends store: true on every path, and off again sends store: false', async () => {
    const s = await fx.start();
    await s.call('settings.update', { letGoogleKeepRequests: true });
    expectStore(await everyPath(s), true);
    await s.call('settings.update', { letGoogleKeepRequests: false });
    expectStore(await everyPath(s), false);
  });

  it('a job queued before the switch changed is sent with the value at send time', async () => {
    const { atelier, call, generate } = await fx.start();
    await call('queue.pause', {});
    const job = await generate({ prompt: 'queued while the switch was off' });
    expect(atelier.queue.get(job.id).state).toBe('queued');
    await call('settings.update', { letGoogleKeepRequests: true });
    await call('queue.resume', {});
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(job.id).state).toBe('succeeded');
    expect(fx.fake.requests.filter((r) => GENERATIVE.has(r.action ?? '')).map((r) => r.store)).toEqual([[true]]);
  });
});

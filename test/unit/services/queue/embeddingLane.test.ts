/**
 * Search by meaning's calls go through the queue's request lane (JobQueue.request): the same
 * rate limiter as generation, 429s waited out, offline spells waited for. Driven through the
 * real SDK to the fake's embedContent / batchEmbedContents.
 */
import { describe, expect, it } from 'vitest';
import type { MeaningStatus, QueueStatus } from '../../../../shared/ipc/contract';
import { atelierFixture, type Session } from '../../../support/atelierFixture';
import { pngOf } from '../../../support/images';
import { closedPort } from '../../../support/tmp';

const fx = atelierFixture({ key: 'AIzaLaneTestKey000000000000000000000000', fake: true });
const EMBED = new Set(['embedContent', 'batchEmbedContents']);
const embedCalls = () => fx.fake.requests.filter((r) => EMBED.has(r.action ?? ''));

async function withPictures(s: Session, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await s.atelier.library.importImage(`photo-${i}.png`, await pngOf(24 + i, 24, [40 * i, 90, 200 - 30 * i]));
}

const status = (s: Session) => s.call<MeaningStatus>('meaning.status', {});

describe('embeddings through the queue', () => {
  it('a 429 on an embedding call is waited out (its RetryInfo delay) and the call retried, not the backfill stopped', async () => {
    const s = await fx.start();
    await withPictures(s, 3);
    fx.fake.enqueue({ kind: 'error', status: 429, retryDelaySeconds: 0.4, model: 'gemini-embedding-2' });
    await s.call('settings.update', { searchByMeaning: true });
    await expect.poll(async () => (await status(s)).embedded, { timeout: 10_000 }).toBe(3);
    expect(await status(s)).toMatchObject({ enabled: true, state: 'idle', message: null });
    const calls = embedCalls();
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    // Not retried before the server's delay had passed.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(390);
    // The embedding model's limiter heard the 429: it lowered its rate as for a generation model.
    const model = (await s.call<QueueStatus>('queue.status', {})).models.find((m) => m.modelId === 'gemini-embedding-2');
    expect(model).toBeDefined();
    expect(model!.effectiveRpm).toBeLessThan(model!.configuredRpm);
  });

  it('offline, the embedding backfill waits for the connection (the queue says offline) instead of stopping', async () => {
    // Nothing listens at this address: every call fails to connect, as with the network down.
    const s = await fx.start({ env: { GEMINI_API_KEY: 'AIzaLaneTestKey000000000000000000000000', GEMINI_BASE_URL: `http://127.0.0.1:${await closedPort()}` } });
    await withPictures(s, 2);
    await s.call('settings.update', { searchByMeaning: true });
    await expect.poll(async () => (await s.call<QueueStatus>('queue.status', {})).offline, { timeout: 5_000 }).toBe(true);
    // Paused, not stopped: it goes on by itself once a probe gets through.
    expect(await status(s)).toMatchObject({ state: 'running', message: null, embedded: 0 });
    // A search does not wait for the connection: the library shows word matches and says why.
    expect(await s.call('meaning.search', { text: 'lighthouse' })).toEqual({ hits: [], offline: true });
  });

  it("the rate limiter's count includes embedding calls: past the minute's requests, the next search waits for the window", async () => {
    const s = await fx.start({ tuning: { queueWindowMs: 700 } });
    await s.call('settings.update', { searchByMeaning: true, quotas: { flash: { requestsPerMinute: 1, imagesPerMinute: null, requestsPerDay: null } } });
    await s.call('meaning.search', { text: 'lighthouse' });
    const first = (await s.call<QueueStatus>('queue.status', {})).models.find((m) => m.modelId === 'gemini-embedding-2');
    expect(first?.usedInLastMinute).toBe(1);
    await s.call('meaning.search', { text: 'a red kite' });
    const [a, b] = embedCalls();
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(600);
  });
});

/**
 * The background backfill over an existing library (fingerprints) starts from the app's start-up
 * only (`startBackfill`), so test suites that build an Atelier do not pay for it.
 */
import { describe, expect, it } from 'vitest';
import type { FingerprintProgress } from '../../../../shared/domain';
import { atelierFixture, type Session } from '../../../support/atelierFixture';
import { pngOf } from '../../../support/images';

const fx = atelierFixture();

/** A library whose pictures were stored without fingerprints (as before issue 19). */
async function libraryWithoutFingerprints(): Promise<string> {
  const s = await fx.start();
  for (let i = 0; i < 3; i++) await s.atelier.library.importImage(`old-${i}.png`, await pngOf(20 + i, 20, [60 * i, 40, 90]));
  await s.stop();
  return s.userDataDir;
}

const progress = (s: Session) => s.call<FingerprintProgress>('duplicates.backfill', { action: 'status' });

describe('backfill start', () => {
  it('createAtelier without startBackfill leaves an old library alone; with it, the backfill runs to the end', async () => {
    const dir = await libraryWithoutFingerprints();
    const quiet = await fx.start({ userDataDir: dir });
    expect(await progress(quiet)).toEqual({ done: 0, total: 3, state: 'idle' });
    await quiet.stop();

    const app = await fx.start({ userDataDir: dir, tuning: { startBackfill: true } });
    await expect.poll(async () => (await progress(app)).done, { timeout: 10_000 }).toBe(3);
  });
});

/** Thumbnails off the job's hot path: background fill behind a busy queue, on-demand de-duplication, dispose. */
import fs from 'node:fs';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentStore, THUMB_EDGE, type StoredImage } from '../../../../electron/services/library/ContentStore';
import { Thumbnailer } from '../../../../electron/services/library/Thumbnailer';
import { FakeClock } from '../../../support/fakeClock';
import { pngOf } from '../../../support/images';
import { tempDir } from '../../../support/tmp';
import { inProcessImages } from '../../../../electron/services/images/work';

const dirs: string[] = [];
const open: Thumbnailer[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

async function setup(n: number) {
  const root = tempDir();
  dirs.push(root);
  const store = new ContentStore(root, inProcessImages);
  const images: StoredImage[] = [];
  for (let i = 0; i < n; i++) images.push(await store.put(await pngOf(400 + i, 300, [i * 40, 90, 160]), { thumbnail: false }));
  let busy = 0;
  const clock = new FakeClock();
  const thumbnailer = new Thumbnailer(store, { busyFor: () => busy, clock });
  open.push(thumbnailer);
  const made = () => images.filter((i) => fs.existsSync(store.thumbPath(i.sha256))).length;
  return { store, images, clock, thumbnailer, made, setBusy: (ms: number) => (busy = ms) };
}

describe('Thumbnailer', () => {
  it('fills thumbnails in the background once the queue is quiet, one at a time', async () => {
    const { store, images, clock, thumbnailer, made, setBusy } = await setup(3);
    const calls = vi.spyOn(store, 'ensureThumb');
    setBusy(250);
    thumbnailer.later(images);
    // Busy: nothing is decoded, it only looks again later.
    expect(calls).not.toHaveBeenCalled();
    expect(thumbnailer.waiting).toBe(3);
    expect(clock.pending).toBe(1);
    await clock.advance(250); // still busy: another look later
    expect(calls).not.toHaveBeenCalled();
    expect(clock.pending).toBe(1);

    setBusy(0);
    await clock.advance(250);
    expect(calls).toHaveBeenCalledTimes(1); // one at a time: the next waits for this one
    await thumbnailer.whenIdle();
    expect(calls).toHaveBeenCalledTimes(3);
    expect(made()).toBe(3);
    expect(thumbnailer.waiting).toBe(0);
    const meta = await sharp(store.thumbPath(images[0]!.sha256)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', THUMB_EDGE, 240]);
  });

  it('makes a thumbnail asked for on demand at once, and once, however many ask', async () => {
    const { store, images, thumbnailer, made, setBusy } = await setup(2);
    const calls = vi.spyOn(store, 'ensureThumb');
    setBusy(1_000_000); // the queue never quiets down: on demand must not wait for it
    thumbnailer.later(images);
    const [a, b, c] = await Promise.all([
      thumbnailer.ensure(images[0]!.sha256, images[0]!.mime),
      thumbnailer.ensure(images[0]!.sha256, images[0]!.mime),
      thumbnailer.ensure(images[0]!.sha256, images[0]!.mime),
    ]);
    expect(new Set([a, b, c])).toEqual(new Set([store.thumbPath(images[0]!.sha256)]));
    expect(calls).toHaveBeenCalledTimes(1);
    // Asked for, so no longer waiting for the background; the other one still is.
    expect(thumbnailer.waiting).toBe(1);
    expect(made()).toBe(1);
  });

  it('shares the work when the window asks for a thumbnail the background is making', async () => {
    const { store, images, thumbnailer } = await setup(1);
    const calls = vi.spyOn(store, 'ensureThumb');
    thumbnailer.later(images); // quiet queue: starts now
    expect(calls).toHaveBeenCalledTimes(1);
    const path = await thumbnailer.ensure(images[0]!.sha256, images[0]!.mime);
    await thumbnailer.whenIdle();
    expect(calls).toHaveBeenCalledTimes(1);
    expect(fs.existsSync(path)).toBe(true);
    expect(fs.readdirSync(store.tmpDir)).toEqual([]);
  });

  it('dispose drops what waits, lets the thumbnail being made finish, and writes nothing after', async () => {
    const { store, images, clock, thumbnailer, made } = await setup(4);
    const calls = vi.spyOn(store, 'ensureThumb');
    thumbnailer.later(images); // the first starts at once, the others wait for it
    expect(calls).toHaveBeenCalledTimes(1);
    const idle = thumbnailer.whenIdle();
    await thumbnailer.dispose();
    await idle;
    // The one started is whole on disk; none of the others was begun.
    expect(made()).toBe(1);
    expect(fs.readdirSync(store.tmpDir)).toEqual([]);
    expect(thumbnailer.waiting).toBe(0);
    // Nothing left to fire, nothing taken any more.
    expect(clock.pending).toBe(0);
    thumbnailer.later(images);
    await expect(thumbnailer.ensure(images[1]!.sha256, images[1]!.mime)).rejects.toThrow(/closed/);
    await new Promise((r) => setImmediate(r)); // the turn on which a next thumbnail would have started
    expect(calls).toHaveBeenCalledTimes(1);
    expect(made()).toBe(1);
  });

  it('dispose while the queue holds the background back cancels its look-again timer', async () => {
    const { images, clock, thumbnailer, made, setBusy } = await setup(2);
    setBusy(250);
    thumbnailer.later(images);
    expect(clock.pending).toBe(1);
    await thumbnailer.dispose();
    expect(clock.pending).toBe(0);
    setBusy(0);
    await clock.advance(1_000);
    expect(made()).toBe(0);
    await thumbnailer.whenIdle();
  });

  it('does the work given to alsoAfter after each background thumbnail, not after an on-demand one; dispose waits for it', async () => {
    const { images, thumbnailer, made } = await setup(2);
    const after: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    thumbnailer.alsoAfter(async (sha256) => {
      after.push(sha256);
      await held;
    });
    await thumbnailer.ensure(images[1]!.sha256, images[1]!.mime);
    expect(after).toEqual([]);
    thumbnailer.later([images[0]!]);
    await vi.waitFor(() => expect(after).toEqual([images[0]!.sha256]));
    expect(made()).toBe(2);
    let disposed = false;
    const disposing = thumbnailer.dispose().then(() => (disposed = true));
    await Promise.resolve();
    expect(disposed).toBe(false);
    release();
    await disposing;
    expect(disposed).toBe(true);
  });
});

/**
 * The image helper process: its one protocol end to end (a real forked helper), and what main
 * does when the helper stops (a fake child and an injected clock, so restarts are counted, not waited for).
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { forkHelper, ImageHelper, ImageWorkError, isHelperStopped, type HelperChild } from '../../../../electron/services/images/ImageHelper';
import type { ImageReply, ImageRequest } from '../../../../electron/services/images/protocol';
import { FakeClock } from '../../../support/fakeClock';
import { pngOf } from '../../../support/images';
import { tempDir } from '../../../support/tmp';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('image helper protocol', () => {
  it('round trips a header, a thumbnail written to a path, bytes back, and a refusal, through a forked helper', async () => {
    const dir = tempDir();
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const helper = new ImageHelper();
    cleanup.push(() => helper.dispose());
    const png = await pngOf(640, 480, [10, 200, 30]);
    const original = path.join(dir, 'photo.png');
    fs.writeFileSync(original, png);

    expect(await helper.run('header', { source: { bytes: png } }, 'reading photo.png')).toMatchObject({ format: 'png', width: 640, height: 480, hasAlpha: false });
    const thumb = path.join(dir, 'thumb.webp');
    const made = await helper.run('thumbnail', { source: { path: original }, to: thumb }, 'making the thumbnail of photo.png');
    expect(made.bytes).toBe(fs.statSync(thumb).size);
    expect(await sharp(thumb).metadata()).toMatchObject({ format: 'webp', width: 320, height: 240 });
    const shrunk = await helper.run('shrink', { source: { path: original }, edge: 100 }, 'preparing photo.png');
    expect(await sharp(Buffer.from(shrunk.bytes)).metadata()).toMatchObject({ format: 'jpeg', width: 100, height: 75 });
    const cropped = await helper.run('applyOps', { source: { path: original }, ops: [{ op: 'crop', left: 10, top: 20, width: 30, height: 40 }] }, 'cropping photo.png');
    expect([cropped.mime, cropped.width, cropped.height]).toEqual(['image/png', 30, 40]);
    // A refusal from canvasOps keeps its code; a file that is no image fails as the work's own error.
    await expect(helper.run('applyOps', { source: { path: original }, ops: [{ op: 'crop', left: 600, top: 0, width: 100, height: 10 }] }, 'cropping photo.png')).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringContaining('goes past the 640×480 image') as string,
    });
    await expect(helper.run('header', { source: { bytes: Buffer.from('not an image') } }, 'reading notes.txt')).rejects.toBeInstanceOf(ImageWorkError);
    expect(helper.launches).toBe(1);
  });
});

describe('image helper in a utility process', () => {
  it("speaks Electron's parentPort: requests arrive as { data } and replies go through postMessage", async () => {
    const shim = path.join(__dirname, '../../../support/utilityProcessShim.ts');
    const helper = new ImageHelper({ launch: () => forkHelper(shim) });
    cleanup.push(() => helper.dispose());
    expect(await helper.run('header', { source: { bytes: await pngOf(12, 34) } }, 'reading a.png')).toMatchObject({ format: 'png', width: 12, height: 34 });
  });
});

/** A child process that answers nothing by itself: the test says when it is ready and when it dies. */
class FakeChild implements HelperChild {
  sent: ImageRequest[] = [];
  killed = false;
  private listeners: { message: Array<(m: ImageReply) => void>; exit: Array<(c: number | null) => void> } = { message: [], exit: [] };
  postMessage(m: ImageRequest): void {
    this.sent.push(m);
  }
  on(event: 'message' | 'exit', listener: (arg: never) => void): void {
    (this.listeners[event] as unknown[]).push(listener);
  }
  kill(): void {
    this.killed = true;
    this.die(null);
  }
  reply(m: ImageReply): void {
    for (const l of this.listeners.message) l(m);
  }
  die(code: number | null): void {
    for (const l of this.listeners.exit) l(code);
  }
}

describe('image helper restarts', () => {
  it('restarts at once after a first stop, then with doubling backoff on the injected clock, and at once again after a healthy stretch', async () => {
    const clock = new FakeClock();
    const children: FakeChild[] = [];
    const helper = new ImageHelper({
      clock,
      launch: () => {
        const c = new FakeChild();
        children.push(c);
        return c;
      },
      restart: { firstMs: 1000, maxMs: 4000, healthyAfterMs: 60_000 },
    });
    const header = () => helper.run('header', { source: { path: '/x/photo.png' } }, 'reading photo.png');

    const first = header();
    expect(children).toHaveLength(1);
    children[0]!.reply({ ready: true });
    expect(children[0]!.sent.map((r) => r.kind)).toEqual(['header']);
    children[0]!.die(134);
    const err = await first.catch((e: unknown) => e);
    expect(isHelperStopped(err)).toBe(true);
    expect((err as Error).message).toBe("Atelier's image helper stopped while reading photo.png; it has been restarted.");
    // Restarted at once, without waiting for new work.
    expect(children).toHaveLength(2);

    // Second stop in a row: the next helper waits 1 s, then 2 s, then at most 4 s.
    children[1]!.reply({ ready: true });
    children[1]!.die(134);
    expect(children).toHaveLength(2);
    const waiting = header();
    await clock.advance(999);
    expect(children).toHaveLength(2);
    await clock.advance(1);
    expect(children).toHaveLength(3);
    // The request made during the backoff was kept and is sent once the new helper is ready.
    children[2]!.reply({ ready: true });
    const sent = children[2]!.sent[0]!;
    children[2]!.reply({ id: sent.id, ok: true, output: { format: 'png', width: 1, height: 1, orientation: null, pages: null, hasAlpha: false } });
    expect(await waiting).toMatchObject({ format: 'png' });
    for (const [n, wait] of [[3, 2000], [4, 4000], [5, 4000]] as const) {
      children[n - 1]!.die(139);
      await clock.advance(wait - 1);
      expect(children).toHaveLength(n);
      await clock.advance(1);
      expect(children).toHaveLength(n + 1);
    }

    // A helper that ran a minute is healthy: its stop restarts at once.
    children[5]!.reply({ ready: true });
    await clock.advance(60_000);
    children[5]!.die(139);
    expect(children).toHaveLength(7);

    await helper.dispose();
    expect(children[6]!.killed).toBe(true);
    await expect(header()).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('fails what waited for a helper that stops before it is ready, instead of holding it for ever', async () => {
    const clock = new FakeClock();
    const children: FakeChild[] = [];
    const helper = new ImageHelper({ clock, launch: () => (children.push(new FakeChild()), children.at(-1)!) });
    cleanup.push(() => helper.dispose());
    const waiting = helper.run('header', { source: { path: '/x/a.png' } }, 'reading a.png');
    children[0]!.die(1);
    await expect(waiting).rejects.toMatchObject({ code: 'image_helper', message: expect.stringContaining('reading a.png') as string });
  });
});

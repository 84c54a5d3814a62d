/**
 * The image helper stopping under work (a libvips abort, simulated with SIGKILL the moment the
 * request is sent): the work it held fails with a sentence, main keeps running, a new helper
 * starts, and nothing is lost. Through createAtelier and the router, as the window calls them.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { forkHelper, type LaunchHelper } from '../../../../electron/services/images/ImageHelper';
import type { ImageKind } from '../../../../electron/services/images/protocol';
import { AppError } from '../../../../electron/services/errors';
import { classifyFailure } from '../../../../electron/services/queue/classifyFailure';
import { DEFAULT_BACKOFF } from '../../../../electron/services/queue/backoff';
import { atelierFixture } from '../../../support/atelierFixture';
import { pngOf } from '../../../support/images';
import { tempDir } from '../../../support/tmp';

const fx = atelierFixture({ options: { libraryCheckDelayMs: 60_000 } });

/** A launcher that kills the helper right after handing it the first request of `kind`, once. */
function killingOn(kind: ImageKind) {
  const state = { launches: 0, killed: 0 };
  const launch: LaunchHelper = (modulePath) => {
    state.launches++;
    const child = forkHelper(modulePath);
    return {
      on: child.on.bind(child),
      kill: () => child.kill(),
      postMessage: (m) => {
        child.postMessage(m);
        if (m.kind === kind && state.killed === 0) {
          state.killed++;
          child.kill();
        }
      },
    };
  };
  return { state, launch };
}

interface ImportAnswer {
  imported: Array<{ id: string; duplicate: boolean }>;
  rejected: Array<{ name: string; reason: string }>;
}

const filesUnder = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0);

describe('image helper crashes', () => {
  it('kill the helper mid-import: the import reports the sentence, the app keeps running, the helper restarts, importing again succeeds, no file lost', async () => {
    const { state, launch } = killingOn('thumbnail');
    const { atelier, userDataDir, call } = await fx.start({ tuning: { launchImageHelper: launch } });
    const dir = tempDir();
    const photo = path.join(dir, 'photo.png');
    const bytes = await pngOf(900, 600, [30, 90, 200]);
    fs.writeFileSync(photo, bytes);
    const libDir = path.join(userDataDir, 'library');

    const first = await call<ImportAnswer>('library.import', { files: [{ name: 'photo.png', path: photo }] });
    expect(first.imported).toEqual([]);
    expect(first.rejected).toEqual([{ name: 'photo.png', reason: "Atelier's image helper stopped while reading photo.png; it has been restarted." }]);
    // Nothing half-stored: no original, no thumbnail, no row, nothing left in tmp/; the photo itself untouched.
    expect([filesUnder(path.join(libDir, 'files')), filesUnder(path.join(libDir, 'thumbs')), filesUnder(path.join(libDir, 'tmp'))]).toEqual([0, 0, 0]);
    expect(atelier.db.prepare('SELECT COUNT(*) FROM assets').pluck().get()).toBe(0);
    expect(fs.readFileSync(photo).equals(bytes)).toBe(true);

    // Main answers as before, and the next import goes to a new helper.
    const again = await call<ImportAnswer>('library.import', { files: [{ name: 'photo.png', path: photo }] });
    expect(again.rejected).toEqual([]);
    expect(again.imported).toHaveLength(1);
    expect(state).toEqual({ launches: 2, killed: 1 });
    expect([filesUnder(path.join(libDir, 'files')), filesUnder(path.join(libDir, 'thumbs')), filesUnder(path.join(libDir, 'tmp'))]).toEqual([1, 1, 0]);
    const thumb = await atelier.library.thumbnailOf(again.imported[0]!.id);
    expect(thumb && fs.statSync(thumb.path).size).toBeGreaterThan(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('kill the helper mid-thumbnail: the thumbnail is made after the restart', async () => {
    const { state, launch } = killingOn('thumbnail');
    // A large import leaves thumbnails for later; photos larger than a screen get theirs in the
    // background (with their screen-sized copy), where the helper is killed under the first one.
    const { atelier, call } = await fx.start({ tuning: { launchImageHelper: launch, lazyThumbnailsAbove: 0 } });
    const dir = tempDir();
    const names = ['a.png', 'b.png'];
    for (const [i, n] of names.entries()) fs.writeFileSync(path.join(dir, n), await pngOf(3000, 2000, [i * 100, 50, 50]));
    const answer = await call<ImportAnswer>('library.import', { files: names.map((n) => ({ name: n, path: path.join(dir, n) })) });
    expect(answer.imported).toHaveLength(2);

    expect(atelier.library.thumbnails.waiting).toBeGreaterThan(0);
    await atelier.library.thumbnails.whenIdle();
    expect(state).toEqual({ launches: 2, killed: 1 });
    for (const a of answer.imported) {
      const row = atelier.db.prepare('SELECT sha256 FROM assets WHERE id = ?').get(a.id) as { sha256: string };
      expect(fs.statSync(atelier.library.store.thumbPath(row.sha256)).size).toBeGreaterThan(0);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('kill the helper under a thumbnail the window asks for: the tile still gets its thumbnail, from the new helper', async () => {
    const { state, launch } = killingOn('thumbnail');
    // More files than this leave thumbnails for when they are first shown.
    const { atelier, call } = await fx.start({ tuning: { launchImageHelper: launch, lazyThumbnailsAbove: 0 } });
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'c.png'), await pngOf(600, 400, [20, 160, 90]));
    const answer = await call<ImportAnswer>('library.import', { files: [{ name: 'c.png', path: path.join(dir, 'c.png') }] });
    const res = await atelier.handleRequest(new Request(`app://atelier/assets/${answer.imported[0]!.id}/thumb`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(state).toEqual({ launches: 2, killed: 1 });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a result Gemini already made is stored although the helper stops under its check (no second, billed, request)', async () => {
    const { state, launch } = killingOn('header');
    const { atelier } = await fx.start({ tuning: { launchImageHelper: launch } });
    // A JPEG: its header is read by the helper (a PNG's is read in main).
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 9, g: 9, b: 9 } } }).jpeg().toBuffer();
    const [stored] = await atelier.library.writeImages([jpeg], { thumbnails: 'later' });
    expect(stored).toMatchObject({ mime: 'image/jpeg', width: 64, height: 48, created: true });
    expect(state).toEqual({ launches: 2, killed: 1 });
  });

  it('a job that meets a stopped helper is retried by the queue, not failed', () => {
    const stopped = new AppError('image_helper', "Atelier's image helper stopped while preparing a reference image; it has been restarted.");
    expect(classifyFailure(stopped, { attempt: 1, quotaRetries: 0, policy: DEFAULT_BACKOFF, random: () => 0 })).toMatchObject({ action: 'backoff' });
  });
});

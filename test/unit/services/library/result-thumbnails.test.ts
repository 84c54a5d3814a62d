/**
 * A generated result is done, and in the library, before its thumbnail exists: the thumbnail is
 * made in the background once the queue is quiet, or by the app:// route when the window asks first.
 */
import fs from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { AssetDetail } from '../../../../shared/ipc/contract';
import { checkLibrary } from '../../../../electron/services/library/check';
import { atelierFixture, ORIGIN } from '../../../support/atelierFixture';

const KEY = 'AIzaThumbnailTestKey000000000000000000';
const fx = atelierFixture({ key: KEY, fake: true });

describe('thumbnails of generated results', () => {
  it('are left for later: the result is readable first, and the route makes its thumbnail when asked', async () => {
    // The queue "stays busy" for an hour after its last job: the background never gets a turn here.
    const { atelier, call, generate } = await fx.start({ tuning: { thumbnailQuietMs: 3_600_000 } });
    const job = await generate({ prompt: 'a kite over dunes', tier: 'flash', aspectRatio: '16:9' });
    await atelier.queue.whenIdle();
    const done = atelier.queue.get(job.id);
    expect(done).toMatchObject({ state: 'succeeded', assetIds: [expect.any(String)] });
    const id = done.assetIds[0]!;

    // In the library, original and all, without a thumbnail yet.
    const detail = await call<AssetDetail>('library.get', { id });
    expect(detail.width / detail.height).toBeCloseTo(16 / 9, 1);
    expect((await call<{ total: number }>('library.search', {})).total).toBe(1);
    const thumb = atelier.library.fileOf(id, 'thumb')!.path;
    expect(fs.existsSync(thumb)).toBe(false);
    expect(atelier.library.thumbnails.waiting).toBe(1);
    const original = await atelier.handleRequest(new Request(`${ORIGIN}/assets/${id}`));
    expect(original.status).toBe(200);

    // Not damage: the self-check says nothing of a thumbnail still to come.
    expect(await checkLibrary(atelier.db, atelier.library.store)).toEqual({ ok: true, repaired: [], problems: [] });

    // The window asks first: the route makes it (twice at once, made once) and serves it.
    const [a, b] = await Promise.all([
      atelier.handleRequest(new Request(`${ORIGIN}/assets/${id}/thumb`)),
      atelier.handleRequest(new Request(`${ORIGIN}/assets/${id}/thumb`)),
    ]);
    for (const res of [a, b]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
    }
    const served = await sharp(Buffer.from(await a.arrayBuffer())).metadata();
    expect(served.format).toBe('webp');
    expect(Math.max(served.width!, served.height!)).toBe(320);
    expect(fs.existsSync(thumb)).toBe(true);
    expect(atelier.library.thumbnails.waiting).toBe(0);
  });

  it('are made in the background once the queue is quiet', async () => {
    const { atelier, generate } = await fx.start({ tuning: { thumbnailQuietMs: 0 } });
    const jobs = await Promise.all(['a lantern', 'a lantern, closer', 'a lantern at dawn'].map((prompt) => generate({ prompt, tier: 'flash' })));
    await atelier.queue.whenIdle();
    await atelier.library.thumbnails.whenIdle();
    for (const job of jobs) {
      const id = atelier.queue.get(job.id).assetIds[0]!;
      const meta = await sharp(atelier.library.fileOf(id, 'thumb')!.path).metadata();
      expect(meta.format).toBe('webp');
    }
    expect(atelier.library.thumbnails.waiting).toBe(0);
  });

  it('a large original also gets its screen-sized copy in the background; a small one gets none', async () => {
    const { atelier, call, generate } = await fx.start({ tuning: { thumbnailQuietMs: 0 } });
    const wide = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 9, g: 99, b: 199 } } }).png().toBuffer();
    const imported = await call<{ imported: Array<{ id: string }> }>('library.import', { files: [{ name: 'wide.png', dataBase64: wide.toString('base64') }] });
    const job = await generate({ prompt: 'a small lantern', tier: 'flash' });
    await atelier.queue.whenIdle();
    await atelier.library.thumbnails.whenIdle();
    const copies = () => (fs.existsSync(atelier.library.screens.dir) ? fs.readdirSync(atelier.library.screens.dir, { recursive: true }).map(String).filter((f) => /\.(jpg|webp)$/.test(f)) : []);
    const made = copies();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/-1920\.jpg$/);
    // The route serves that copy without making it again; the 1K result is served as it is.
    const before = fs.statSync(`${atelier.library.screens.dir}/${made[0]}`).mtimeMs;
    const res = await atelier.handleRequest(new Request(`${ORIGIN}/assets/${imported.imported[0]!.id}/screen/1920`));
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(1920);
    expect(fs.statSync(`${atelier.library.screens.dir}/${made[0]}`).mtimeMs).toBe(before);
    const small = await atelier.handleRequest(new Request(`${ORIGIN}/assets/${atelier.queue.get(job.id).assetIds[0]!}/screen/1920`));
    expect(small.headers.get('content-type')).toBe('image/png');
    expect(copies()).toHaveLength(1);
  });
});

/**
 * A masked edit through the whole path (canvas marks → queue → fake Gemini → library): the stored
 * result is the composite at the original's size, its outside pixels the original's own, and the
 * model's whole image is kept beside it but never as a library image.
 */
import fs from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { AssetDetail, EditDraft, EditOpen, Job } from '../../../../shared/ipc/contract';
import { atelierFixture } from '../../../support/atelierFixture';

const KEY = 'AIzaCompositeTestKey0000000000000000000';
const fx = atelierFixture({ key: KEY, fake: true, options: { backoff: { baseMs: 20, maxMs: 50, maxAttempts: 2 }, libraryCheckDelayMs: 60_000 } });

const W = 300;
const H = 200;

/** A textured photo (so nothing about it survives a resample by chance). */
async function photoBytes(format: 'png' | 'jpeg', w = W, h = H): Promise<Buffer> {
  const img = sharp({ create: { width: w, height: h, channels: 3, background: { r: 90, g: 140, b: 60 }, noise: { type: 'gaussian', mean: 120, sigma: 40 } } });
  return format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: 80 }).toBuffer();
}

/** Painted (opaque) in a rectangle of the preview, transparent elsewhere: what the canvas sends. */
async function maskUrl(pw: number, ph: number, r: { left: number; top: number; width: number; height: number }): Promise<string> {
  const spot = await sharp({ create: { width: r.width, height: r.height, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 1 } } }).png().toBuffer();
  const png = await sharp({ create: { width: pw, height: ph, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: spot, left: r.left, top: r.top }])
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

const raw = async (b: Buffer | string) => (await sharp(b).removeAlpha().raw().toBuffer({ resolveWithObject: true })).data;

async function editOf(format: 'png' | 'jpeg', extra: object = {}) {
  const s = await fx.start();
  const bytes = await photoBytes(format);
  const o = await s.call<EditOpen>('edit.import', { name: `photo.${format}`, dataBase64: bytes.toString('base64') });
  const draft = await s.call<EditDraft>('edit.prepare', { assetId: o.assetId, instruction: 'make the sky stormy', mask: await maskUrl(o.previewWidth, o.previewHeight, { left: 100, top: 60, width: 60, height: 50 }), ...extra });
  const job = await s.call<Job>('generate.start', { tier: 'flash', aspectRatio: null, prompt: draft.prompt, references: draft.references, edit: draft.edit });
  await s.atelier.queue.whenIdle();
  return { s, o, draft, job: s.atelier.queue.get(job.id), bytes };
}

describe('masked edits composited locally', () => {
  for (const format of ['png', 'jpeg'] as const) {
    it(`stores a ${format.toUpperCase()} photo's masked edit at the photo's size with every pixel outside mask + feather unchanged`, async () => {
      const { s, o, draft, job } = await editOf(format, { featherPx: 6 });
      expect(job.state).toBe('succeeded');
      expect(draft.edit.featherPx).toBe(6);
      const result = await s.call<AssetDetail>('library.get', { id: job.assetIds[0] });
      expect([result.width, result.height, result.mime]).toEqual([W, H, 'image/png']);
      const stored = s.atelier.library.fileOf(result.id, 'original')!.path;
      const original = s.atelier.library.fileOf(o.assetId, 'original')!.path;
      const [a, b] = [await raw(original), await raw(fs.readFileSync(stored))];
      // The preview is the photo itself at this size, so the mask is the rectangle 100..160 × 60..110.
      let outside = 0;
      let inside = 0;
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const dx = Math.max(100 - x, 0, x - 159);
          const dy = Math.max(60 - y, 0, y - 109);
          const i = (y * W + x) * 3;
          const same = a[i] === b[i] && a[i + 1] === b[i + 1] && a[i + 2] === b[i + 2];
          if (dx * dx + dy * dy >= 36 && !same) outside++;
          if (dx === 0 && dy === 0 && !same) inside++;
        }
      expect(outside).toBe(0);
      expect(inside).toBeGreaterThan(60 * 50 * 0.9);
      // Made by Atelier, over the original, with the model's whole image beside it.
      expect(result.composite).toMatchObject({ madeBy: 'Atelier', mode: 'region', featherPx: 6, baseAssetId: o.assetId });
      expect(result.lineage.map((n) => n.id)).toEqual([o.assetId, result.id]);
      const wholeSha = result.composite!.modelImageUrl.split('/').pop()!;
      expect(s.atelier.library.blobFile(wholeSha)).not.toBeNull();
      // Never in the grid: the library holds the photo and the composite only.
      const page = s.atelier.library.search({});
      expect(page.assets.map((x) => x.id).sort()).toEqual([o.assetId, result.id].sort());
      expect(s.atelier.db.prepare('SELECT count(*) FROM assets WHERE sha256 = ?').pluck().get(wholeSha)).toBe(0);
    });
  }

  it('leaves an annotation edit alone: no mask, so the model\'s image is the result', async () => {
    const s = await fx.start();
    const o = await s.call<EditOpen>('edit.import', { name: 'p.png', dataBase64: (await photoBytes('png')).toString('base64') });
    const draft = await s.call<EditDraft>('edit.prepare', { assetId: o.assetId, instruction: 'move the tree', annotations: await maskUrl(o.previewWidth, o.previewHeight, { left: 10, top: 10, width: 20, height: 4 }) });
    expect(draft.edit.mode).toBe('annotations');
    expect(draft.edit.featherPx).toBeUndefined();
    const job = await s.call<Job>('generate.start', { tier: 'flash', aspectRatio: null, prompt: draft.prompt, references: draft.references, edit: draft.edit });
    await s.atelier.queue.whenIdle();
    const result = await s.call<AssetDetail>('library.get', { id: s.atelier.queue.get(job.id).assetIds[0] });
    expect(result.composite ?? null).toBeNull();
    expect(result.width).not.toBe(W);
  });

  it('restores the original area of an outpaint exactly', async () => {
    const s = await fx.start();
    const o = await s.call<EditOpen>('edit.import', { name: 'p.png', dataBase64: (await photoBytes('png')).toString('base64') });
    const expanded = await s.call<EditOpen & { placedAt: { left: number; top: number; width: number; height: number } }>('edit.transform', { assetId: o.assetId, ops: [{ op: 'expand', ratio: '16:9' }] });
    const draft = await s.call<EditDraft>('edit.prepare', { assetId: expanded.assetId, instruction: 'more field', outpaintFrom: expanded.placedAt });
    const job = await s.call<Job>('generate.start', { tier: 'flash', aspectRatio: null, prompt: draft.prompt, references: draft.references, edit: draft.edit });
    await s.atelier.queue.whenIdle();
    const result = await s.call<AssetDetail>('library.get', { id: s.atelier.queue.get(job.id).assetIds[0] });
    expect([result.width, result.height]).toEqual([expanded.width, expanded.height]);
    expect(result.composite).toMatchObject({ mode: 'outpaint', featherPx: 0 });
    const p = expanded.placedAt;
    const placed = await sharp(s.atelier.library.fileOf(result.id, 'original')!.path).extract(p).removeAlpha().raw().toBuffer();
    expect(placed.equals(await raw(s.atelier.library.fileOf(o.assetId, 'original')!.path))).toBe(true);
    // And the border is the model's fill, not the grey pad.
    const corner = await sharp(s.atelier.library.fileOf(result.id, 'original')!.path).extract({ left: 0, top: 0, width: 1, height: 1 }).removeAlpha().raw().toBuffer();
    expect([...corner]).not.toEqual([128, 128, 128]);
  });

  it('keeps the paid answer whole when Gemini answers in a different shape, and says why on the result', async () => {
    const s = await fx.start();
    // 5:2 has no Gemini shape within the tolerance: the fake answers at its nearest, 21:9.
    const o = await s.call<EditOpen>('edit.import', { name: 'wide.png', dataBase64: (await photoBytes('png', 300, 120)).toString('base64') });
    const draft = await s.call<EditDraft>('edit.prepare', { assetId: o.assetId, instruction: 'make the sky stormy', mask: await maskUrl(o.previewWidth, o.previewHeight, { left: 100, top: 30, width: 60, height: 40 }) });
    const job = await s.call<Job>('generate.start', { tier: 'flash', aspectRatio: null, prompt: draft.prompt, references: draft.references, edit: draft.edit });
    await s.atelier.queue.whenIdle();
    const done = s.atelier.queue.get(job.id);
    expect(done.state).toBe('succeeded');
    const result = await s.call<AssetDetail>('library.get', { id: done.assetIds[0] });
    // The model's own image, at its own size: a normal library image in the photo's lineage.
    const answerSize = await sharp(s.atelier.library.fileOf(result.id, 'original')!.path).metadata();
    expect([result.width, result.height]).toEqual([answerSize.width, answerSize.height]);
    expect(result.width / result.height).not.toBeCloseTo(2.5, 1);
    expect(result.composite ?? null).toBeNull();
    expect(result.keptWhole).toMatchObject({ mode: 'region', baseAssetId: o.assetId, base: { width: 300, height: 120 }, model: { width: result.width, height: result.height } });
    expect(result.keptWhole!.message).toMatch(new RegExp(`^Gemini answered in a different shape \\(${result.width}×${result.height} for your 300×120 photo\\), so the whole image is kept as it came; outside your mask it may differ\\.`));
    expect(result.lineage.map((n) => n.id)).toEqual([o.assetId, result.id]);
    expect(s.atelier.library.search({}).assets.map((x) => x.id).sort()).toEqual([o.assetId, result.id].sort());
  });
});

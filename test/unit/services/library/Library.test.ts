import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { ContentStore, CorruptImageError } from '../../../../electron/services/library/ContentStore';
import { openDatabase, type Db } from '../../../../electron/services/db/db';
import { Library, type NewGeneration } from '../../../../electron/services/library/Library';
import { pngOf } from '../../../support/images';
import { tempDir } from '../../../support/tmp';
import { inProcessImages } from '../../../../electron/services/images/work';

const gen = (over: Partial<NewGeneration> = {}): NewGeneration => ({
  jobId: null,
  prompt: 'a lighthouse at dusk',
  tier: 'pro',
  modelId: 'gemini-3-pro-image',
  params: { aspectRatio: '16:9', imageSize: '1K', modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] },
  responseText: 'Here is your lighthouse.',
  finishReason: 'STOP',
  usage: { promptTokens: 10, outputTokens: 1130, thoughtTokens: 160, imageTokens: 1120 },
  costUsd: 0.14,
  durationMs: 1234,
  ...over,
});

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

describe('Library', () => {
  let root: string;
  let db: Db;
  let now: number;
  let library: Library;

  beforeEach(() => {
    root = tempDir();
    db = openDatabase(path.join(root, 'lib.sqlite'));
    now = 1_700_000_000_000;
    library = new Library(db, new ContentStore(root, inProcessImages), () => now);
  });

  it('stores an image on disk with a thumbnail and returns it in list and detail', async () => {
    const png = await pngOf(1376, 768);
    const stored = await library.writeImages([png]);
    const [asset] = library.insertGeneration(gen(), stored).assets;
    expect(asset).toMatchObject({ width: 1376, height: 768, mime: 'image/png', prompt: 'a lighthouse at dusk', tier: 'pro' });

    const original = library.fileOf(asset!.id, 'original')!;
    expect(fs.readFileSync(original.path).equals(png)).toBe(true);
    const thumb = await sharp(library.fileOf(asset!.id, 'thumb')!.path).metadata();
    expect(thumb.format).toBe('webp');
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320);

    const detail = library.get(asset!.id);
    expect(detail.generation).toMatchObject({
      prompt: 'a lighthouse at dusk',
      modelId: 'gemini-3-pro-image',
      params: { aspectRatio: '16:9', imageSize: '1K' },
      text: 'Here is your lighthouse.',
      usage: { promptTokens: 10, outputTokens: 1130, thoughtTokens: 160, imageTokens: 1120 },
      costUsd: 0.14,
    });
    expect(detail.bytes).toBe(png.length);
    expect(library.search({})).toMatchObject({ total: 1, assets: [{ id: asset!.id }] });
  });

  it('stores identical bytes once', async () => {
    const png = await pngOf(64, 64);
    library.insertGeneration(gen(), await library.writeImages([png]));
    const second = await library.writeImages([png]);
    expect(second[0]!.created).toBe(false);
    library.insertGeneration(gen({ prompt: 'again' }), second);
    expect(filesUnder(path.join(root, 'files'))).toHaveLength(1);
    expect(library.search({}).total).toBe(2);
  });

  it('rejects bytes that are not an image and writes nothing', async () => {
    const good = await pngOf(32, 32);
    await expect(library.writeImages([good, Buffer.from('not an image at all')])).rejects.toBeInstanceOf(CorruptImageError);
    // The first image was written, then discarded because the batch failed.
    expect(filesUnder(path.join(root, 'files'))).toEqual([]);
    expect(filesUnder(path.join(root, 'thumbs'))).toEqual([]);
    const truncated = good.subarray(0, good.length / 2);
    await expect(library.writeImages([truncated])).rejects.toBeInstanceOf(CorruptImageError);
    expect(filesUnder(path.join(root, 'files'))).toEqual([]);
  });

  it('discard keeps files that a row references', async () => {
    const png = await pngOf(40, 40);
    library.insertGeneration(gen(), await library.writeImages([png]));
    const again = await library.writeImages([png]);
    library.discard(again);
    expect(filesUnder(path.join(root, 'files'))).toHaveLength(1);
  });

  it('pages newest first with a stable cursor', async () => {
    for (let i = 0; i < 5; i++) {
      now += 1000;
      library.insertGeneration(gen({ prompt: `p${i}` }), await library.writeImages([await pngOf(16, 16, [i * 40, 0, 0])]));
    }
    const first = library.search({ limit: 2 });
    expect(first.assets.map((a) => a.prompt)).toEqual(['p4', 'p3']);
    const next = library.search({ limit: 2, offset: 2 });
    expect(next.assets.map((a) => a.prompt)).toEqual(['p2', 'p1']);
    expect(next.total).toBe(5);
  });

  it('reports an unknown id as not_found and has no file for it', () => {
    expect(() => library.get('00000000-0000-4000-8000-000000000000')).toThrow(/no longer in the library/);
    expect(library.fileOf('00000000-0000-4000-8000-000000000000', 'original')).toBeNull();
  });
});

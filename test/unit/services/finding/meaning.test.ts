import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidatesFor, DIMENSIONS, quantise, VectorBlock } from '../../../../electron/services/finding/vectors';
import { rememberDrawn } from '../../../fake-gemini/embed';
import { startFakeGemini, type FakeGemini } from '../../../fake-gemini/server';
import { pngOf } from '../../../support/images';

const cos = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0) / (Math.hypot(...a) * Math.hypot(...b));

describe("the fake's gemini-embedding-2, through the real SDK", () => {
  let fake: FakeGemini;
  let ai: GoogleGenAI;
  beforeAll(async () => {
    fake = await startFakeGemini();
    ai = new GoogleGenAI({ apiKey: 'AIzaFakeEmbedKey000000000000000000000', httpOptions: { baseUrl: fake.url } });
  });
  afterAll(() => fake.close());

  it('embeds a drawn image from its prompt, text from its words and an unknown photo from its colour, deterministically', async () => {
    const lighthouse = await pngOf(64, 64, [10, 20, 30]);
    rememberDrawn(lighthouse, 'a lighthouse at dusk');
    const redPhoto = await pngOf(64, 64, [210, 30, 30]);
    const image = (b: Buffer) => ({ parts: [{ inlineData: { mimeType: 'image/png', data: b.toString('base64') } }] });
    const res = await ai.models.embedContent({
      model: 'gemini-embedding-2',
      contents: [{ parts: [{ text: 'lighthouse' }] }, image(lighthouse), image(redPhoto), { parts: [{ text: 'red' }] }, { parts: [{ text: 'a forest path' }] }],
      config: { outputDimensionality: DIMENSIONS },
    });
    const [query, drawn, red, redWord, forest] = res.embeddings!.map((e) => e.values!);
    expect(query).toHaveLength(DIMENSIONS);
    expect(cos(query!, drawn!)).toBeGreaterThan(0.5);
    expect(cos(query!, forest!)).toBeLessThan(0.25);
    expect(cos(red!, redWord!)).toBeCloseTo(1, 5);
    const again = await ai.models.embedContent({ model: 'gemini-embedding-2', contents: [{ parts: [{ text: 'lighthouse' }] }], config: { outputDimensionality: DIMENSIONS } });
    expect(again.embeddings![0]!.values).toEqual(query);
  });

  it('refuses an output size outside 128–3072 and more than 6 images in one content', async () => {
    await expect(ai.models.embedContent({ model: 'gemini-embedding-2', contents: ['x'], config: { outputDimensionality: 64 } })).rejects.toThrow(/128 and 3072/);
    const png = (await pngOf(8, 8)).toString('base64');
    const seven = { parts: Array.from({ length: 7 }, () => ({ inlineData: { mimeType: 'image/png', data: png } })) };
    await expect(ai.models.embedContent({ model: 'gemini-embedding-2', contents: [seven] })).rejects.toThrow(/At most 6 images/);
  });
});

describe('vector search over quantised vectors', () => {
  it('finds what exact float search finds: recall@10 ≥ 0.95 over 5,000 random vectors', () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
    const floats = Array.from({ length: 5000 }, () => Array.from({ length: DIMENSIONS }, rnd));
    const block = new VectorBlock();
    for (const f of floats) block.add(quantise(f));
    let found = 0;
    for (let q = 0; q < 30; q++) {
      // Queries near a stored vector, as a search with a good match is.
      const base = floats[(q * 97) % floats.length]!;
      const query = base.map((v) => v + rnd() * 0.6);
      const exact = floats
        .map((f, item) => ({ item, score: cos(query, f) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10)
        .map((x) => x.item);
      const got = block.nearest(query, 10).map((x) => x.item);
      found += got.filter((i) => exact.includes(i)).length;
    }
    expect(found / 300).toBeGreaterThanOrEqual(0.95);
  });
});

describe('vector search at scale: the sign scan and exact rescoring', () => {
  it('finds what scoring every vector finds (recall@10 ≥ 0.95) when the sign scan keeps a fraction of 30,000 clustered vectors, and reads candidates back the same', () => {
    let s = 11;
    const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
    const centres = Array.from({ length: 60 }, () => Array.from({ length: DIMENSIONS }, rnd));
    const kept = new VectorBlock();
    const stored: Array<ReturnType<typeof quantise>> = [];
    const signsOnly = new VectorBlock({ keepBytes: false });
    for (let i = 0; i < 30_000; i++) {
      const q = quantise(centres[i % centres.length]!.map((x) => x + rnd() * 0.8));
      kept.add(q);
      signsOnly.add(q);
      // As read back from SQLite: the scale is a float32 there too.
      stored.push({ bytes: q.bytes, scale: Math.fround(q.scale) });
    }
    let found = 0;
    for (let q = 0; q < 20; q++) {
      const query = centres[(q * 7) % centres.length]!.map((x) => x + rnd() * 0.8);
      // The scan must keep only a fraction, or this would test nothing but the rescoring.
      expect(kept.candidates(query, candidatesFor(10)).length).toBeLessThan(10_000);
      const exact = kept.exact(query, 10).map((x) => x.item);
      const got = kept.nearest(query, 10);
      found += got.filter((x) => exact.includes(x.item)).length;
      expect(signsOnly.nearest(query, 10, (items) => Array.from(items, (i) => stored[i]))).toEqual(got);
    }
    expect(found / 200).toBeGreaterThanOrEqual(0.95);
  });
});

describe('Meaning: embedding the library and searching it', () => {
  it('embeds every picture once turned on, ranks "lighthouse" pictures first, and says when Gemini cannot be reached', async () => {
    const path = await import('node:path');
    const { openDatabase } = await import('../../../../electron/services/db/db');
    const { EventBus } = await import('../../../../electron/services/events');
    const { Meaning } = await import('../../../../electron/services/finding/Meaning');
    const { inProcessImages } = await import('../../../../electron/services/images/work');
    const { ContentStore } = await import('../../../../electron/services/library/ContentStore');
    const { Library } = await import('../../../../electron/services/library/Library');
    const { closedPort, tempDir } = await import('../../../support/tmp');
    const fake = await startFakeGemini();
    try {
      const dir = tempDir();
      const db = openDatabase(path.join(dir, 'lib.sqlite'));
      const library = new Library(db, new ContentStore(dir, inProcessImages));
      const drawnFor = async (prompt: string, rgb: [number, number, number]) => {
        const png = await pngOf(40 + prompt.length, 40, rgb);
        rememberDrawn(png, prompt);
        return library.importImage(`${prompt}.png`, png);
      };
      const a = await drawnFor('a lighthouse in a storm', [30, 40, 90]);
      await drawnFor('a bowl of oranges', [230, 140, 40]);
      const b = await drawnFor('lighthouse at dawn, pastel', [200, 180, 200]);
      await drawnFor('a red bicycle', [200, 30, 30]);
      let baseUrl = fake.url;
      const events = new EventBus();
      let on = false;
      const meaning = new Meaning(db, library, inProcessImages, events, {
        sdk: async () => new GoogleGenAI({ apiKey: 'AIzaFakeEmbedKey000000000000000000000', httpOptions: { baseUrl } }),
        isOn: () => on,
      });
      expect(meaning.status()).toMatchObject({ enabled: false, embedded: 0, total: 4, remainingUsd: 0.0005, state: 'off' });
      await expect(meaning.search('lighthouse')).rejects.toThrow(/Search by meaning is off/);
      on = true;
      meaning.settingChanged();
      await meaning.whenIdle();
      expect(meaning.status()).toMatchObject({ enabled: true, embedded: 4, state: 'idle', remainingUsd: 0 });
      const { hits, offline } = await meaning.search('lighthouse');
      expect(offline).toBe(false);
      expect(hits.slice(0, 2).map((h) => h.asset.id).sort()).toEqual([a.id, b.id].sort());
      expect(hits.length).toBe(2);
      // Turned on, a new picture is embedded when it arrives.
      const c = await drawnFor('lighthouse keeper portrait', [90, 90, 90]);
      events.emit('library.added', [c]);
      await meaning.whenIdle();
      expect(meaning.status()).toMatchObject({ embedded: 5, total: 5 });
      expect((await meaning.search('lighthouse')).hits.map((h) => h.asset.id)).toContain(c.id);
      // The counts are kept between calls: a picture trashed (a library change) is counted out.
      db.prepare('UPDATE assets SET trashed_at = 1 WHERE id = ?').run(c.id);
      events.emit('library.changed', { ids: [c.id] });
      expect(meaning.status()).toMatchObject({ embedded: 4, total: 4 });
      baseUrl = `http://127.0.0.1:${await closedPort()}`; // nothing listens there: the network is down
      expect(await meaning.search('lighthouse')).toEqual({ hits: [], offline: true });
      await meaning.dispose();
    } finally {
      await fake.close();
    }
  });
});

/**
 * Comparisons and canvas edits end to end in Node: createAtelier, the router, the real SDK and
 * the fake Gemini server.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FALLBACK_MODEL_FOR_TIER } from '../../../../shared/models/catalogue';
import type { Comparison, CompareStats, EditDraft, EditOpen, Job, JobProgress } from '../../../../shared/ipc/contract';
import { atelierFixture } from '../../../support/atelierFixture';
import { tempDir } from '../../../support/tmp';

const KEY = 'AIzaCompareTestKey000000000000000000000';
const FLASH = FALLBACK_MODEL_FOR_TIER.flash;
const PRO = FALLBACK_MODEL_FOR_TIER.pro;
const fx = atelierFixture({ key: KEY, fake: true, options: { backoff: { baseMs: 20, maxMs: 50, maxAttempts: 2 }, libraryCheckDelayMs: 60_000 } });

async function start(userDataDir = tempDir(), random?: () => number) {
  const { atelier, call, stop } = await fx.start({ userDataDir, tuning: random ? { random } : {} });
  /** Resolves when the comparison satisfies `until` (from its own events, not a timer). */
  const settled = (id: string, until: (c: Comparison) => boolean = (c) => c.state !== 'running') =>
    new Promise<Comparison>((resolve) => {
      const check = (c: Comparison) => {
        if (c.id === id && until(c)) {
          off();
          resolve(c);
        }
      };
      const off = atelier.events.onAny((e, p) => e === 'comparison.updated' && check(p as Comparison));
      check(atelier.compare.get(id));
    });
  return { atelier, call, stop, settled, userDataDir };
}

const flashVsPro = { prompt: 'a lighthouse at dusk', aspectRatio: '1:1', contenders: [{ tier: 'flash' }, { tier: 'pro' }] };
const generateCalls = () => fx.fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));

describe('comparisons', () => {
  it('runs Flash vs Pro through the queue, keeps results, timings, tokens and cost, and survives a restart', async () => {
    const s = await start();
    const c = await s.call<Comparison>('compare.start', flashVsPro);
    expect(c.contenders.map((k) => k.label)).toEqual(['Flash 1K', 'Pro 1K']);
    const done = await s.settled(c.id);
    expect(done.state).toBe('done');
    for (const k of done.contenders) {
      expect(k).toMatchObject({ state: 'succeeded', assetId: expect.any(String), width: 1024, height: 1024 });
      expect(k.finalMs).toBeGreaterThanOrEqual(0);
      expect(k.usage!.outputTokens).toBeGreaterThan(0);
      expect(k.costUsd).toBeGreaterThan(0);
    }
    expect(new Set(generateCalls().map((r) => r.model))).toEqual(new Set([FLASH, PRO]));
    // Same prompt to both.
    expect(generateCalls().map((r) => JSON.stringify((r.body as { contents: unknown }).contents))).toSatisfy((xs: string[]) => xs[0] === xs[1]);

    await s.call('compare.vote', { id: c.id, kind: 'winner', winner: 1 });
    await s.stop();
    const again = await start(s.userDataDir);
    const kept = await again.call<Comparison>('compare.get', { id: c.id });
    expect(kept.vote).toMatchObject({ kind: 'winner', winner: 1 });
    expect(kept.contenders[1]!.assetId).toBe(done.contenders[1]!.assetId);
    const list = await again.call<Array<{ id: string; winnerLabel: string }>>('compare.list');
    expect(list[0]).toMatchObject({ id: c.id, winnerLabel: 'Pro 1K' });
    // Each result's lineage names the comparison and how that image did in it.
    expect(await again.call('compare.forAsset', { assetId: done.contenders[0]!.assetId })).toMatchObject({ id: c.id, prompt: 'a lighthouse at dusk', outcome: 'lost' });
    expect(await again.call('compare.forAsset', { assetId: done.contenders[1]!.assetId })).toMatchObject({ id: c.id, outcome: 'won' });
  });

  it('times each contender\'s first progress (its first streamed thought) apart from its final image, and keeps it', async () => {
    const s = await start();
    // Streamed, the fake sends thoughts after a quarter of its latency and the image at the end.
    fx.fake.setLatency(null, 400);
    const firstAt = new Map<string, number>();
    const counts = new Map<string, number>();
    s.atelier.events.onAny((e, p) => {
      if (e !== 'job.progress') return;
      const { jobId, at } = p as JobProgress;
      if (!firstAt.has(jobId)) firstAt.set(jobId, at);
      counts.set(jobId, (counts.get(jobId) ?? 0) + 1);
    });
    const c = await s.call<Comparison>('compare.start', flashVsPro);
    const done = await s.settled(c.id);
    // Every contender asks for its thought summaries, which is what a run reports before its image.
    for (const r of generateCalls()) expect((r.body as { generationConfig: { thinkingConfig?: object } }).generationConfig.thinkingConfig).toMatchObject({ includeThoughts: true });
    for (const k of done.contenders) {
      expect(k.state).toBe('succeeded');
      // The first progress event of its job, not a later one (each job sends more than one).
      expect(counts.get(k.jobId!)).toBeGreaterThan(1);
      expect(k.firstProgressMs).toBe(firstAt.get(k.jobId!)! - done.createdAt);
      expect(k.firstProgressMs!).toBeGreaterThanOrEqual(k.startMs!);
      expect(k.firstProgressMs!).toBeLessThan(k.finalMs!);
    }
    await s.stop();
    const again = await start(s.userDataDir);
    const kept = await again.call<Comparison>('compare.get', { id: c.id });
    expect(kept.contenders.map((k) => k.firstProgressMs)).toEqual(done.contenders.map((k) => k.firstProgressMs));

    // Streaming off: nothing arrives before the image, so there is no first progress to show.
    await again.call('settings.update', { streaming: false });
    const plain = await again.settled((await again.call<Comparison>('compare.start', { ...flashVsPro, prompt: 'no stream' })).id);
    expect(plain.contenders.map((k) => [k.state, k.firstProgressMs])).toEqual([
      ['succeeded', null],
      ['succeeded', null],
    ]);
    expect(plain.contenders.every((k) => k.finalMs !== null)).toBe(true);
  });

  it('refuses bad contender sets before anything is queued, saying why', async () => {
    const s = await start();
    const refuse = (input: object) => s.call('compare.start', input).then(() => null, (e: Error & { code: string }) => `${e.code}: ${e.message}`);
    expect(await refuse({ ...flashVsPro, contenders: [{ tier: 'flash' }] })).toMatch(/bad_input: .*at least two contenders/);
    expect(await refuse({ ...flashVsPro, contenders: Array(5).fill({ tier: 'flash' }) })).toMatch(/at most four contenders/);
    expect(await refuse({ ...flashVsPro, contenders: [{ tier: 'pro', imageSize: '1K' }, { tier: 'pro' }] })).toBe(
      'bad_input: Contenders 1 and 2 are the same (Pro 1K). Change the model or an option of one of them.',
    );
    // Today's Flash (Nano Banana 2.1) refuses 512 like Pro: the first contender that cannot run is named.
    expect(await refuse({ ...flashVsPro, contenders: [{ tier: 'flash', imageSize: '512' }, { tier: 'pro', imageSize: '512' }] })).toMatch(
      /^unsupported: Contender 1 \(Flash 512\) cannot run: .* cannot make 512 images\. Choose one of 1K, 2K, 4K\.$/,
    );
    expect(await refuse({ ...flashVsPro, contenders: [{ tier: 'lite', thinkingLevel: 'medium' }, { tier: 'pro' }] })).toMatch(/cannot think at level "medium"\. Choose minimal or high/);
    expect(await refuse({ ...flashVsPro, contenders: [{ tier: 'flash' }, { tier: 'pro', thinkingLevel: 'high' }] })).toMatch(/has no thinking levels/);
    await s.call('settings.update', { monthlyBudgetUsd: 0.1 });
    const over = await refuse(flashVsPro);
    expect(over).toMatch(/^over_budget: This comparison would cost about \$0\.\d\d in all \(Flash 1K \$0\.\d\d, Pro 1K \$0\.\d\d\).*Nothing was sent/);
    expect(s.atelier.db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0);
    expect(s.atelier.db.prepare('SELECT count(*) FROM comparisons').pluck().get()).toBe(0);
    expect(generateCalls()).toHaveLength(0);
  });

  it('a failing contender shows its error, the rest still compare, and only finished ones can win', async () => {
    const s = await start();
    fx.fake.enqueue({ kind: 'error', status: 400, model: PRO });
    const c = await s.call<Comparison>('compare.start', {
      ...flashVsPro,
      contenders: [{ tier: 'flash', imageSize: '1K' }, { tier: 'flash', imageSize: '2K' }, { tier: 'pro', imageSize: '1K' }, { tier: 'pro', imageSize: '2K' }],
    });
    const done = await s.settled(c.id);
    const failed = done.contenders.filter((k) => k.state === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.label).toMatch(/^Pro/);
    expect(failed[0]!.error!.message).toBeTruthy();
    expect(done.contenders.filter((k) => k.state === 'succeeded')).toHaveLength(3);
    await expect(s.call('compare.vote', { id: c.id, kind: 'winner', winner: failed[0]!.index })).rejects.toThrow('did not finish, so it cannot win');
    const ok = done.contenders.find((k) => k.state === 'succeeded')!;
    expect((await s.call<Comparison>('compare.vote', { id: c.id, kind: 'winner', winner: ok.index })).vote!.winner).toBe(ok.index);
  });

  it('refuses a vote while results are still coming, and cancels mid-way', async () => {
    const s = await start();
    fx.fake.enqueue({ kind: 'hang', model: PRO });
    const c = await s.call<Comparison>('compare.start', flashVsPro);
    await s.settled(c.id, (x) => x.contenders[0]!.state === 'succeeded' && x.contenders[1]!.state === 'running');
    await expect(s.call('compare.vote', { id: c.id, kind: 'tie' })).rejects.toThrow('Wait until every result has arrived');
    const cancelled = await s.call<Comparison>('compare.cancel', { id: c.id });
    expect(cancelled.state).toBe('cancelled');
    const after = await s.settled(c.id, (x) => x.contenders[1]!.state === 'cancelled');
    expect(after.contenders[0]!.state).toBe('succeeded');
    // One finished result is nothing to choose between; "all bad" is still a verdict.
    await expect(s.call('compare.vote', { id: c.id, kind: 'tie' })).rejects.toThrow('Fewer than two results finished');
    expect((await s.call<Comparison>('compare.vote', { id: c.id, kind: 'all_bad' })).vote!.kind).toBe('all_bad');
  });

  it('issue 17 §6: follows its jobs through the queue’s typed hook; a job.updated on the window’s event bus moves nothing', async () => {
    const s = await start();
    fx.fake.enqueue({ kind: 'hang', model: PRO });
    const c = await s.call<Comparison>('compare.start', flashVsPro);
    const running = await s.settled(c.id, (x) => x.contenders[0]!.state === 'succeeded' && x.contenders[1]!.state === 'running');
    const jobId = running.contenders[1]!.jobId!;
    // A forged update on the bus the window listens to: the queue never said so.
    s.atelier.events.emit('job.updated', { ...s.atelier.queue.get(jobId), state: 'failed', error: { code: 'server', message: 'forged' } } as Job);
    // A vote first applies every update heard so far: the contender is still running.
    await expect(s.call('compare.vote', { id: c.id, kind: 'tie' })).rejects.toThrow('Wait until every result has arrived');
    expect((await s.call<Comparison>('compare.get', { id: c.id })).contenders[1]!.state).toBe('running');
    await s.call('compare.cancel', { id: c.id });
  });

  it('blind comparisons shuffle their order, and stats add up votes with filters', async () => {
    // A fixed sequence of draws: 0.9 keeps Flash first, 0.1 swaps the two.
    const draws = [0.9, 0.1, 0.9, 0.1, 0.1];
    const s = await start(tempDir(), () => draws.shift() ?? 0.5);
    const orders: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await s.call<Comparison>('compare.start', { ...flashVsPro, prompt: `lighthouse ${i}`, blind: i < 5 });
      orders.push(c.order.join());
      await s.settled(c.id);
      ids.push(c.id);
      await s.call('compare.vote', i === 3 ? { id: c.id, kind: 'tie' } : { id: c.id, kind: 'winner', winner: i % 3 === 0 ? 0 : 1 });
    }
    expect(orders).toEqual(['0,1', '1,0', '0,1', '1,0', '1,0', '0,1']);
    // Until it is voted on, a blind comparison's list entry does not name its models.
    const fresh = await s.call<Comparison>('compare.start', { ...flashVsPro, prompt: 'unvoted', blind: true });
    await s.settled(fresh.id);
    expect((await s.call<Array<{ id: string; labels: string[] }>>('compare.list')).find((x) => x.id === fresh.id)!.labels).toEqual(['Result A', 'Result B']);
    const unvoted = await s.call<Comparison>('compare.get', { id: fresh.id });
    expect(await s.call('compare.forAsset', { assetId: unvoted.contenders[0]!.assetId })).toMatchObject({ id: fresh.id, outcome: 'no_vote', labels: ['Result A', 'Result B'] });
    const tied = await s.call<Comparison>('compare.get', { id: ids[3] });
    expect(await s.call('compare.forAsset', { assetId: tied.contenders[1]!.assetId })).toMatchObject({ id: ids[3], outcome: 'tie' });
    // An image that was never a contender has no comparison to show.
    expect(await s.call('compare.forAsset', { assetId: globalThis.crypto.randomUUID() })).toBeNull();
    const all = await s.call<CompareStats>('compare.stats', {});
    expect(all.voted).toBe(6);
    expect(all.pairs[0]).toMatchObject({ a: 'Flash 1K', b: 'Pro 1K', winsA: 1, winsB: 4, ties: 1 });
    expect(all.pairs[0]!.answer).toMatch(/^For your prompts, Pro 1K wins \d+–\d+ % of votes against Flash 1K \(4 of 5 decided\)/);
    const blind = await s.call<CompareStats>('compare.stats', { blindOnly: true });
    expect(blind.voted).toBe(5);
    const first = await s.call<Comparison>('compare.get', { id: ids[0] });
    await s.call('library.tag', { ids: [first.contenders[0]!.assetId], add: ['harbour'] });
    expect((await s.call<CompareStats>('compare.stats', { tag: 'harbour' })).voted).toBe(1);
    expect((await s.call<CompareStats>('compare.stats', { from: Date.now() + 60_000 })).voted).toBe(0);
  });
});

describe('canvas edits', () => {
  async function photo(s: Awaited<ReturnType<typeof start>>, w = 64, h = 48) {
    const png = await sharp({ create: { width: w, height: h, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
    return s.call<EditOpen>('edit.import', { name: 'photo.png', dataBase64: png.toString('base64') });
  }
  const maskPng = async (w: number, h: number) =>
    `data:image/png;base64,${(await sharp({ create: { width: w, height: h, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } })
      .composite([{ input: await sharp({ create: { width: Math.ceil(w / 2), height: Math.ceil(h / 2), channels: 4, background: { r: 255, g: 255, b: 255, alpha: 1 } } }).png().toBuffer(), left: 0, top: 0 }])
      .png()
      .toBuffer()).toString('base64')}`;

  it('sends the base image and the marked copy with the builder\'s words; marks stay out of the library', async () => {
    const s = await start();
    const o = await photo(s);
    const draft = await s.call<EditDraft>('edit.prepare', { assetId: o.assetId, instruction: 'make it a red door', mask: await maskPng(o.previewWidth, o.previewHeight) });
    expect(draft.edit.mode).toBe('region');
    const job = await s.call<Job>('generate.start', { tier: 'flash', aspectRatio: null, prompt: draft.prompt, references: draft.references, edit: draft.edit });
    await s.atelier.queue.whenIdle();
    expect(s.atelier.queue.get(job.id).state).toBe('succeeded');
    const parts = (generateCalls()[0]!.body as { contents: Array<{ parts: Array<{ text?: string; inlineData?: { data: string } }> }> }).contents[0]!.parts;
    expect(parts[0]!.text).toContain('Change only the region marked in the second image: make it a red door.');
    const [base, marked] = [parts[1]!.inlineData!.data, parts[2]!.inlineData!.data].map((d) => Buffer.from(d, 'base64'));
    const px = async (b: Buffer) => [...(await sharp(b).removeAlpha().extract({ left: 2, top: 2, width: 1, height: 1 }).raw().toBuffer())];
    expect(await px(base!)).toEqual([30, 120, 200]);
    expect((await px(marked!))[0]).toBeGreaterThan(100); // red laid over the blue
    // Only the photo and the result are library images; the marks are blobs.
    expect(s.atelier.db.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(2);
    expect(s.atelier.db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBeGreaterThanOrEqual(2);
    const result = s.atelier.queue.get(job.id).assetIds[0]!;
    const detail = await s.call<{ lineage: Array<{ id: string }> }>('library.get', { id: result });
    expect(detail.lineage.map((n) => n.id)).toEqual([o.assetId, result]);
    // Replay: the stored request carries the marks.
    expect(s.atelier.queue.get(job.id).request.edit!.marks.map((m) => m.role)).toEqual(['marked', 'mask']);
  });

  it('refuses "change only the marked region" with an empty mask, with a hint', async () => {
    const s = await start();
    const o = await photo(s);
    await expect(s.call('edit.prepare', { assetId: o.assetId, instruction: 'change only the marked region to grass' })).rejects.toThrow(/nothing is marked\. Paint over/);
  });

  it('expands for an outpaint and compares the same edit on Flash and Pro', async () => {
    const s = await start();
    const o = await photo(s, 40, 40);
    const expanded = await s.call<EditOpen & { placedAt: { left: number; width: number } }>('edit.transform', { assetId: o.assetId, ops: [{ op: 'expand', ratio: '16:9' }] });
    expect(expanded.width / expanded.height).toBeCloseTo(16 / 9, 1);
    expect(expanded.placedAt).toMatchObject({ top: 0, width: 40, height: 40 });
    const draft = await s.call<EditDraft>('edit.prepare', { assetId: expanded.assetId, instruction: 'more harbour', outpaintFrom: expanded.placedAt });
    expect(draft.edit.mode).toBe('outpaint');
    const c = await s.call<Comparison>('compare.start', { prompt: draft.prompt, references: draft.references, edit: draft.edit, aspectRatio: '16:9', contenders: [{ tier: 'flash' }, { tier: 'pro' }] });
    const done = await s.settled(c.id);
    expect(done.contenders.every((k) => k.state === 'succeeded')).toBe(true);
    expect(generateCalls()).toHaveLength(2);
    for (const r of generateCalls()) {
      const parts = (r.body as { contents: Array<{ parts: Array<{ text?: string; inlineData?: object }> }> }).contents[0]!.parts;
      expect(parts[0]!.text).toContain('Fill the marked border');
      expect(parts.filter((p) => p.inlineData)).toHaveLength(2);
    }
  });

  it('says what it did with an animated GIF, and refuses a non-image and a damaged file', async () => {
    const s = await start();
    const frame = (r: number) => sharp({ create: { width: 8, height: 8, channels: 4, background: { r, g: 0, b: 0, alpha: 1 } } }).raw().toBuffer();
    // A real two-frame GIF: sharp writes pages from a tall image when pageHeight is given.
    const twoPage = await sharp(Buffer.concat([await frame(255), await frame(0)]), { raw: { width: 8, height: 16, channels: 4, pageHeight: 8 } as never }).gif({ loop: 0 }).toBuffer();
    expect((await sharp(twoPage).metadata()).pages).toBe(2);
    const opened = await s.call<EditOpen>('edit.import', { name: 'wave.gif', dataBase64: twoPage.toString('base64') });
    expect(opened.notices[0]).toBe('wave.gif is an animated GIF (2 frames); the canvas edits its first frame only.');
    expect([opened.width, opened.height]).toEqual([8, 8]);
    await expect(s.call('edit.import', { name: 'notes.txt', dataBase64: Buffer.from('hello').toString('base64') })).rejects.toThrow('notes.txt is not an image Atelier can open');
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: 'white' } }).png().toBuffer();
    await expect(s.call('edit.import', { name: 'half.png', dataBase64: png.subarray(0, 60).toString('base64') })).rejects.toThrow(/half\.png (is damaged|is not an image)/);
    // Its header reads fine; its pixels stop halfway. Caught before it reaches the library.
    const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, background: 'white', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer();
    const assets = s.atelier.db.prepare('SELECT count(*) FROM assets').pluck().get();
    await expect(s.call('edit.import', { name: 'cut.jpg', dataBase64: jpeg.subarray(0, jpeg.length >> 1).toString('base64') })).rejects.toThrow('cut.jpg is damaged: its pixels cannot be read.');
    expect(s.atelier.db.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(assets);
  });
});

/**
 * Batches from a file end to end in Node: createAtelier, the router, the real @google/genai SDK
 * and the fake Gemini server's Files API and file-sourced batches (issue 17 §5).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchFilePlan, FailedRow, FileBatch } from '../../../../../shared/ipc/contract';
import { pngOf } from '../../../../support/images';
import { atelierFixture, type Session } from '../../../../support/atelierFixture';
import { tempDir } from '../../../../support/tmp';
import { forkHelper, type LaunchHelper } from '../../../../../electron/services/images/ImageHelper';

const KEY = 'AIzaFileBatchTestKey000000000000000000';
const fx = atelierFixture({ key: KEY, fake: true, options: { batchPollMs: 20, libraryCheckDelayMs: 60_000 } });

async function start(o: Parameters<typeof fx.start>[0] = {}): Promise<Session> {
  fx.fake.batchTiming = { pendingMs: 0, runningMs: 50 };
  fx.fake.prerenderedImages = true;
  return fx.start(o);
}

/** A folder with a CSV and `refs` distinct reference photos. */
async function sheet(rows: string[], header = 'prompt,ratio,size,references,filename,tags,collection', refs = 0): Promise<{ dir: string; csv: string }> {
  const dir = tempDir('batch-sheet-');
  for (let i = 0; i < refs; i++) fs.writeFileSync(path.join(dir, `ref-${i}.png`), await pngOf(32, 32, [i * 40, 100, 200]));
  const csv = path.join(dir, 'catalogue.csv');
  fs.writeFileSync(csv, [header, ...rows].join('\n') + '\n');
  return { dir, csv };
}

const list = (s: Session) => s.call<FileBatch[]>('batchFile.list');
const batchOf = async (s: Session, id: string) => (await list(s)).find((b) => b.id === id)!;
const stageOf = async (s: Session, id: string) => (await batchOf(s, id)).stage;
const uploadStarts = (mime: string) => fx.fake.requests.filter((r) => r.path.endsWith('/files') && r.headers['x-goog-upload-command'] === 'start' && r.headers['x-goog-upload-header-content-type'] === mime).length;
const count = (s: Session, sql: string, ...args: unknown[]) => s.atelier.db.prepare(sql).pluck().get(...args) as number;

async function inspect(s: Session, csv: string, tier = 'flash'): Promise<BatchFilePlan> {
  return s.call<BatchFilePlan>('batchFile.inspect', { name: path.basename(csv), path: csv, tier });
}

async function runToEnd(s: Session, csv: string): Promise<FileBatch> {
  const plan = await inspect(s, csv);
  expect(plan.problems).toEqual([]);
  const batch = await s.call<FileBatch>('batchFile.start', { planId: plan.planId });
  await expect.poll(() => stageOf(s, batch.id), { timeout: 20_000 }).toMatch(/done|failed|cancelled/);
  return batchOf(s, batch.id);
}

describe('reading a batch file', () => {
  it('names every problem by its row and column, previews the first rows and prices them at the batch rate', async () => {
    const s = await start();
    const { csv } = await sheet(
      ['a pear,16:9,2K,,pear.png,fruit,Still lifes', ',1:1,,,,,', 'a plum,17:3,,,,,', 'a fig,,,missing.png,,,', 'a quince,,512,,,,', 'a lemon,,,,a/b.png,,'],
      'prompt,ratio,size,references,filename,tags,collection,notes',
    );
    const plan = await inspect(s, csv);
    expect(plan.rows).toBe(6);
    expect(plan.ignoredColumns).toEqual(['notes']);
    expect(plan.preview).toHaveLength(1);
    expect(plan.preview[0]).toMatchObject({ row: 2, prompt: 'a pear', aspectRatio: '16:9', imageSize: '2K', filename: 'pear.png', tags: ['fruit'], collection: 'Still lifes' });
    expect(plan.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'prompt'],
      [4, 'ratio'],
      [5, 'references'],
      [6, 'size'],
      [7, 'filename'],
    ]);
    expect(plan.problems[1]!.message).toContain('“17:3” is not an aspect ratio');
    expect(plan.problems[2]!.message).toContain('There is no file at “missing.png”');
    // Nano Banana 2.1 has no 512 size: the model's own refusal, pointed at the size column.
    expect(plan.problems[3]!.message).toMatch(/cannot make 512 images/);
    expect(plan.estimateUsd).toBeGreaterThan(0);
    // One Flash 2K image at half price, a few cents.
    expect(plan.estimateUsd).toBeLessThan(0.1);
    const refused = await s.tryCall('batchFile.start', { planId: plan.planId });
    expect(refused).toMatchObject({ ok: false, code: 'bad_input' });
    expect(fx.fake.requests).toHaveLength(0);
  });

  it('refuses a file that is not CSV or JSONL, and a row that asks for another class than the batch', async () => {
    const s = await start();
    const bad = await s.tryCall('batchFile.inspect', { name: 'sheet.xlsx', text: 'x', tier: 'flash' });
    expect(bad).toMatchObject({ ok: false, code: 'bad_input' });
    expect(bad.ok ? '' : bad.message).toContain('not a CSV or JSONL file');
    const plan = await s.call<BatchFilePlan>('batchFile.inspect', { name: 'rows.jsonl', text: '{"prompt":"a pear","class":"pro"}\nnot json\n{"prompt":"a plum"}\n', tier: 'flash' });
    expect(plan.problems.map((p) => [p.row, p.column])).toEqual([
      [1, 'class'],
      [2, '(line)'],
    ]);
    expect(plan.rows).toBe(2);
  });
});

describe('running a batch file', () => {
  it('uploads each reference once, sends one JSONL by the resumable protocol with store:false, and imports every line with its name, tags and collection', async () => {
    const s = await start({ tuning: { batchPollMs: 20 } });
    const rows = Array.from({ length: 30 }, (_, i) => `product ${i},1:1,,ref-${i % 3}.png,item-${i}.png,catalogue;autumn,Autumn`);
    const { csv } = await sheet(rows, undefined, 3);
    const done = await runToEnd(s, csv);
    expect(done.error).toBeNull();
    expect(done).toMatchObject({ stage: 'done', total: 30, succeeded: 30, failed: 0, imported: 30, referencesTotal: 3, referencesDone: 3 });
    expect(done.costUsd).toBeGreaterThan(0);
    expect(uploadStarts('image/png')).toBe(3);
    expect(uploadStarts('application/jsonl')).toBe(1);
    const batch = fx.fake.batches[0]!;
    expect(batch.inputFile).toMatch(/^files\//);
    expect(batch.items).toHaveLength(30);
    expect(batch.items.every((it) => (it.request as { store?: boolean }).store === false)).toBe(true);
    // The fake's record of the create call reads the flags out of the JSONL, as for an inline batch.
    expect(fx.fake.requests.find((r) => r.action === 'batchGenerateContent')?.store).toEqual(Array(30).fill(false));
    const parts = (batch.items[4]!.request as { contents: Array<{ parts: Array<{ fileData?: { fileUri: string } }> }> }).contents[0]!.parts;
    expect(parts[0]?.fileData?.fileUri).toContain('/files/');
    expect(count(s, 'SELECT count(*) FROM assets')).toBe(30);
    expect(count(s, "SELECT count(*) FROM assets WHERE name = 'item-7'")).toBe(1);
    expect(count(s, "SELECT count(*) FROM asset_tags WHERE tag = 'autumn'")).toBe(30);
    expect(count(s, "SELECT count(*) FROM collection_assets ca JOIN collections c ON c.id = ca.collection_id WHERE c.name = 'Autumn'")).toBe(30);
    expect(s.events.some((e) => e.event === 'library.added')).toBe(true);
    // A second batch with the same photos reuses the uploads.
    await runToEnd(s, csv);
    expect(uploadStarts('image/png')).toBe(3);
  });

  it('indexes each imported image for search under its file name, with or without tags and a collection', async () => {
    const s = await start();
    // File names share no word with the prompts, which name an image until its file name does.
    const { csv } = await sheet(['a jug,,,,sku-alpha.png,pottery,Shelf', 'a bowl,,,,sku-bravo.png,,', 'a cup,,,,sku-charlie.png,,Shelf']);
    expect(await runToEnd(s, csv)).toMatchObject({ stage: 'done', succeeded: 3 });
    const found = (words: string) => s.atelier.db.prepare('SELECT a.name FROM asset_fts f JOIN assets a ON a.rowid = f.rowid WHERE asset_fts MATCH ? ORDER BY a.name').pluck().all(words);
    expect(found('name:alpha')).toEqual(['sku-alpha']);
    expect(found('name:bravo')).toEqual(['sku-bravo']);
    expect(found('name:charlie')).toEqual(['sku-charlie']);
    expect(found('collections:shelf')).toEqual(['sku-alpha', 'sku-charlie']);
    expect(found('tags:pottery')).toEqual(['sku-alpha']);
  });

  it('imports results as a pipeline: several images in the image helper at once, each stored with its credentials in one trip, thumbnails and fingerprints after', async () => {
    const kinds = new Map<string, number>();
    const duringImport: string[] = [];
    const watched: { session?: Session } = {};
    let inFlight = 0;
    let most = 0;
    // The real helper process, watched at the border: what main asks of it, and how much at once.
    const launch: LaunchHelper = (modulePath) => {
      const child = forkHelper(modulePath);
      const sent = new Set<number>();
      child.on('message', (m) => {
        if ('id' in m && sent.delete(m.id)) inFlight -= 1;
      });
      return {
        ...child,
        on: child.on.bind(child) as typeof child.on,
        postMessage: (m) => {
          kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
          // Background work asked for while a results file is being imported.
          if ((m.kind === 'thumbnail' || m.kind === 'fingerprint') && watched.session?.atelier.db.prepare("SELECT 1 FROM file_batches WHERE stage = 'importing'").get()) duringImport.push(m.kind);
          if (m.kind === 'storeResult') {
            sent.add(m.id);
            most = Math.max(most, ++inFlight);
          }
          child.postMessage(m);
        },
      };
    };
    const s = await start({ tuning: { launchImageHelper: launch } });
    watched.session = s;
    const { csv } = await sheet(Array.from({ length: 40 }, (_, i) => `a teapot ${i},,,,teapot-${i}.png,kitchen,`));
    const done = await runToEnd(s, csv);
    expect(done).toMatchObject({ stage: 'done', imported: 40, succeeded: 40, failed: 0 });
    expect(kinds.get('storeResult')).toBe(40);
    // The credentials were read on the same trip, not on one of their own.
    expect(kinds.get('credentials') ?? 0).toBe(0);
    expect(count(s, 'SELECT count(*) FROM content_credentials')).toBe(40);
    expect(count(s, "SELECT count(*) FROM assets WHERE name = 'teapot-39'")).toBe(1);
    expect(most).toBeGreaterThan(1);
    // Thumbnails and fingerprints wait for the import to end (the helper's time is the import's), then follow.
    expect(duringImport).toEqual([]);
    await s.atelier.library.thumbnails.whenIdle();
    await expect.poll(() => count(s, 'SELECT count(*) FROM image_fingerprints'), { timeout: 20_000 }).toBe(40);
  });

  it('reports upload progress chunk by chunk and carries on after the connection is cut mid-way', async () => {
    const s = await start({ tuning: { batchPollMs: 20, batchFileChunkBytes: 4096 } });
    const { csv } = await sheet(Array.from({ length: 200 }, (_, i) => `a long prompt about product number ${i} on a plain background,,,,,,`));
    const plan = await inspect(s, csv);
    fx.fake.files.hostile.cutUploadAt = 9_000;
    const batch = await s.call<FileBatch>('batchFile.start', { planId: plan.planId });
    await expect.poll(() => stageOf(s, batch.id), { timeout: 20_000 }).toBe('done');
    const chunks = fx.fake.requests.filter((r) => r.query['upload_id'] && /upload/.test(r.headers['x-goog-upload-command'] ?? ''));
    expect(chunks.length).toBeGreaterThan(5);
    const progress = s.events.filter((e) => e.event === 'batchFile.updated').map((e) => (e.payload as FileBatch).uploadedBytes);
    expect(new Set(progress.filter((b) => b > 0)).size).toBeGreaterThan(1);
    expect(fx.fake.requests.some((r) => r.headers['x-goog-upload-command'] === 'query')).toBe(true);
    // Every line arrived whole and in order, across the cut (the fake parsed each one).
    const items = fx.fake.batches[0]!.items;
    expect(items.map((it) => (it.metadata as { key: string }).key)).toEqual(Array.from({ length: 200 }, (_, i) => `row-${i + 2}`));
    // Done: the input and results files are deleted at Google, not left to fill the project's 20 GB.
    // (Counted, not compared: a failing diff of a results file's bytes would not fit in memory.)
    await expect.poll(() => fx.fake.files.list().length).toBe(0);
    expect((await batchOf(s, batch.id)).succeeded).toBe(200);
  });

  it('keeps a failed or broken line with its reason, and runs the failed rows again as a smaller batch', async () => {
    const s = await start();
    const { csv } = await sheet(Array.from({ length: 6 }, (_, i) => `shot ${i},,,,,,`));
    fx.fake.enqueueBatchItemOutcome({ kind: 'success' }, { kind: 'error', status: 400, message: 'The prompt was refused.' });
    fx.fake.files.hostile.brokenResultLines = [4];
    const first = await runToEnd(s, csv);
    expect(first).toMatchObject({ stage: 'done', succeeded: 4, failed: 2 });
    const failures = await s.call<FailedRow[]>('batchFile.failures', { id: first.id });
    expect(failures).toEqual([
      { row: 3, prompt: 'shot 1', reason: expect.stringContaining('The prompt was refused.') },
      { row: 6, prompt: 'shot 4', reason: expect.stringContaining('broken line') },
    ]);
    const again = await s.call<FileBatch>('batchFile.rerunFailed', { id: first.id });
    expect(again).toMatchObject({ total: 2, parentId: first.id });
    await expect.poll(() => stageOf(s, again.id), { timeout: 20_000 }).toBe('done');
    expect(await batchOf(s, again.id)).toMatchObject({ succeeded: 2, failed: 0 });
    const prompts = (fx.fake.batches[1]!.items.map((it) => (it.request as { contents: Array<{ parts: Array<{ text?: string }> }> }).contents[0]!.parts.at(-1)!.text));
    expect(prompts).toEqual(['shot 1', 'shot 4']);
  });

  it('uploads a reference again when Google no longer has it (an expired file)', async () => {
    const s = await start();
    const { csv } = await sheet(['a vase,,,ref-0.png,,,'], undefined, 1);
    await runToEnd(s, csv);
    expect(uploadStarts('image/png')).toBe(1);
    const ref = fx.fake.files.list().find((f) => f.mimeType === 'image/png')!;
    fx.fake.files.expire(ref.name);
    const second = await runToEnd(s, csv);
    expect(second).toMatchObject({ stage: 'done', succeeded: 1 });
    expect(uploadStarts('image/png')).toBe(2);
  });

  it('carries on after a restart while Gemini runs the batch, and imports each line once', async () => {
    const s = await start();
    fx.fake.batchTiming = { pendingMs: 0, runningMs: 600 };
    const { csv } = await sheet(Array.from({ length: 5 }, (_, i) => `night ${i},,,,,,`));
    const plan = await inspect(s, csv);
    const batch = await s.call<FileBatch>('batchFile.start', { planId: plan.planId });
    await expect.poll(() => stageOf(s, batch.id), { timeout: 10_000 }).toBe('running');
    await s.stop();
    const again = await start({ userDataDir: s.userDataDir });
    fx.fake.batchTiming = { pendingMs: 0, runningMs: 600 };
    await expect.poll(() => stageOf(again, batch.id), { timeout: 20_000 }).toBe('done');
    expect(fx.fake.batches.length).toBe(1);
    expect(count(again, 'SELECT count(*) FROM assets')).toBe(5);
  });

  it('carries on an import after a restart and adds each line to the library once', async () => {
    const s = await start();
    const { csv } = await sheet(Array.from({ length: 300 }, (_, i) => `a lantern ${i},,,,,catalogue,`));
    const plan = await inspect(s, csv);
    const batch = await s.call<FileBatch>('batchFile.start', { planId: plan.planId });
    await expect.poll(async () => (await batchOf(s, batch.id)).imported, { timeout: 20_000, interval: 20 }).toBeGreaterThan(0);
    expect((await batchOf(s, batch.id)).imported).toBeLessThan(300);
    await s.stop();
    const again = await start({ userDataDir: s.userDataDir });
    await expect.poll(() => stageOf(again, batch.id), { timeout: 30_000 }).toBe('done');
    expect(await batchOf(again, batch.id)).toMatchObject({ imported: 300, succeeded: 300, failed: 0 });
    expect(count(again, 'SELECT count(*) FROM assets')).toBe(300);
    expect(count(again, 'SELECT count(DISTINCT prompt) FROM generations')).toBe(300);
    expect(count(again, "SELECT count(*) FROM asset_tags WHERE tag = 'catalogue'")).toBe(300);
    expect(fx.fake.batches.length).toBe(1);
  });

  it('carries on an upload after a restart from the bytes Google already has', async () => {
    const s = await start({ tuning: { batchPollMs: 20, batchFileChunkBytes: 1024 } });
    const { csv } = await sheet(Array.from({ length: 300 }, (_, i) => `"a quiet street at dawn, number ${i}, wide shot",,,,,,`));
    const plan = await inspect(s, csv);
    const batch = await s.call<FileBatch>('batchFile.start', { planId: plan.planId });
    await expect.poll(async () => (await batchOf(s, batch.id)).uploadedBytes, { timeout: 20_000 }).toBeGreaterThan(8 * 1024);
    await s.stop();
    const sentBefore = fx.fake.requests.length;
    const again = await start({ userDataDir: s.userDataDir, tuning: { batchPollMs: 20, batchFileChunkBytes: 1024 } });
    await expect.poll(() => stageOf(again, batch.id), { timeout: 30_000 }).toBe('done');
    const after = fx.fake.requests.slice(sentBefore);
    expect(after.some((r) => r.headers['x-goog-upload-command'] === 'start' && r.headers['x-goog-upload-header-content-type'] === 'application/jsonl')).toBe(false);
    expect(after.find((r) => r.headers['x-goog-upload-command'] === 'query')).toBeDefined();
    const firstChunk = after.find((r) => /upload/.test(r.headers['x-goog-upload-command'] ?? '') && r.query['upload_id']);
    expect(Number(firstChunk?.headers['x-goog-upload-offset'])).toBeGreaterThan(8 * 1024);
    expect((await batchOf(again, batch.id)).succeeded).toBe(300);
  });

  it('cancels in the middle of the upload: the session is closed at Google and nothing is created', async () => {
    const s = await start({ tuning: { batchPollMs: 20, batchFileChunkBytes: 512 } });
    const { csv } = await sheet(Array.from({ length: 300 }, (_, i) => `"a harbour crane at night, number ${i}",,,,,,`));
    const plan = await inspect(s, csv);
    const batch = await s.call<FileBatch>('batchFile.start', { planId: plan.planId });
    await expect.poll(async () => (await batchOf(s, batch.id)).uploadedBytes, { timeout: 20_000 }).toBeGreaterThan(2048);
    const cancelled = await s.call<FileBatch>('batchFile.cancel', { id: batch.id });
    expect(cancelled.stage).toBe('cancelled');
    expect(fx.fake.requests.some((r) => r.headers['x-goog-upload-command'] === 'cancel')).toBe(true);
    expect(fx.fake.files.openSessions).toBe(0);
    expect(fx.fake.batches.length).toBe(0);
  });

  it('cancels while Gemini runs the batch: cancelled there too, nothing imported', async () => {
    const s = await start();
    fx.fake.batchTiming = { pendingMs: 0, runningMs: 60_000 };
    const { csv } = await sheet(['a kite,,,,,,']);
    const plan = await inspect(s, csv);
    const batch = await s.call<FileBatch>('batchFile.start', { planId: plan.planId });
    await expect.poll(() => stageOf(s, batch.id), { timeout: 10_000 }).toBe('running');
    const cancelled = await s.call<FileBatch>('batchFile.cancel', { id: batch.id });
    expect(cancelled.stage).toBe('cancelled');
    expect(fx.fake.batches[0]!.state).toBe('BATCH_STATE_CANCELLED');
    expect(count(s, 'SELECT count(*) FROM assets')).toBe(0);
  });
});

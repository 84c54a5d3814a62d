/**
 * Hostile and broken files (issue 10, "Files: bombs and partial failures" and the import part of
 * "A compromised window"), through the router as the window calls it.
 */
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { AssetDetail } from '../../../../shared/ipc/contract';
import { EventBus } from '../../../../electron/services/events';
import { Importer, NOT_OPENED } from '../../../../electron/services/library/Importer';
import { PNG_KEYWORD } from '../../../../electron/services/library/metadata';
import { pngOf } from '../../../support/images';
import { noDesktop } from '../../../../electron/services/desktop/DesktopShell';
import { atelierFixture, ORIGIN } from '../../../support/atelierFixture';
import { memoryLogger, tempDir } from '../../../support/tmp';

const fx = atelierFixture({ options: { libraryCheckDelayMs: 60_000 } });

interface ImportAnswer {
  imported: Array<{ id: string; prompt: string | null; duplicate: boolean }>;
  rejected: Array<{ name: string; reason: string }>;
}

async function start({ lazyThumbnailsAbove }: { lazyThumbnailsAbove?: number } = {}) {
  const { atelier, userDataDir, events, call, tryCall: handle } = await fx.start({ tuning: lazyThumbnailsAbove !== undefined ? { lazyThumbnailsAbove } : {} });
  const importPaths = (...paths: string[]) => call<ImportAnswer>('library.import', { files: paths.map((p) => ({ name: path.basename(p), path: p })) });
  const libDir = path.join(userDataDir, 'library');
  const storedFiles = () => fs.readdirSync(path.join(libDir, 'files'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  const rowCount = () => atelier.db.prepare('SELECT COUNT(DISTINCT sha256) FROM assets').pluck().get() as number;
  return { atelier, handle, call, importPaths, events, libDir, storedFiles, rowCount };
}

/** A PNG chunk with its CRC, inserted just before IEND. */
function withChunk(png: Buffer, type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  const iend = png.lastIndexOf(Buffer.from('IEND', 'latin1')) - 4;
  return Buffer.concat([png.subarray(0, iend), head, data, crc, png.subarray(iend)]);
}

/** A compressed iTXt chunk under our own keyword. */
function compressedText(png: Buffer, compressed: Buffer): Buffer {
  return withChunk(png, 'iTXt', Buffer.concat([Buffer.from(PNG_KEYWORD, 'latin1'), Buffer.from([0, 1, 0, 0, 0]), compressed]));
}

/** `bytes` zeros, deflated as a stream (never held whole): about 1,000 to 1. */
async function deflatedZeros(bytes: number): Promise<Buffer> {
  const z = zlib.createDeflate({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const block = Buffer.alloc(8 * 1024 * 1024);
  for (let n = 0; n < bytes; n += block.length) if (!z.write(block)) await once(z, 'drain');
  z.end();
  await once(z, 'end');
  return Buffer.concat(out);
}

/** The longest the event loop went without running a timer, while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 2);
  try {
    const result = await work();
    return { result, stallMs };
  } finally {
    clearInterval(timer);
  }
}

function write(dir: string, name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}

describe('bombs and broken metadata', () => {
  it('a zlib bomb in a PNG text chunk neither stalls main nor fails the import: the image comes in, its "metadata" is ignored', async () => {
    const { importPaths, storedFiles, rowCount } = await start();
    const dir = tempDir();
    // 256 MiB of zeros in a chunk of about 256 KB.
    const bomb = write(dir, 'bomb.png', compressedText(await pngOf(64, 48, [10, 20, 30]), await deflatedZeros(256 * 1024 * 1024)));
    const { result, stallMs } = await longestStall(() => importPaths(bomb));
    expect(result.rejected).toEqual([]);
    expect(result.imported).toMatchObject([{ prompt: 'bomb.png', duplicate: false }]);
    expect(stallMs).toBeLessThan(250);
    expect(storedFiles()).toBe(rowCount());
  });

  it('a PNG whose text chunk is corrupt zlib imports as a plain photo, and nothing is left on disk that no row uses', async () => {
    const { importPaths, storedFiles, rowCount } = await start();
    const dir = tempDir();
    const broken = write(dir, 'broken-text.png', compressedText(await pngOf(50, 40), Buffer.from('this is not zlib at all')));
    const res = await importPaths(broken);
    expect(res.rejected).toEqual([]);
    expect(res.imported).toMatchObject([{ prompt: 'broken-text.png' }]);
    expect(storedFiles()).toBe(1);
    expect(rowCount()).toBe(1);
  });

  it('an embedded record that breaks the app\'s own schemas is ignored, not stored', async () => {
    const { importPaths, call } = await start();
    const dir = tempDir();
    const record = { app: 'Atelier', version: 1, prompt: 'x', modelId: 'bad model id with spaces', tier: 'ultra', params: {}, text: null, createdAt: -5 };
    const png = withChunk(await pngOf(30, 30), 'iTXt', Buffer.concat([Buffer.from(PNG_KEYWORD, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(JSON.stringify(record))]));
    const res = await importPaths(write(dir, 'forged.png', png));
    const detail = await call<AssetDetail>('library.get', { id: res.imported[0]!.id });
    expect(detail.generation).toBeNull();
    expect((await call<{ total: number }>('library.search', {})).total).toBe(1);
  });
});

describe('one bad file is that file\'s reason', () => {
  it('an unexpected failure on one file is its reason; the import finishes once with a true report and nothing lands after it', async () => {
    const { importPaths, call, events, libDir } = await start();
    const dir = tempDir();
    const paths: string[] = [];
    for (let i = 0; i < 12; i++) paths.push(write(dir, `ok-${String(i).padStart(2, '0')}.png`, await pngOf(30 + i, 30, [i * 20, 40, 60])));
    // The store cannot make the folder this one's bytes go to: a plain Error from fs, not a bad file.
    const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
    const taken = new Set(paths.map((p) => sha256(fs.readFileSync(p)).slice(0, 2)));
    let doomed = await pngOf(77, 77, [1, 2, 3]);
    for (let c = 4; taken.has(sha256(doomed).slice(0, 2)); c++) doomed = await pngOf(77, 77, [1, 2, c]);
    const sha = sha256(doomed);
    fs.writeFileSync(path.join(libDir, 'files', sha.slice(0, 2)), 'in the way');
    paths.splice(3, 0, write(dir, 'doomed.png', doomed));

    const res = await importPaths(...paths);
    expect(res.imported).toHaveLength(12);
    expect(res.rejected).toEqual([{ name: 'doomed.png', reason: expect.stringMatching(/went wrong while importing this file/) }]);
    const progress = events.filter((e) => e.event === 'import.progress').map((e) => e.payload as { finished: boolean; done: number; imported: number; rejected: number });
    expect(progress.filter((p) => p.finished)).toHaveLength(1);
    expect(progress.at(-1)).toMatchObject({ finished: true, done: 13, imported: 12, rejected: 1 });
    // The report is the whole truth at the moment it arrives.
    expect((await call<{ total: number }>('library.search', {})).total).toBe(12);
  });
});

describe('every file is checked, thumbnails or not', () => {
  it('in an import large enough to defer thumbnails, a truncated JPEG, a cut-off PNG and a 100,000 × 100,000 header are refused', async () => {
    const { importPaths } = await start({ lazyThumbnailsAbove: 0 });
    const dir = tempDir();
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#468' } }).jpeg().toBuffer();
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).png().toBuffer();
    const huge = Buffer.from(png);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    huge.writeUInt32BE(zlib.crc32(huge.subarray(12, 29)) >>> 0, 29);
    const res = await importPaths(
      write(dir, 'whole.jpg', jpeg),
      write(dir, 'cut.jpg', jpeg.subarray(0, Math.floor(jpeg.length * 0.6))),
      write(dir, 'cut.png', png.subarray(0, Math.floor(png.length * 0.6))),
      write(dir, 'huge.png', huge),
    );
    expect(res.imported).toHaveLength(1);
    expect(res.rejected).toEqual([
      { name: 'cut.jpg', reason: 'The image is incomplete (the file was cut off).' },
      { name: 'cut.png', reason: 'The image is incomplete (the file was cut off).' },
      // sharp's header read refuses this one itself; it stays here so no deferral path skips it.
      { name: 'huge.png', reason: expect.stringMatching(/Not a readable image|too large to open/) },
    ]);
  });
});

describe('links', () => {
  it('links inside a folder are reported and never followed, to a file or a folder outside it', async () => {
    const { call, importPaths } = await start();
    const outside = tempDir();
    write(outside, 'secret.png', await pngOf(20, 20, [255, 0, 0]));
    write(outside, 'more/also-secret.png', await pngOf(21, 21, [0, 255, 0]));
    const dir = tempDir();
    write(dir, 'chosen/mine.png', await pngOf(22, 22, [0, 0, 255]));
    fs.symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'chosen', 'link-to-file.png'));
    fs.symlinkSync(path.join(outside, 'more'), path.join(dir, 'chosen', 'link-to-folder'));
    const res = await importPaths(path.join(dir, 'chosen'));
    expect(res.imported).toHaveLength(1);
    expect(res.rejected).toEqual([
      { name: path.join('chosen', 'link-to-file.png'), reason: expect.stringMatching(/^A link/) },
      { name: path.join('chosen', 'link-to-folder'), reason: expect.stringMatching(/^A link/) },
    ]);
    expect((await call<{ total: number }>('library.search', {})).total).toBe(1);
  });

  it('the asset route and reference reads refuse an original that became a link', async () => {
    const { atelier, importPaths } = await start();
    const dir = tempDir();
    const res = await importPaths(write(dir, 'photo.png', await pngOf(40, 40)));
    const id = res.imported[0]!.id;
    const original = atelier.library.fileOf(id, 'original')!.path;
    expect((await atelier.handleRequest(new Request(`${ORIGIN}/assets/${id}`))).status).toBe(200);
    const secret = write(tempDir(), 'id_rsa', 'PRIVATE KEY');
    fs.rmSync(original);
    fs.symlinkSync(secret, original);
    const served = await atelier.handleRequest(new Request(`${ORIGIN}/assets/${id}`));
    expect(served.status).toBe(404);
    expect(await served.text()).not.toContain('PRIVATE');
    expect(() => atelier.library.original(id)).toThrow(/missing from the library folder/);
  });
});

describe('trash', () => {
  it('re-importing an image that is in the trash brings it back', async () => {
    const { call, importPaths } = await start();
    const file = write(tempDir(), 'again.png', await pngOf(33, 33, [9, 99, 199]));
    const first = await importPaths(file);
    const id = first.imported[0]!.id;
    await call('library.trash', { ids: [id] });
    expect((await call<{ total: number }>('library.search', {})).total).toBe(0);
    const second = await importPaths(file);
    expect(second.imported).toMatchObject([{ id, duplicate: false }]);
    expect((await call<AssetDetail>('library.get', { id })).trashedAt).toBeNull();
    expect((await call<{ assets: Array<{ id: string }> }>('library.search', { text: 'again' })).assets.map((a) => a.id)).toEqual([id]);
  });
});

describe('a window that names paths', () => {
  it('refuses relative paths with a clear message', async () => {
    const { handle } = await start();
    const res = await handle('library.import', { files: [{ name: 'x', path: 'package.json' }] });
    expect(res).toMatchObject({ ok: false, code: 'bad_input', message: expect.stringMatching(/full path/) });
    const dotted = await handle('library.import', { files: [{ name: 'x', path: '../../etc/passwd' }] });
    expect(dotted).toMatchObject({ ok: false, code: 'bad_input' });
  });

  it('answers the same for a missing file, a folder-less path, an empty file, a non-image and a huge non-image: no size, no existence', async () => {
    const { importPaths, storedFiles } = await start();
    const dir = tempDir();
    const big = path.join(dir, 'big.bin');
    fs.writeFileSync(big, 'x');
    fs.truncateSync(big, 150 * 1024 * 1024); // sparse: costs no disk
    const res = await importPaths(path.join(dir, 'nothing-here.png'), path.join(dir, 'no', 'such', 'dir.png'), write(dir, 'empty.png', ''), write(dir, 'notes.txt', 'hello'), big);
    expect(res.imported).toEqual([]);
    expect(new Set(res.rejected.map((r) => r.reason))).toEqual(new Set([NOT_OPENED]));
    expect(storedFiles()).toBe(0);
  });

  it('an image too large says so, without its size', async () => {
    const { importPaths } = await start();
    const dir = tempDir();
    const big = path.join(dir, 'big.png');
    fs.writeFileSync(big, await pngOf(10, 10));
    fs.truncateSync(big, 101 * 1024 * 1024);
    const res = await importPaths(big);
    expect(res.rejected).toEqual([{ name: 'big.png', reason: 'Too large: Atelier imports images up to 100 MB.' }]);
  });

  it('folder walks are bounded in depth and in files, and say what they left out', async () => {
    const dir = tempDir();
    const events = new EventBus();
    const { atelier } = await start();
    const importer = new Importer(atelier.library, events, Infinity, memoryLogger(), { files: 3, entries: 1000, depth: 2 });
    let deep = path.join(dir, 'top');
    for (let d = 0; d < 4; d++) {
      write(deep, `level${d}.png`, await pngOf(10 + d, 10, [d * 50, 0, 0]));
      deep = path.join(deep, `sub${d}`);
    }
    const res = await importer.run([{ name: 'top', path: path.join(dir, 'top') }]);
    expect(res.imported).toHaveLength(3);
    expect(res.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/nested more than 2 levels deep were left out/)]);

    const wide = tempDir();
    for (let i = 0; i < 5; i++) write(wide, `w${i}.png`, await pngOf(12, 12 + i, [0, i * 40, 0]));
    const many = await importer.run([{ name: 'wide', path: wide }]);
    expect(many.imported).toHaveLength(3);
    expect(many.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/only the first 3 images were taken/)]);
  });
});

describe('the Import buttons use main\'s own dialog', () => {
  it('imports what the user chose in the dialog; a closed dialog imports nothing; no dialog at all says so', async () => {
    const dir = tempDir();
    const chosen = [write(dir, 'one.png', await pngOf(21, 21, [1, 1, 1])), write(dir, 'two.png', await pngOf(22, 22, [2, 2, 2]))];
    write(dir, 'folder/three.png', await pngOf(23, 23, [3, 3, 3]));
    let answer: string[] | null = chosen;
    const { tryCall: handle } = await fx.start({
      tuning: { desktop: { ...noDesktop, pickFiles: async () => answer, pickFolder: async () => path.join(dir, 'folder') } },
    });
    const importId = crypto.randomUUID();
    expect(await handle('library.importPicked', { kind: 'files', importId })).toMatchObject({ ok: true, data: { outcome: 'imported', imported: [{ prompt: 'one.png' }, { prompt: 'two.png' }], rejected: [] } });
    expect(await handle('library.importPicked', { kind: 'folder', importId: crypto.randomUUID() })).toMatchObject({ ok: true, data: { outcome: 'imported', imported: [{ prompt: 'three.png' }] } });
    answer = null;
    expect(await handle('library.importPicked', { kind: 'files', importId: crypto.randomUUID() })).toMatchObject({ ok: true, data: { outcome: 'cancelled', imported: [] } });
    // The window names no path here: the route takes none.
    expect(await handle('library.importPicked', { kind: 'files', importId: crypto.randomUUID(), path: '/etc' })).toMatchObject({ ok: false, code: 'bad_input' });

    const { handle: plain } = await start();
    expect(await plain('library.importPicked', { kind: 'files', importId: crypto.randomUUID() })).toMatchObject({ ok: true, data: { outcome: 'unavailable' } });
  });
});

/** Search, organisation, lineage, import, export and self-check, through the router like the window calls them. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssetDetail, AssetSummary, GenerationParams } from '../../../../shared/ipc/contract';
import type { NewGeneration } from '../../../../electron/services/library/Library';
import { pngText, readEmbedded, PNG_KEYWORD } from '../../../../electron/services/library/metadata';
import { pngOf } from '../../../support/images';
import { atelierFixture, ORIGIN } from '../../../support/atelierFixture';
import type { AtelierOptions } from '../../../../electron/atelier';
import { systemClock } from '../../../../electron/services/clock';
import { tempDir } from '../../../support/tmp';

const fx = atelierFixture({ options: { libraryCheckDelayMs: 0 } });

const PARAMS: GenerationParams = { aspectRatio: '1:1', imageSize: '1K', modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] };

async function start(userDataDir = tempDir(), exportFolder = tempDir(), tuning: Partial<AtelierOptions> = {}) {
  const desktop = { calls: [] as string[] };
  const { atelier, events, call, stop } = await fx.start({
    userDataDir,
    tuning: {
      ...tuning,
      desktop: {
        copyImage: () => void desktop.calls.push('copy'),
        openPath: async () => void desktop.calls.push('open'),
        showInFolder: () => void desktop.calls.push('reveal'),
        chooseFolder: async (purpose?: string) => (purpose === 'move-library' ? path.join(exportFolder, 'other-disk') : exportFolder),
        relaunch: () => void desktop.calls.push('relaunch'),
        confirm: async () => false,
      },
    },
  });
  let colour = 0;
  /** A stored generation, as the engine stores one, without a network round trip. */
  const add = async (prompt: string, over: Partial<NewGeneration> & { width?: number; height?: number } = {}): Promise<AssetSummary> => {
    colour += 1;
    const png = await pngOf(over.width ?? 64, over.height ?? 64, [colour * 7 % 256, colour * 13 % 256, colour * 29 % 256]);
    const stored = await atelier.library.writeImages([png]);
    return atelier.library.insertGeneration(
      { jobId: null, prompt, tier: 'flash', modelId: 'gemini-3.1-flash-image', params: PARAMS, responseText: null, finishReason: 'STOP', usage: { promptTokens: 1, outputTokens: 1, thoughtTokens: 0, imageTokens: 1 }, costUsd: 0.01, durationMs: 1, ...over },
      stored,
    ).assets[0]!;
  };
  const search = (q: Record<string, unknown>) => call<{ assets: AssetSummary[]; total: number }>('library.search', q);
  const prompts = async (q: Record<string, unknown>) => (await search(q)).assets.map((a) => a.prompt);
  return { atelier, call, add, search, prompts, events, desktop, userDataDir, exportFolder, stop };
}

describe('search', () => {
  it('sorts assets stored in the same millisecond by when they entered the library (Newest: the last one added first)', async () => {
    // Time stands still: every asset gets the same created_at, so only the tiebreak orders them.
    const { add, prompts, call } = await start(undefined, undefined, { clock: { ...systemClock, now: () => 1_780_000_000_000 } });
    const names = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];
    for (const n of names) await add(`Lantern ${n}`);
    const order = names.map((n) => `Lantern ${n}`);
    expect(await prompts({ sort: 'newest' })).toEqual([...order].reverse());
    expect(await prompts({ sort: 'oldest' })).toEqual(order);
    // With words (the index walks rowids) and with a filter (the column indexes), the same order.
    expect(await prompts({ text: 'lantern', sort: 'newest' })).toEqual([...order].reverse());
    expect(await prompts({ sort: 'newest', tiers: ['flash'] })).toEqual([...order].reverse());
    // Equal ratings fall back to the same rule.
    expect(await prompts({ sort: 'rating' })).toEqual([...order].reverse());
    await call('library.import', { files: [{ name: 'photo.png', dataBase64: (await pngOf(8, 8, [1, 2, 3])).toString('base64') }] });
    expect((await prompts({ sort: 'newest' }))[0]).toBe('photo.png');
  });

  it('finds words anywhere in prompts, ignores accents and case, matches prefixes, needs every word', async () => {
    const { add, prompts } = await start();
    await add('Crème brûlée on a marble table');
    await add('A lighthouse at dusk');
    await add('Lighthouse keeper reading by lamplight');
    expect(await prompts({ text: 'creme BRULEE' })).toEqual(['Crème brûlée on a marble table']);
    expect((await prompts({ text: 'ligh' })).sort()).toEqual(['A lighthouse at dusk', 'Lighthouse keeper reading by lamplight']);
    expect(await prompts({ text: 'lighthouse dusk' })).toEqual(['A lighthouse at dusk']);
    expect(await prompts({ text: 'nothing-like-this' })).toEqual([]);
    // Operators and quotes in what people type are just text.
    expect(await prompts({ text: '"marble" -table* (crème) ^on:' })).toEqual(['Crème brûlée on a marble table']);
  });

  it('searches returned text, tags, collection names and file names too', async () => {
    const { add, call, prompts } = await start();
    const a = await add('plain prompt one', { responseText: 'Here is your saffron risotto.' });
    const b = await add('plain prompt two');
    const c = await add('plain prompt three');
    await call('library.tag', { ids: [b.id], add: ['Portfolio'] });
    const col = await call<{ id: string }>('collections.create', { name: 'Kyoto trip' });
    await call('collections.add', { id: col.id, assetIds: [c.id] });
    const { imported } = await call<{ imported: Array<{ id: string }> }>('library.import', { files: [{ name: 'holiday-in-Lisbon.png', dataBase64: (await pngOf(30, 20, [1, 2, 3])).toString('base64') }] });
    expect(await prompts({ text: 'saffron' })).toEqual([a.prompt]);
    expect(await prompts({ text: 'portfol' })).toEqual([b.prompt]);
    expect(await prompts({ text: 'kyoto' })).toEqual([c.prompt]);
    expect((await call<AssetSummary[]>('library.search', { text: 'lisbon' }) as unknown as { assets: AssetSummary[] }).assets.map((x) => x.id)).toEqual([imported[0]!.id]);
    // Renaming the collection re-indexes its members.
    await call('collections.rename', { id: col.id, name: 'Osaka' });
    expect(await prompts({ text: 'kyoto' })).toEqual([]);
    expect(await prompts({ text: 'osaka' })).toEqual([c.prompt]);
  });
});

describe('filters and sorting', () => {
  it('filters by tier, model, ratio, size, dates, rating, favourites, collection, source and grounding, alone and combined', async () => {
    const { add, call, prompts, atelier } = await start();
    const a = await add('alpha', { tier: 'pro', modelId: 'gemini-3-pro-image', params: { ...PARAMS, aspectRatio: '16:9', imageSize: '2K' } });
    const b = await add('beta', { grounding: { sources: [], queries: ['q'], entryPointHtml: null } });
    const c = await add('gamma', { params: { ...PARAMS, references: [{ assetId: a.id, kind: 'object' }] }, parentAssetIds: [a.id] });
    await call('library.update', { ids: [a.id], rating: 5, favorite: true });
    await call('library.update', { ids: [b.id], rating: 3 });
    const col = await call<{ id: string }>('collections.create', { name: 'Keep' });
    await call('collections.add', { id: col.id, assetIds: [b.id, c.id] });
    atelier.db.prepare('UPDATE assets SET created_at = ? WHERE id = ?').run(Date.UTC(2025, 0, 1), c.id);

    expect(await prompts({ tiers: ['pro'] })).toEqual(['alpha']);
    expect(await prompts({ modelIds: ['gemini-3.1-flash-image'], sort: 'name' })).toEqual(['beta', 'gamma']);
    expect(await prompts({ aspectRatios: ['16:9'] })).toEqual(['alpha']);
    expect(await prompts({ imageSizes: ['2K'] })).toEqual(['alpha']);
    expect(await prompts({ to: Date.UTC(2025, 6, 1) })).toEqual(['gamma']);
    expect(await prompts({ from: Date.UTC(2025, 6, 1), sort: 'name' })).toEqual(['alpha', 'beta']);
    expect(await prompts({ minRating: 3, sort: 'rating' })).toEqual(['alpha', 'beta']);
    expect(await prompts({ favorites: true })).toEqual(['alpha']);
    expect(await prompts({ collectionId: col.id, sort: 'name' })).toEqual(['beta', 'gamma']);
    expect(await prompts({ sources: ['edited'] })).toEqual(['gamma']);
    expect(await prompts({ hasGrounding: true })).toEqual(['beta']);
    expect(await prompts({ collectionId: col.id, minRating: 1, hasGrounding: true })).toEqual(['beta']);
    expect(await prompts({ sort: 'oldest' })).toEqual(['gamma', 'alpha', 'beta']);
  });

  it('counts a broad filtered search up to a cap and says so', async () => {
    const { add, search, atelier } = await start();
    await add('cap test one');
    await add('cap test two');
    const { COUNT_CAP } = await import('../../../../electron/services/library/LibraryIndex');
    expect(await search({ text: 'cap', tiers: ['flash'] })).toMatchObject({ total: 2, capped: false });
    expect(COUNT_CAP).toBe(10_000);
    void atelier;
  });

  it('pages with offset and limit and reports the total', async () => {
    const { add, search } = await start();
    for (let i = 0; i < 7; i++) await add(`item ${i}`);
    const page = await search({ limit: 3, offset: 3, sort: 'name' });
    expect(page.total).toBe(7);
    expect(page.assets.map((a) => a.prompt)).toEqual(['item 3', 'item 4', 'item 5']);
  });
});

describe('trash', () => {
  it('hides trashed images, restores them, and removes files only when the trash is emptied', async () => {
    const { add, call, prompts, userDataDir } = await start();
    const a = await add('to be deleted');
    await add('kept');
    const file = path.join(userDataDir, 'library', 'files');
    const count = () => fs.readdirSync(file, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    expect(count()).toBe(2);
    await call('library.trash', { ids: [a.id] });
    expect(await prompts({})).toEqual(['kept']);
    expect(await prompts({ trashed: true })).toEqual(['to be deleted']);
    expect(await prompts({ text: 'deleted' })).toEqual([]);
    expect(await prompts({ trashed: true, text: 'DELETED' })).toEqual(['to be deleted']);
    expect(count()).toBe(2);
    await call('library.restore', { ids: [a.id] });
    expect((await prompts({})).sort()).toEqual(['kept', 'to be deleted']);
    expect(await prompts({ text: 'deleted' })).toEqual(['to be deleted']);
    await call('library.trash', { ids: [a.id] });
    expect(await call('library.emptyTrash')).toEqual({ deleted: 1, filesRemoved: 1 });
    expect(count()).toBe(1);
    expect(await prompts({ trashed: true })).toEqual([]);
    await expect(call('library.get', { id: a.id })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('collections', () => {
  it('creates, renames, counts, and refuses a duplicate name', async () => {
    const { add, call } = await start();
    const a = await add('one');
    const c = await call<{ id: string }>('collections.create', { name: 'Moodboard' });
    await expect(call('collections.create', { name: 'moodboard' })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('already a collection') });
    expect(await call('collections.add', { id: c.id, assetIds: [a.id] })).toMatchObject({ name: 'Moodboard', count: 1 });
    const detail = await call<AssetDetail>('library.get', { id: a.id });
    expect(detail.collections).toEqual([{ id: c.id, name: 'Moodboard' }]);
    await call('collections.delete', { id: c.id });
    expect(await call('collections.list')).toEqual([]);
  });

  it('adding answers that collection with its own live count, beside others; a collection deleted meanwhile is said in words', async () => {
    const { add, call } = await start();
    const [a, b, c] = [await add('one'), await add('two'), await add('three')];
    const big = await call<{ id: string }>('collections.create', { name: 'Big' });
    await call('collections.add', { id: big.id, assetIds: [a.id, b.id, c.id] });
    const small = await call<{ id: string }>('collections.create', { name: 'Small' });
    expect(await call('collections.add', { id: small.id, assetIds: [a.id] })).toEqual({ id: small.id, name: 'Small', createdAt: expect.any(Number), count: 1 });
    await call('library.trash', { ids: [b.id] });
    expect(await call('collections.add', { id: big.id, assetIds: [a.id] })).toMatchObject({ name: 'Big', count: 2 });
    await call('collections.delete', { id: small.id });
    await expect(call('collections.add', { id: small.id, assetIds: [a.id] })).rejects.toMatchObject({ code: 'not_found', message: 'That collection no longer exists.' });
  });
});

describe('lineage', () => {
  it('links an edit and a chain of refinements into one tree the detail shows', async () => {
    const { add, call } = await start();
    const root = await add('a castle');
    const v2 = await add('make it snowy', { parentAssetIds: [root.id] });
    const v3 = await add('add a dragon', { parentAssetIds: [v2.id] });
    const side = await add('make it night', { parentAssetIds: [root.id] });
    const detail = await call<AssetDetail>('library.get', { id: v3.id });
    expect(detail.lineage.map((n) => n.prompt)).toEqual(['a castle', 'make it snowy', 'add a dragon', 'make it night']);
    expect(detail.lineage.find((n) => n.id === v3.id)!.parentIds).toEqual([v2.id]);
    expect(detail.lineage.find((n) => n.id === side.id)!.parentIds).toEqual([root.id]);
    expect(detail.source).toBe('edited');
  });
});

describe('export and re-import', () => {
  it('writes PNGs with the generation inside, optionally a sidecar, never overwriting; re-import restores the prompt', async () => {
    const { add, call, exportFolder } = await start();
    const a = await add('A fox in the snow, woodcut print', { tier: 'pro', modelId: 'gemini-3-pro-image', params: { ...PARAMS, aspectRatio: '3:4', imageSize: '2K' }, responseText: 'Here you go.' });
    const first = await call<{ written: string[] }>('library.export', { ids: [a.id], sidecar: true });
    const second = await call<{ written: string[] }>('library.export', { ids: [a.id], sidecar: false });
    expect(first.written[0]).not.toBe(second.written[0]);
    expect(path.dirname(first.written[0]!)).toBe(exportFolder);
    const bytes = fs.readFileSync(first.written[0]!);
    const text = pngText(bytes);
    expect(text.Description).toBe('A fox in the snow, woodcut print');
    expect(JSON.parse(text[PNG_KEYWORD]!)).toMatchObject({ prompt: 'A fox in the snow, woodcut print', modelId: 'gemini-3-pro-image', params: { aspectRatio: '3:4', imageSize: '2K' } });
    expect(JSON.parse(fs.readFileSync(`${first.written[0]}.json`, 'utf8'))).toMatchObject({ prompt: 'A fox in the snow, woodcut print' });

    // In another library, the exported file brings its prompt and parameters back.
    const other = await start();
    const { imported } = await other.call<{ imported: Array<{ id: string; prompt: string }> }>('library.import', { files: [{ name: 'fox.png', path: first.written[0] }] });
    expect(imported[0]!.prompt).toBe('A fox in the snow, woodcut print');
    const detail = await other.call<AssetDetail>('library.get', { id: imported[0]!.id });
    expect(detail.generation).toMatchObject({ prompt: 'A fox in the snow, woodcut print', modelId: 'gemini-3-pro-image', tier: 'pro', params: { aspectRatio: '3:4' }, text: 'Here you go.' });
    expect(await other.prompts({ text: 'woodcut' })).toEqual(['A fox in the snow, woodcut print']);
    expect(await other.prompts({ tiers: ['pro'] })).toEqual(['A fox in the snow, woodcut print']);
  });

  it('writes XMP into JPEGs without re-encoding and reads it back', async () => {
    const { call, exportFolder } = await start();
    const sharp = (await import('sharp')).default;
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#345' } }).jpeg().toBuffer();
    const { imported } = await call<{ imported: Array<{ id: string }> }>('library.import', { files: [{ name: 'photo.jpg', dataBase64: jpeg.toString('base64') }] });
    // An imported photo has no generation: it exports as it came.
    const plain = await call<{ written: string[] }>('library.export', { ids: [imported[0]!.id] });
    expect(fs.readFileSync(plain.written[0]!).equals(jpeg)).toBe(true);
    expect(await readEmbedded(jpeg)).toBeNull();
    void exportFolder;
  });
});

describe('desktop actions', () => {
  it('drag out, copy, open and reveal reach the desktop with the file paths', async () => {
    const { atelier, add, call, desktop } = await start();
    const a = await add('drag me');
    atelier.dragOut({ sender: { url: `${ORIGIN}/`, isMainFrame: true }, ids: [a.id], startDrag: (files) => void desktop.calls.push(`drag:${files.length}`) });
    await call('library.copy', { id: a.id });
    await call('library.open', { id: a.id });
    await call('library.reveal', { id: a.id });
    expect(desktop.calls).toEqual(['drag:1', 'copy', 'open', 'reveal']);
  });
});

describe('import of folders', () => {
  it('walks folders, skips hidden files, reports bad files, and sends progress', async () => {
    const { call, events } = await start();
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'trip', 'day2'), { recursive: true });
    for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(dir, 'trip', `img${i}.png`), await pngOf(20 + i, 20, [i * 40, 0, 0]));
    fs.writeFileSync(path.join(dir, 'trip', 'day2', 'deep.png'), await pngOf(33, 33, [0, 200, 0]));
    fs.writeFileSync(path.join(dir, 'trip', '.DS_Store'), 'junk');
    fs.writeFileSync(path.join(dir, 'trip', 'readme.txt'), 'not an image');
    fs.writeFileSync(path.join(dir, 'trip', 'broken.png'), 'not an image either');
    const res = await call<{ imported: unknown[]; rejected: Array<{ name: string; reason: string }> }>('library.import', { files: [{ name: 'trip', path: path.join(dir, 'trip') }] });
    expect(res.imported).toHaveLength(6);
    // An image by its name is reported by name; other files are counted, not named.
    expect(res.rejected).toEqual([
      { name: path.join('trip', 'broken.png'), reason: 'Atelier could not open this as an image.' },
      { name: 'trip', reason: '1 file that is not an image was left out.' },
    ]);
    const progress = events.filter((e) => e.event === 'import.progress').map((e) => e.payload as { done: number; total: number; finished: boolean });
    expect(progress.at(-1)).toMatchObject({ done: 8, total: 8, finished: true });
  });

  it('leaves thumbnails of huge imports for when they are first shown', async () => {
    const { call, atelier } = await start();
    const { LAZY_THUMBNAILS_ABOVE } = await import('../../../../electron/services/library/Importer');
    const dir = tempDir();
    for (let i = 0; i <= LAZY_THUMBNAILS_ABOVE; i++) fs.writeFileSync(path.join(dir, `p${String(i).padStart(3, '0')}.png`), await pngOf(40, 30, [i % 256, (i * 3) % 256, 9]));
    const res = await call<{ imported: Array<{ id: string }> }>('library.import', { files: [{ name: 'many', path: dir }] });
    const id = res.imported[0]!.id;
    const thumb = atelier.library.fileOf(id, 'thumb')!.path;
    expect(fs.existsSync(thumb)).toBe(false);
    const served = await atelier.handleRequest(new Request(`${ORIGIN}/assets/${id}/thumb`));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(fs.existsSync(thumb)).toBe(true);
  });

  it('stops an import that is cancelled, keeping what was already in', async () => {
    const { call } = await start();
    const dir = tempDir();
    for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(dir, `p${String(i).padStart(2, '0')}.png`), await pngOf(300, 300, [i * 6, 50, 90]));
    const importId = '5b0d3a1e-2f4c-4e8a-9b6d-7c1e2a3f4b5c';
    const running = call<{ imported: unknown[] }>('library.import', { files: [{ name: 'many', path: dir }], importId });
    await call('library.cancelImport', { importId });
    const res = await running;
    expect(res.imported.length).toBeLessThan(40);
    const { total } = await call<{ total: number }>('library.search', {});
    expect(total).toBe(res.imported.length);
  });
});

describe('self-check at start', () => {
  it('removes leftovers and orphans, reports missing originals, says so; a lost thumbnail is remade when shown', async () => {
    const first = await start();
    const a = await first.add('kept safe');
    const b = await first.add('will lose its file');
    const lib = path.join(first.userDataDir, 'library');
    const thumbA = first.atelier.library.fileOf(a.id, 'thumb')!.path;
    const originalB = first.atelier.library.fileOf(b.id, 'original')!.path;
    await first.stop();
    fs.rmSync(thumbA);
    fs.rmSync(originalB);
    fs.writeFileSync(path.join(lib, 'tmp', 'interrupted.part'), 'half');
    fs.mkdirSync(path.join(lib, 'files', 'ff'), { recursive: true });
    fs.writeFileSync(path.join(lib, 'files', 'ff', `${'f'.repeat(64)}.png`), 'orphan');

    const second = await start(first.userDataDir);
    // The check runs on a worker thread (from source: TypeScript compiled as it loads), so this waits for its notices.
    // Wait for the check's own notices (the models catalog may say things at start too); a loaded
    // machine compiles the worker slowly, hence the generous limit.
    const checkNotices = () => second.events.filter((e) => e.event === 'notice' && /unfinished file|file no image|image file is missing/.test((e.payload as { message: string }).message));
    await expect.poll(() => checkNotices().length, { timeout: 60_000 }).toBe(3);
    const notices = second.events.filter((e) => e.event === 'notice').map((e) => e.payload as { kind: string; message: string });
    expect(notices.map((n) => n.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Removed 1 unfinished file/),
        expect.stringMatching(/Removed 1 file no image/),
        expect.stringMatching(/1 image file is missing/),
      ]),
    );
    expect(fs.existsSync(thumbA)).toBe(false);
    expect((await second.atelier.handleRequest(new Request(`${ORIGIN}/assets/${a.id}/thumb`))).status).toBe(200);
    expect(fs.existsSync(thumbA)).toBe(true);
    expect(fs.existsSync(path.join(lib, 'tmp', 'interrupted.part'))).toBe(false);
    expect(await second.call('library.check')).toMatchObject({ ok: false, repaired: [], problems: [expect.stringMatching(/missing/)] });
  }, 90_000);
});

describe('self-check while the app works', () => {
  it('leaves files written since start alone: they may be an import in progress', async () => {
    const s = await start();
    const lib = path.join(s.userDataDir, 'library');
    await new Promise((r) => setTimeout(r, 20));
    fs.writeFileSync(path.join(lib, 'tmp', 'in-flight.part'), 'being written');
    fs.mkdirSync(path.join(lib, 'files', 'ee'), { recursive: true });
    fs.writeFileSync(path.join(lib, 'files', 'ee', `${'e'.repeat(64)}.png`), 'row not committed yet');
    expect(await s.call('library.check')).toMatchObject({ ok: true, repaired: [] });
    expect(fs.existsSync(path.join(lib, 'tmp', 'in-flight.part'))).toBe(true);
    expect(fs.existsSync(path.join(lib, 'files', 'ee', `${'e'.repeat(64)}.png`))).toBe(true);
  });
});

describe('moving the library', () => {
  it('copies it to the chosen folder, restarts on it, and removes the old one only after that', async () => {
    const first = await start();
    const a = await first.add('travels well');
    await first.call('library.update', { ids: [a.id], rating: 4 });
    const oldDir = path.join(first.userDataDir, 'library');
    const { movedTo } = await first.call<{ movedTo: string }>('library.move');
    expect(movedTo).toBe(path.join(first.exportFolder, 'other-disk', 'Atelier Library'));
    expect(first.desktop.calls).toContain('relaunch');
    expect(fs.existsSync(path.join(oldDir, 'atelier.sqlite'))).toBe(true); // kept until the new one opens
    await first.stop();

    const second = await start(first.userDataDir, first.exportFolder);
    expect(await second.call('library.location')).toEqual({ dir: movedTo });
    expect(await second.call('app.notices')).toEqual(expect.arrayContaining([{ kind: 'info', message: expect.stringContaining(movedTo) }]));
    expect(fs.existsSync(oldDir)).toBe(false);
    const detail = await second.call<AssetDetail>('library.get', { id: a.id });
    expect(detail).toMatchObject({ rating: 4, prompt: 'travels well' });
    const res = await second.atelier.handleRequest(new Request(`${ORIGIN}/assets/${a.id}`));
    expect(res.status).toBe(200);
  });

  it('refuses a folder that is not empty and moves nothing', async () => {
    const s = await start();
    fs.mkdirSync(path.join(s.exportFolder, 'other-disk', 'Atelier Library'), { recursive: true });
    fs.writeFileSync(path.join(s.exportFolder, 'other-disk', 'Atelier Library', 'x.txt'), 'x');
    await expect(s.call('library.move')).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('not empty') });
    expect(await s.call('library.location')).toEqual({ dir: path.join(s.userDataDir, 'library') });
  });
});

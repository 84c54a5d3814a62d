import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { EventBus } from '../../../../electron/services/events';
import { Duplicates } from '../../../../electron/services/finding/Duplicates';
import { Fingerprints } from '../../../../electron/services/finding/Fingerprints';
import { inProcessImages } from '../../../../electron/services/images/work';
import { ContentStore } from '../../../../electron/services/library/ContentStore';
import { Library } from '../../../../electron/services/library/Library';
import { Organiser } from '../../../../electron/services/library/Organiser';
import { scene, variantsOf } from '../../../support/scenes';
import { tempDir } from '../../../support/tmp';

async function setUp(dir = tempDir()) {
  const db = openDatabase(path.join(dir, 'lib.sqlite'));
  const events = new EventBus();
  let t = 1_700_000_000_000;
  const now = () => (t += 1000);
  const library = new Library(db, new ContentStore(dir, inProcessImages), now);
  const organiser = new Organiser(db, library.index, library.store, now, events);
  const fingerprints = new Fingerprints(db, library, inProcessImages, events, { autoStart: false });
  const duplicates = new Duplicates(db, library, organiser, inProcessImages, fingerprints);
  return { dir, db, events, library, organiser, fingerprints, duplicates };
}

describe('near-duplicates in a library', () => {
  it('groups a photo with its JPEG copy and 5 % crop, suggests the rated one, keeps one and trashes the rest (restorable)', async () => {
    const s = await setUp();
    const photo = await scene(3);
    const v = await variantsOf(photo);
    const original = await s.library.importImage('harbour.png', photo);
    const jpeg = await s.library.importImage('harbour.jpg', v.jpeg);
    const cropped = await s.library.importImage('harbour-crop.png', v.cropped);
    const other = await s.library.importImage('forest.png', await scene(42));
    s.organiser.update([jpeg.id], { rating: 4 });

    expect(s.fingerprints.progress()).toMatchObject({ done: 0, total: 4 });
    s.fingerprints.resume();
    await s.fingerprints.whenIdle();
    expect(s.fingerprints.progress()).toEqual({ done: 4, total: 4, state: 'idle' });

    const exact = (await s.duplicates.groups('exact')).groups;
    expect(exact).toHaveLength(1);
    expect(exact[0]!.members.map((m) => m.id).sort()).toEqual([original.id, jpeg.id].sort());

    const near = await s.duplicates.groups('near');
    expect(near.totalGroups).toBe(1);
    const group = near.groups[0]!;
    expect(group.members.map((m) => m.id).sort()).toEqual([original.id, jpeg.id, cropped.id].sort());
    expect(group.keeperId).toBe(jpeg.id);
    expect(group.members[0]!.id).toBe(jpeg.id);
    expect(group.keeperReason).toMatch(/rated highest/);

    const similar = await s.duplicates.similar(original.id);
    expect(similar.nearDuplicates.map((m) => m.id)).toEqual(expect.arrayContaining([jpeg.id, cropped.id]));
    expect(similar.nearDuplicates.map((m) => m.id)).not.toContain(other.id);

    const resolved = await s.duplicates.resolve('near', [{ keeperId: group.keeperId, ids: group.members.map((m) => m.id) }]);
    expect(resolved.trashed.sort()).toEqual([original.id, cropped.id].sort());
    expect(resolved.spared).toEqual([]);
    expect((await s.duplicates.groups('near')).groups).toEqual([]);
    s.organiser.restore(resolved.trashed);
    expect((await s.duplicates.groups('near')).groups[0]!.members).toHaveLength(3);
  });

  it('the closer look spares an image whose thumbnail differs from its keeper', async () => {
    const s = await setUp();
    const a = await s.library.importImage('a.png', await scene(5));
    const b = await s.library.importImage('b.png', await scene(77));
    const resolved = await s.duplicates.resolve('exact', [{ keeperId: a.id, ids: [a.id, b.id] }]);
    expect(resolved.trashed).toEqual([]);
    expect(resolved.spared).toEqual([{ id: b.id, reason: expect.stringMatching(/closer look/) }]);
  });

  it('says which photos of an import were already in the library', async () => {
    const s = await setUp();
    const photo = await scene(9);
    const before = await s.library.importImage('before.png', photo);
    s.fingerprints.resume();
    await s.fingerprints.whenIdle();
    const again = await s.library.importImage('again.jpg', (await variantsOf(photo)).jpeg);
    const fresh = await s.library.importImage('fresh.png', await scene(10));
    expect(await s.duplicates.checkImported([again.id, fresh.id])).toEqual([{ id: again.id, matchId: before.id, distance: expect.any(Number) }]);
  });

  it('the backfill, walking down from the newest, comes back for a picture added during its run', async () => {
    const s = await setUp();
    await s.fingerprints.dispose(); // only the one under test hears the library's events
    for (let i = 0; i < 3; i++) await s.library.importImage(`p${i}.png`, await scene(300 + i, 200, 150));
    // The first fingerprint is held until the late picture has arrived, so it arrives mid-run.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const gated = { run: (async (kind, input, about) => (kind === 'fingerprint' && calls++ === 0 && (await gate), inProcessImages.run(kind, input, about))) as typeof inProcessImages.run };
    const fp = new Fingerprints(s.db, s.library, gated, s.events, { autoStart: false, concurrency: 1 });
    fp.resume();
    const late = await s.library.importImage('late.png', await scene(399, 200, 150));
    s.events.emit('library.added', [late]);
    release();
    await fp.whenIdle();
    expect(fp.progress()).toEqual({ done: 4, total: 4, state: 'idle' });
    await fp.dispose();
  });

  it('the backfill stops when paused and, after a restart, does only what was left', async () => {
    const s = await setUp();
    for (let i = 0; i < 5; i++) await s.library.importImage(`p${i}.png`, await scene(100 + i, 200, 150));
    const first = new Fingerprints(s.db, s.library, inProcessImages, s.events, { autoStart: false, concurrency: 1 });
    const off = s.events.onAny((e, p) => {
      if (e === 'fingerprints.progress' && (p as { done: number }).done === 1) first.pause();
    });
    first.resume();
    await first.whenIdle();
    off();
    expect(first.progress()).toEqual({ done: 1, total: 5, state: 'paused' });
    await first.dispose();

    let runs = 0;
    const counting = { run: ((kind, input, about) => (runs++, inProcessImages.run(kind, input, about))) as typeof inProcessImages.run };
    const second = new Fingerprints(s.db, s.library, counting, s.events, { concurrency: 2 });
    await second.whenIdle();
    expect(second.progress()).toEqual({ done: 5, total: 5, state: 'idle' });
    expect(runs).toBe(4);
  });

  it('migration 0160 adds the fingerprints table to a library from before it, keeping its assets', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 160) });
    old.prepare("INSERT INTO assets (id, sha256, mime, width, height, bytes, source, created_at) VALUES ('a', 'abc', 'image/png', 1, 1, 1, 'imported', 1)").run();
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'image_fingerprints'").get()).toBeUndefined();
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 160').pluck().get()).toBe(160);
    db.prepare("INSERT INTO image_fingerprints (sha256, phash_hi, phash_lo, layout, made_at) VALUES ('abc', 1, 2, x'00', 1)").run();
    expect(() => db.prepare("INSERT INTO image_fingerprints (sha256, failed, made_at) VALUES ('x', 2, 1)").run()).toThrow(/CHECK/);
    expect(db.prepare("SELECT COUNT(*) FROM assets WHERE id = 'a'").pluck().get()).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

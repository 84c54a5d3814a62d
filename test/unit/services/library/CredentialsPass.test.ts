/**
 * The background pass that reads older images' content credentials (issue 17 §2): an image stored
 * before Atelier read credentials gets its summary without anyone opening it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackgroundProgress } from '../../../../shared/domain';
import { openDatabase } from '../../../../electron/services/db/db';
import { EventBus } from '../../../../electron/services/events';
import { inProcessImages } from '../../../../electron/services/images/work';
import type { Images } from '../../../../electron/services/images/protocol';
import { ContentStore } from '../../../../electron/services/library/ContentStore';
import { CredentialsPass } from '../../../../electron/services/library/CredentialsPass';
import { Library } from '../../../../electron/services/library/Library';
import { scene } from '../../../support/scenes';
import { tempDir } from '../../../support/tmp';

const FIXTURES = path.join(__dirname, '../../../fixtures/c2pa');
const N = 5;

/** A library of N images (one signed) whose credentials were never read, as one from before §2. */
async function olderLibrary() {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'lib.sqlite'));
  const events = new EventBus();
  let reads = 0;
  const hooks = { afterRead: (_reads: number) => {} };
  const images: Images = {
    run: ((kind, input, about) => {
      if (kind === 'credentials') hooks.afterRead(++reads);
      return inProcessImages.run(kind, input, about);
    }) as Images['run'],
  };
  const library = new Library(db, new ContentStore(dir, images));
  await library.importImage('C.jpg', fs.readFileSync(path.join(FIXTURES, 'C.jpg')));
  for (let i = 1; i < N; i++) await library.importImage(`p${i}.png`, await scene(300 + i, 120, 90));
  db.exec('DELETE FROM content_credentials');
  reads = 0;
  const summaries = () => db.prepare('SELECT COUNT(*) FROM content_credentials').pluck().get() as number;
  return { db, events, library, summaries, hooks, reads: () => reads };
}

describe('the background credentials pass', () => {
  it('reads the credentials of every image that has none, and tells its progress', async () => {
    const s = await olderLibrary();
    const seen: BackgroundProgress[] = [];
    s.events.onAny((e, p) => e === 'credentials.progress' && seen.push(p as BackgroundProgress));
    const pass = new CredentialsPass(s.db, s.library, s.events, { autoStart: false });
    expect(pass.progress()).toEqual({ done: 0, total: N, state: 'idle' });
    pass.resume();
    await pass.whenIdle();
    expect(s.summaries()).toBe(N);
    expect(pass.progress()).toEqual({ done: N, total: N, state: 'idle' });
    expect(seen.at(-1)).toEqual({ done: N, total: N, state: 'idle' });
    const signed = s.library.search({ credentials: 'has' } as never);
    expect(signed.total).toBe(1);
    await pass.dispose();
  });

  it('stopped mid-way, a restart reads only the images still without credentials', async () => {
    const s = await olderLibrary();
    const first = new CredentialsPass(s.db, s.library, s.events, { autoStart: false, concurrency: 1, chunk: 2 });
    // The app quits while the second image is being read.
    s.hooks.afterRead = (n) => n === 2 && void first.dispose();
    first.resume();
    await first.whenIdle();
    s.hooks.afterRead = () => {};
    expect(s.summaries()).toBe(2);
    expect(s.reads()).toBe(2);

    // A new start (the default starts on its own) carries on from the table.
    const second = new CredentialsPass(s.db, s.library, s.events, { chunk: 2 });
    await second.whenIdle();
    expect(s.summaries()).toBe(N);
    expect(s.reads()).toBe(N);
    await second.dispose();
  });

  it('passes over an image it cannot read for the rest of the run instead of asking again', async () => {
    const s = await olderLibrary();
    const [row] = s.db.prepare('SELECT sha256, mime FROM assets ORDER BY sha256 LIMIT 1').all() as Array<{ sha256: string; mime: string }>;
    fs.rmSync(s.library.store.originalPath(row!.sha256, row!.mime));
    const pass = new CredentialsPass(s.db, s.library, s.events, { chunk: 2 });
    await pass.whenIdle();
    expect(s.summaries()).toBe(N - 1);
    expect(s.reads()).toBe(N);
    expect(pass.progress()).toEqual({ done: N - 1, total: N, state: 'idle' });
    await pass.dispose();
  });
});

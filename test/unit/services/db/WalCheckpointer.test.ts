import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../electron/services/db/db';
import { FALLBACK_AUTOCHECKPOINT_PAGES, WalCheckpointer } from '../../../../electron/services/db/WalCheckpointer';
import { tempDir } from '../../../support/tmp';

const open: Array<{ db: Db; c: WalCheckpointer }> = [];
afterEach(async () => {
  for (const { db, c } of open.splice(0)) {
    await c.dispose();
    db.close();
  }
});

function setup() {
  const dbFile = path.join(tempDir(), 'atelier.sqlite');
  const db = openDatabase(dbFile);
  const c = new WalCheckpointer({ dbFile, intervalMs: 3_600_000 });
  open.push({ db, c });
  c.start(db);
  const write = (n: number) => {
    const insert = db.prepare('INSERT INTO blobs (sha256, mime) VALUES (?, ?)');
    for (let i = 0; i < n; i++) insert.run(`${'x'.repeat(40)}${String(Math.random()).slice(2)}${i}`, 'image/png');
  };
  return { dbFile, db, c, write };
}

describe('WalCheckpointer', () => {
  it('checkpoints the write-ahead log on its own thread, leaving main a distant fallback', async () => {
    const { dbFile, db, c, write } = setup();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
    write(2_000);
    expect(fs.statSync(`${dbFile}-wal`).size).toBeGreaterThan(0);
    const first = await c.checkpoint();
    expect(first!.busy).toBe(0);
    expect(first!.log).toBeGreaterThan(0);
    expect(first!.checkpointed).toBe(first!.log);
    // Main goes on writing while the worker is there; the next checkpoint copies the new frames.
    write(500);
    const second = await c.checkpoint();
    expect(second!.checkpointed).toBe(second!.log);
    expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(2_500);
  });

  it('dispose closes the worker connection; later calls do nothing', async () => {
    const { db, c, write } = setup();
    write(10);
    const running = c.checkpoint();
    await c.dispose();
    expect((await running)?.busy ?? 0).toBe(0);
    expect(await c.checkpoint()).toBeNull();
    write(10); // main's connection is unaffected
    expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(20);
  });

  it('a script that awaits dispose sees it finish (the worker is unref\'d, yet Node waits for it to close)', () => {
    const dir = tempDir();
    const script = path.join(dir, 'dispose.ts');
    const here = path.resolve(__dirname, '../../../../electron/services/db');
    fs.writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(path.join(here, 'db'))};
import { WalCheckpointer } from ${JSON.stringify(path.join(here, 'WalCheckpointer'))};
const dbFile = ${JSON.stringify(path.join(dir, 'atelier.sqlite'))};
const db = openDatabase(dbFile);
const c = new WalCheckpointer({ dbFile, intervalMs: 3_600_000 });
c.start(db);
db.prepare("INSERT INTO blobs (sha256, mime) VALUES ('a', 'image/png')").run();
void c.checkpoint().then(async () => {
  await c.dispose();
  db.close();
  console.log('disposed');
});
`,
    );
    const tsx = path.resolve(__dirname, '../../../../node_modules/tsx/dist/cli.mjs');
    const run = spawnSync(process.execPath, [tsx, script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('disposed');
  });
});

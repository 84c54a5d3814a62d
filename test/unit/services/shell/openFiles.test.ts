import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../electron/services/events';
import { ContentStore } from '../../../../electron/services/library/ContentStore';
import { openDatabase } from '../../../../electron/services/db/db';
import { Importer } from '../../../../electron/services/library/Importer';
import { Library } from '../../../../electron/services/library/Library';
import { imagePathsFromArgv, openFiles } from '../../../../electron/services/shell/openFiles';
import { pngOf } from '../../../support/images';
import { tempDir } from '../../../support/tmp';
import { inProcessImages } from '../../../../electron/services/images/work';

describe('files opened with Atelier', () => {
  it('takes image paths from argv: not the executable, not switches, not other types; relative to the launching directory', () => {
    const argv = ['/opt/Atelier/atelier', '--enable-features=X', '--', 'photo.PNG', '/abs/b.jpeg', 'notes.txt', 'c.webp', '/abs/b.jpeg', '--allow-file-access-from-files'];
    expect(imagePathsFromArgv(argv, '/home/ana/Pictures', 1)).toEqual(['/home/ana/Pictures/photo.PNG', '/abs/b.jpeg', '/home/ana/Pictures/c.webp']);
    // A development launch (`electron .`) has the app path as well.
    expect(imagePathsFromArgv(['/usr/bin/electron', '.', 'x.jpg'], '/w', 2)).toEqual(['/w/x.jpg']);
  });

  it('imports them, tells the window which assets to show, and reports a bad one by name', async () => {
    const dir = tempDir();
    const libDir = path.join(dir, 'library');
    fs.mkdirSync(libDir);
    const db = openDatabase(path.join(libDir, 'atelier.sqlite'));
    const library = new Library(db, new ContentStore(libDir, inProcessImages), () => Date.now());
    const events = new EventBus();
    const seen: unknown[] = [];
    events.onAny((name, payload) => name === 'app.filesOpened' && seen.push(payload));
    const good = path.join(dir, 'good.png');
    fs.writeFileSync(good, await pngOf(64, 48));
    const bad = path.join(dir, 'broken.jpg');
    fs.writeFileSync(bad, 'not a jpeg');
    try {
      const opened = await openFiles(new Importer(library, events), events, [good, bad, 'relative.png']);
      expect(opened.assetIds).toHaveLength(1);
      expect(opened.rejected).toEqual([{ name: 'broken.jpg', reason: expect.any(String) }]);
      expect(seen).toEqual([opened]);
      // Opening the same file again shows the asset it already is.
      const again = await openFiles(new Importer(library, events), events, [good]);
      expect(again.assetIds).toEqual(opened.assetIds);
    } finally {
      db.close();
    }
  });
});

import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentStore } from '../../../../electron/services/library/ContentStore';
import { pngOf } from '../../../support/images';
import { tempDir } from '../../../support/tmp';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('ContentStore', () => {
  it('stores into a shard folder that was removed after it was first made', async () => {
    const root = tempDir();
    dirs.push(root);
    const store = new ContentStore(root);
    const first = await store.put(await pngOf(8, 8, [1, 2, 3]));
    // The store remembers which shard folders it made; a person may delete them behind its back.
    fs.rmSync(store.filesDir, { recursive: true });
    fs.rmSync(store.thumbsDir, { recursive: true });
    const again = await store.put(await pngOf(8, 8, [1, 2, 3]));
    expect(again.sha256).toBe(first.sha256);
    expect(fs.statSync(store.originalPath(again.sha256, again.mime)).size).toBe(again.bytes);
    expect(fs.existsSync(store.thumbPath(again.sha256))).toBe(true);
    expect(fs.readdirSync(store.tmpDir)).toEqual([]);
  });
});

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SCREEN_EDGES, type ScreenEdge } from '../../../shared/urls';
import type { Images } from '../images/protocol';

/**
 * Screen-sized copies of large originals, for the viewer's "fit" view. A 4K PNG shown fitted to
 * a window needs a quarter of its pixels: the browser would fetch 6–12 MB, decode 8 megapixels and
 * scale them down before the first sharp frame (about a second in software raster). libvips (in
 * the image helper process) makes the copy in a fraction of that, once; it is kept in `previews/ab/<sha>-<edge>.jpg` (or `.webp`
 * when the picture has transparency) and the viewer loads the original itself only when zoomed
 * past what the copy holds.
 *
 * Sizes come in a few long-edge steps so copies are shared across window sizes. An original no
 * larger than the step asked for is served as it is: most results (1K, 2K) never get a copy.
 */

const copyPath = (dir: string, sha256: string, edge: number, ext: string): string => path.join(dir, sha256.slice(0, 2), `${sha256}-${edge}.${ext}`);

/** Removes every screen-sized copy of an original under library `root` (the original left it). */
export function removeScreenCopies(root: string, sha256: string): void {
  const dir = path.join(root, 'previews');
  for (const edge of SCREEN_EDGES) for (const ext of ['jpg', 'webp']) fs.rmSync(copyPath(dir, sha256, edge, ext), { force: true });
}

export interface Original {
  sha256: string;
  mime: string;
  width: number;
  height: number;
  path: string;
}

export class ScreenPreviews {
  readonly dir: string;
  private readonly making = new Map<string, Promise<{ path: string; mime: string }>>();

  constructor(
    root: string,
    private readonly tmpDir: string,
    private readonly images: Images,
  ) {
    this.dir = path.join(root, 'previews');
  }

  /** The file to show for `original` at `edge`: the original when it fits, else its copy (made once). */
  async of(original: Original, edge: ScreenEdge): Promise<{ path: string; mime: string }> {
    if (Math.max(original.width, original.height) <= edge) return { path: original.path, mime: original.mime };
    const key = `${original.sha256}-${edge}`;
    const pending = this.making.get(key);
    if (pending) return pending;
    const made = this.make(original, edge).finally(() => this.making.delete(key));
    this.making.set(key, made);
    return made;
  }

  /** Removes every copy of an original (it left the library). */
  remove(sha256: string): void {
    removeScreenCopies(path.dirname(this.dir), sha256);
  }

  private file(sha256: string, edge: number, ext: string): string {
    return copyPath(this.dir, sha256, edge, ext);
  }

  private async make(original: Original, edge: ScreenEdge): Promise<{ path: string; mime: string }> {
    // PNG and WebP may carry transparency, which JPEG would flatten to black.
    const mayHaveAlpha = original.mime !== 'image/jpeg';
    for (const ext of mayHaveAlpha ? ['webp', 'jpg'] : ['jpg']) {
      const known = this.file(original.sha256, edge, ext);
      // Size 0: a copy torn by a crash (written without fsync); made again below.
      if ((fs.statSync(known, { throwIfNoEntry: false })?.size ?? 0) > 0) return { path: known, mime: ext === 'jpg' ? 'image/jpeg' : 'image/webp' };
    }
    // The helper writes the copy under tmp/ (the extension says which format it chose); it is
    // renamed into place here. A cache: no fsync. A copy emptied by a crash is made again (above).
    const to = path.join(this.tmpDir, crypto.randomUUID());
    const made = await this.images
      .run('screenCopy', { path: original.path, edge, mayHaveAlpha, to }, `making a screen-sized copy of a ${original.width} × ${original.height} image`)
      .catch((err: unknown) => {
        // A helper that stopped mid-write may have left part of either file.
        for (const ext of ['jpg', 'webp']) fs.rmSync(`${to}.${ext}`, { force: true });
        throw err;
      });
    const target = this.file(original.sha256, edge, made.mime === 'image/webp' ? 'webp' : 'jpg');
    try {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(made.path, target);
    } finally {
      fs.rmSync(made.path, { force: true });
    }
    return { path: target, mime: made.mime };
  }
}

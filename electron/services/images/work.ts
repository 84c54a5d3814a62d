/**
 * The pixel work itself, with sharp. Runs inside the image helper process (`helperMain.ts`);
 * main never imports this file, so libvips never loads into main (see `protocol.ts`). Unit
 * tests of the services may run it in-process through `inProcessImages`.
 */
import fs from 'node:fs';
import sharp, { type Sharp } from 'sharp';
import { applyOps, fullMask, hasInk, markedCopy } from './canvasOps';
import { readCredentials } from './credentials';
import { compositeToFile, shapeDiffers, shapesOf } from './composite';
import { contactSheet } from './contactSheet';
import { LAYOUT_SIDE, PHASH_SIDE, phashOfGrey, pixelDifference } from './fingerprint';
import { asBuffer, type ImageCalls, type ImageInput, type ImageKind, type ImageOutput, type Images, type ImageSource } from './protocol';

// libvips keeps recently read files open in its operation cache; on Windows an open file cannot be
// renamed or removed (EBUSY/EPERM, as sharp's own issue template warns), and main renames the
// import's tmp/ copy right after the helper read it. Each image is worked on once, so the cache
// would buy nothing here anyway.
sharp.cache(false);

/** Longest edge of a thumbnail: 2× the 160 px grid tile, for high-DPI screens. */
export const THUMB_EDGE = 320;
/** The edit canvas's view: big enough to paint precisely, small enough to paint at 60 fps. */
export const EDIT_PREVIEW_EDGE = 1600;

const input = (s: ImageSource): string | Buffer => ('path' in s ? s.path : asBuffer(s.bytes));

/**
 * The thumbnail pipeline. `sequentialRead` decodes top to bottom in one pass (no random access
 * into the decoded image, so less memory and work); the linear kernel after vips' box pre-shrink
 * and WebP effort 2 cost about half of lanczos3 + effort 4 (~12 ms rather than ~23 ms of CPU for
 * a 1024 × 1024 PNG) with no difference one can see at 320 px (≈ 1.5 dB PSNR against a lanczos3
 * reference) and files of the same size.
 */
export function thumbnailPipeline(source: string | Buffer): Sharp {
  return sharp(source, { sequentialRead: true })
    .rotate()
    .resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true, kernel: 'linear' })
    .webp({ quality: 80, effort: 2 });
}

/** Written and fsynced: main renames it into place, and a renamed file must be whole after a power cut. */
async function writeSynced(file: string, data: Buffer): Promise<void> {
  const fh = await fs.promises.open(file, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

type Work = { [K in ImageKind]: (i: ImageInput<K>) => Promise<ImageOutput<K>> };

export const work: Work = {
  async header({ source }) {
    const m = await sharp(input(source)).metadata();
    return { format: m.format ?? null, width: m.width ?? null, height: m.height ?? null, orientation: m.orientation ?? null, pages: m.pages ?? null, hasAlpha: m.hasAlpha === true };
  },

  async thumbnail({ source, to }) {
    const bytes = await thumbnailPipeline(input(source)).toBuffer();
    await writeSynced(to, bytes);
    return { bytes: bytes.length };
  },

  async screenCopy({ path, edge, mayHaveAlpha, to }) {
    const image = sharp(path, { sequentialRead: true }).rotate().resize(edge, edge, { fit: 'inside', withoutEnlargement: true });
    const alpha = mayHaveAlpha && (await sharp(path).metadata()).hasAlpha === true;
    const [file, mime, bytes] = alpha
      ? [`${to}.webp`, 'image/webp' as const, await image.webp({ quality: 90, effort: 2 }).toBuffer()]
      : [`${to}.jpg`, 'image/jpeg' as const, await image.jpeg({ quality: 90 }).toBuffer()];
    // A cache: no fsync. A copy emptied by a crash is made again (ScreenPreviews checks the size).
    await fs.promises.writeFile(file, bytes);
    return { path: file, mime };
  },

  async convert({ source, to }) {
    const bytes = to === 'jpeg' ? await sharp(input(source)).rotate().jpeg({ quality: 95 }).toBuffer() : await sharp(input(source), { pages: 1 }).png().toBuffer();
    return { bytes };
  },

  async editPreview({ source, width, height }) {
    const scale = Math.min(1, EDIT_PREVIEW_EDGE / Math.max(width, height));
    const { data, info } = await sharp(input(source))
      .rotate()
      .resize(Math.round(width * scale), Math.round(height * scale), { fit: 'fill' })
      .jpeg({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  },

  async applyOps({ source, ops }) {
    const data = 'path' in source ? await fs.promises.readFile(source.path) : asBuffer(source.bytes);
    const out = await applyOps(data, ops);
    return { bytes: out.data, width: out.width, height: out.height, mime: out.mime, placedAt: out.placedAt };
  },

  async marks({ base, mask, annotations, width, height, placedAt, maxEdge }) {
    const notes = annotations ? asBuffer(annotations) : null;
    const hasAnnotations = notes ? await hasInk(notes) : false;
    const full = await fullMask(mask ? asBuffer(mask) : null, width, height, placedAt);
    const marked = await markedCopy(
      'path' in base ? await fs.promises.readFile(base.path) : asBuffer(base.bytes),
      full.empty ? null : full.raw,
      hasAnnotations ? notes : null,
      { maxEdge },
    );
    return { mask: full.data, maskEmpty: full.empty, hasAnnotations, marked: marked.data };
  },

  async shrink({ source, edge }) {
    const bytes = await sharp(input(source)).rotate().resize(edge, edge, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 90 }).toBuffer();
    return { bytes };
  },

  async draftPreview({ base64, edge }) {
    try {
      const bytes = await sharp(Buffer.from(base64, 'base64')).resize(edge, edge, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 60 }).toBuffer();
      return { bytes };
    } catch {
      return null; // a draft that does not decode is simply not shown
    }
  },

  async credentials({ source, anchors }) {
    const bytes = 'path' in source ? await fs.promises.readFile(source.path) : asBuffer(source.bytes);
    return readCredentials(bytes, anchors);
  },

  async storeResult({ bytes, original, thumb, anchors }) {
    const data = asBuffer(bytes);
    const [read] = await Promise.all([
      anchors
        ? readCredentials(data, anchors).then(
            (credentials) => ({ credentials, credentialsError: null }),
            (err: unknown) => ({ credentials: null, credentialsError: err instanceof Error ? err.message : String(err) }),
          )
        : { credentials: null, credentialsError: null },
      original ? writeSynced(original, data) : undefined,
      thumb ? thumbnailPipeline(data).toBuffer().then((t) => writeSynced(thumb, t)) : undefined,
    ]);
    return read;
  },

  async composite({ base, model, mask, featherPx, to }) {
    const shapes = await shapesOf(input(base), input(model));
    if (shapeDiffers(shapes.base, shapes.model)) return { kept: 'whole', ...shapes };
    return { kept: 'composite', ...(await compositeToFile({ base: input(base), model: input(model), mask: input(mask), featherPx }, to)) };
  },

  async fingerprint({ source }) {
    // One small decode serves both: 64 × 64 RGB, averaged down to the hash's 32² grey and the 8² layout.
    const side = PHASH_SIDE * 2;
    const { data } = await sharp(input(source), { sequentialRead: true })
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize(side, side, { fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const grey = new Uint8Array(PHASH_SIDE * PHASH_SIDE);
    for (let y = 0; y < PHASH_SIDE; y++) {
      for (let x = 0; x < PHASH_SIDE; x++) {
        let s = 0;
        for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
          const i = ((y * 2 + dy) * side + x * 2 + dx) * 3;
          s += 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
        }
        grey[y * PHASH_SIDE + x] = Math.round(s / 4);
      }
    }
    const cell = side / LAYOUT_SIDE;
    const layout = new Uint8Array(LAYOUT_SIDE * LAYOUT_SIDE * 3);
    for (let cy = 0; cy < LAYOUT_SIDE; cy++) {
      for (let cx = 0; cx < LAYOUT_SIDE; cx++) {
        const sum = new Float64Array(3);
        for (let y = cy * cell; y < (cy + 1) * cell; y++) for (let x = cx * cell; x < (cx + 1) * cell; x++) for (let c = 0; c < 3; c++) sum[c] = sum[c]! + data[(y * side + x) * 3 + c]!;
        for (let c = 0; c < 3; c++) layout[(cy * LAYOUT_SIDE + cx) * 3 + c] = Math.round(sum[c]! / (cell * cell));
      }
    }
    return { phash: phashOfGrey(grey), layout };
  },

  async pixelDiff({ a, b }) {
    const grey = (s: ImageSource) => sharp(input(s)).rotate().flatten({ background: '#ffffff' }).resize(64, 64, { fit: 'fill' }).blur(1).greyscale().raw().toBuffer();
    const [ga, gb] = await Promise.all([grey(a), grey(b)]);
    return { difference: pixelDifference(ga, gb) };
  },

  async contactSheet({ panels, ratio, labels }) {
    return contactSheet(panels.map((p) => (p ? input(p) : null)), ratio, labels);
  },
};

/** The helper's work run in the calling process: for unit tests of services that need no process. */
export const inProcessImages: Images = {
  run: <K extends ImageKind>(kind: K, i: ImageInput<K>) => (work[kind] as (i: ImageCalls[K]['input']) => Promise<ImageOutput<K>>)(i),
};

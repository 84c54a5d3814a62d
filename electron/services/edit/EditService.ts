import { DEFAULT_FEATHER, type EditDraft, type EditInputs, type EditOp, type EditOpen } from '../../../shared/domain';
import { AppError } from '../errors';
import type { Db } from '../db/db';
import { isHelperStopped } from '../images/ImageHelper';
import { asBuffer, type ImageHeader, type Images, type ImageSource, type Placement } from '../images/protocol';
import type { Library } from '../library/Library';
import { checkEdit } from './editRequest';

export type { Placement } from '../images/protocol';
/** Gemini tiles inputs far below this; larger photos are sent shrunk (as references.ts does). */
export const INPUT_EDGE = 3072;
const INPUT_BYTES = 7 * 1024 * 1024;

const dataUrl = (mime: string, data: Buffer) => `data:${mime};base64,${data.toString('base64')}`;
const fromDataUrl = (url: string) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');

export interface EditPrepareInput {
  assetId: string;
  instruction: string;
  mask?: string | undefined;
  annotations?: string | undefined;
  /** Where the picture sits in an expanded canvas: the rest is the outpaint border. */
  outpaintFrom?: Placement | undefined;
  /** A masked edit's soft edge, in pixels of the original. */
  featherPx?: number | undefined;
}

/** A failure of the image helper process itself passes through; any other failure is the file's. */
const passHelperStop = (err: unknown): void => {
  if (isHelperStopped(err)) throw err;
};

/**
 * The edit canvas's main side: brings a photo in (with what was done to it said plainly), applies
 * geometry at full resolution as new versions in the lineage, and turns marks into request
 * inputs. Marks are blobs (like thought images), never library images. The pixels are worked on
 * by the image helper process (canvasOps.ts runs there).
 */
export class EditService {
  constructor(
    private readonly db: Db,
    private readonly library: Library,
  ) {}

  private get images(): Images {
    return this.library.store.images;
  }

  /**
   * An asset's original, as a path the helper reads (its bytes are not copied to the helper).
   * Read here once all the same: `original` refuses a file that leads out of the library folder.
   */
  private originalOf(assetId: string): { source: ImageSource; sha256: string; mime: string; width: number; height: number; bytes: number } {
    const o = this.library.original(assetId);
    return { source: { path: this.library.store.originalPath(o.sha256, o.mime) }, sha256: o.sha256, mime: o.mime, width: o.width, height: o.height, bytes: o.data.length };
  }

  /** A photo dropped, pasted or chosen for the canvas. Refuses what it cannot edit, with the reason. */
  async importPhoto(name: string, data: Buffer): Promise<EditOpen> {
    if (data.length === 0) throw new AppError('bad_file', `${name} is empty.`);
    let meta: ImageHeader;
    try {
      meta = await this.images.run('header', { source: { bytes: data } }, `reading ${name}`);
    } catch (err) {
      passHelperStop(err);
      throw new AppError('bad_file', `${name} is not an image Atelier can open (it may be a document or a damaged file).`);
    }
    const notices: string[] = [];
    let bytes = data;
    if (meta.format === 'heif') {
      // sharp's prebuilt libvips decodes AVIF but not HEVC-coded HEIC (a patent-encumbered codec).
      try {
        bytes = asBuffer((await this.images.run('convert', { source: { bytes: data }, to: 'jpeg' }, `converting ${name}`)).bytes);
        notices.push(`${name} was converted from HEIC to JPEG for editing.`);
      } catch (err) {
        passHelperStop(err);
        throw new AppError(
          'bad_file',
          `${name} is a HEIC photo that Atelier cannot decode on this computer. Export it as JPEG or PNG (Photos: File → Export; on iPhone: Settings → Camera → Formats → Most Compatible) and drop it again.`,
        );
      }
    } else if (meta.format === 'gif') {
      bytes = asBuffer((await this.images.run('convert', { source: { bytes: data }, to: 'png' }, `converting ${name}`)).bytes);
      if ((meta.pages ?? 1) > 1) notices.push(`${name} is an animated GIF (${meta.pages} frames); the canvas edits its first frame only.`);
    } else if (!['png', 'jpeg', 'webp'].includes(meta.format ?? '')) {
      throw new AppError('bad_file', `${name} is a ${meta.format ?? 'unknown'} image; the canvas edits JPEG, PNG, WebP, GIF and HEIC.`);
    }
    const { width, height } = bytes === data ? meta : await this.images.run('header', { source: { bytes } }, `reading ${name}`);
    let shown: Omit<EditOpen, 'assetId'>;
    try {
      // Making the preview decodes every pixel, so it also catches a truncated file before it
      // reaches the library; one decode instead of a full-size one to check and another to show.
      shown = await this.preview({ bytes }, width!, height!, bytes.length, name);
    } catch (err) {
      passHelperStop(err);
      throw new AppError('bad_file', `${name} is damaged: its pixels cannot be read. Try exporting it again from where it came from.`);
    }
    const asset = await this.library.importImage(name, bytes);
    return { assetId: asset.id, ...shown, notices: [...notices, ...shown.notices] };
  }

  /** The canvas's view of an asset: a downscaled copy and the true size. */
  async open(assetId: string): Promise<EditOpen> {
    const { source, width, height, bytes } = this.originalOf(assetId);
    return { assetId, ...(await this.preview(source, width, height, bytes, 'the photo')) };
  }

  private async preview(source: ImageSource, width: number, height: number, bytes: number, name: string): Promise<Omit<EditOpen, 'assetId'>> {
    const notices: string[] = [];
    const shown = await this.images.run('editPreview', { source, width, height }, `showing ${name}`);
    const preview = { data: asBuffer(shown.bytes), info: { width: shown.width, height: shown.height } };
    if (Math.max(width, height) > INPUT_EDGE || bytes > INPUT_BYTES) {
      notices.push(`This photo is ${width}×${height}. Gemini reads images up to ${INPUT_EDGE} px on the long side, so it will be sent downscaled; crops and masks are still applied at full size.`);
    }
    return { width, height, previewUrl: dataUrl('image/jpeg', preview.data), previewWidth: preview.info.width, previewHeight: preview.info.height, notices };
  }

  /** Crop, rotate, flip or expand at full resolution; the result is a new version whose parent is the photo. */
  async transform(assetId: string, ops: readonly EditOp[]): Promise<EditOpen & { placedAt: Placement | null }> {
    if (ops.length === 0) throw new AppError('bad_input', 'Choose a crop, rotation, flip or expansion first.');
    const { source } = this.originalOf(assetId);
    const out = await this.images.run('applyOps', { source, ops }, `applying ${ops.map((o) => o.op).join(', ')} to the photo`);
    const name = `${ops.map((o) => o.op).join('-')}.${out.mime === 'image/jpeg' ? 'jpg' : 'png'}`;
    const asset = await this.library.importImage(name, asBuffer(out.bytes));
    if (!asset.duplicate) {
      this.db.prepare("UPDATE assets SET source = 'edited' WHERE id = ?").run(asset.id);
      this.db.prepare('INSERT OR IGNORE INTO asset_parents (asset_id, parent_id) VALUES (?, ?)').run(asset.id, assetId);
    }
    return { ...(await this.open(asset.id)), placedAt: out.placedAt };
  }

  /**
   * Turns the canvas's marks into request inputs: the full-size mask and the marked copy are kept
   * as blobs; the draft names them. Refuses an edit that marks nothing when it must.
   */
  async prepare(input: EditPrepareInput): Promise<EditDraft> {
    const base = this.originalOf(input.assetId);
    const maskPng = input.mask ? fromDataUrl(input.mask) : null;
    const annotations = input.annotations ? fromDataUrl(input.annotations) : null;
    // One trip to the helper for the mask and the marked copy: the full-size raw mask the copy is
    // made from (24 MB for a 6000 × 4000 photo) never crosses to main.
    const marks = await this.images.run(
      'marks',
      { base: base.source, mask: maskPng, annotations, width: base.width, height: base.height, placedAt: input.outpaintFrom ?? null, maxEdge: INPUT_EDGE },
      'preparing the marked copy of the photo',
    );
    const { hasAnnotations } = marks;
    const mask = { empty: marks.maskEmpty, data: asBuffer(marks.mask) };
    const mode: EditInputs['mode'] = input.outpaintFrom ? 'outpaint' : !mask.empty ? 'region' : hasAnnotations ? 'annotations' : 'region';
    checkEdit({ mode, instruction: input.instruction }, { maskEmpty: mask.empty, annotations: hasAnnotations });

    const stored = await this.library.writeImages([mask.data, asBuffer(marks.marked)]);
    this.library.insertBlobs(stored);
    const [maskBlob, markedBlob] = stored as [(typeof stored)[0], (typeof stored)[0]];
    const notices: string[] = [];
    const tooBig = Math.max(base.width, base.height) > INPUT_EDGE || base.bytes > INPUT_BYTES;
    if (tooBig) {
      const s = INPUT_EDGE / Math.max(base.width, base.height);
      notices.push(
        `Your photo is ${base.width}×${base.height}, over what Gemini reads, so it is sent downscaled to ${Math.round(base.width * Math.min(1, s))}×${Math.round(base.height * Math.min(1, s))}.`,
      );
    }
    return {
      baseAssetId: input.assetId,
      prompt: input.instruction,
      references: [{ assetId: input.assetId, kind: 'object' }],
      edit: {
        mode,
        instruction: input.instruction,
        marks: [
          { sha256: markedBlob.sha256, mimeType: 'image/jpeg', role: 'marked' },
          { sha256: maskBlob.sha256, mimeType: 'image/png', role: 'mask' },
        ],
        downscaledFrom: tooBig ? { width: base.width, height: base.height } : null,
        // Annotations have no mask, so nothing is composited and no edge is kept for them.
        ...(mode === 'region' ? { featherPx: input.featherPx ?? DEFAULT_FEATHER } : {}),
      },
      notices,
    };
  }
}

/**
 * The one message protocol between main and the image helper process (`helperMain.ts`). Every
 * piece of pixel work main used to do with sharp is one entry here: main sends a request and
 * awaits its reply, and sharp (libvips) is never loaded into main.
 *
 * Pixels cross the border as file paths wherever they are already on disk (originals, the
 * import's temporary copy): a path costs nothing to send, while a structured-clone copy of a
 * 20 MB buffer holds main's event loop for milliseconds. Bytes that exist only in memory (a
 * painted mask, a streamed draft) travel as Uint8Array.
 */
import type { ContentCredentials, EditOp } from '../../../shared/domain';

/** Where the helper reads an image from: a file, or bytes held in memory. */
export type ImageSource = { path: string } | { bytes: Uint8Array };

/** Where the original picture sits inside an expanded canvas (full-resolution pixels). */
export interface Placement {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface ImageHeader {
  /** sharp's format name: png, jpeg, webp, heif, gif… */
  format: string | null;
  width: number | null;
  height: number | null;
  /** EXIF orientation (5–8 swap width and height). */
  orientation: number | null;
  pages: number | null;
  hasAlpha: boolean;
}

/** Each request's input and output, by kind. */
export interface ImageCalls {
  /** Format and size from the header, without decoding pixels. */
  header: { input: { source: ImageSource }; output: ImageHeader };
  /** A 320 px WebP thumbnail written (and fsynced) to `to`; fails when the pixels do not decode. */
  thumbnail: { input: { source: ImageSource; to: string }; output: { bytes: number } };
  /** A screen-sized copy written to `to` + `.jpg`, or `.webp` when the picture has transparency. */
  screenCopy: { input: { path: string; edge: number; mayHaveAlpha: boolean; to: string }; output: { path: string; mime: 'image/jpeg' | 'image/webp' } };
  /** Re-encodes an image the canvas cannot edit as it is: HEIC to JPEG, a GIF's first frame to PNG. */
  convert: { input: { source: ImageSource; to: 'jpeg' | 'png' }; output: { bytes: Uint8Array } };
  /** The edit canvas's downscaled JPEG view of a photo. */
  editPreview: { input: { source: ImageSource; width: number; height: number }; output: { bytes: Uint8Array; width: number; height: number } };
  /** Crop, rotate, flip, expand at full resolution (canvasOps.applyOps). */
  applyOps: {
    input: { source: ImageSource; ops: readonly EditOp[] };
    output: { bytes: Uint8Array; width: number; height: number; mime: 'image/png' | 'image/jpeg'; placedAt: Placement | null };
  };
  /** The canvas's marks as request inputs: the full-size mask PNG and the marked copy (canvasOps). */
  marks: {
    input: { base: ImageSource; mask: Uint8Array | null; annotations: Uint8Array | null; width: number; height: number; placedAt: Placement | null; maxEdge: number };
    output: { mask: Uint8Array; maskEmpty: boolean; hasAnnotations: boolean; marked: Uint8Array };
  };
  /** A reference image shrunk to at most `edge` on its long side, as JPEG, for Gemini. */
  shrink: { input: { source: ImageSource; edge: number }; output: { bytes: Uint8Array } };
  /** A streamed draft (base64) as a small JPEG preview; null when it does not decode. */
  draftPreview: { input: { base64: string; edge: number }; output: { bytes: Uint8Array } | null };
  /** The C2PA manifest's summary, checked against `anchors` (PEM trust anchors); see `credentials.ts`. */
  credentials: { input: { source: ImageSource; anchors: readonly string[] }; output: ContentCredentials };
  /**
   * A masked edit: the model's answer kept inside the mask (feathered), the original everywhere
   * else, at the original's size (composite.ts). Written as PNG to `to`; main renames it into place.
   * An answer in another shape is not laid over (nothing is written): `kept: 'whole'` with both sizes.
   */
  composite: {
    input: { base: ImageSource; model: ImageSource; mask: ImageSource; featherPx: number; to: string };
    output:
      | { kept: 'composite'; sha256: string; bytes: number; width: number; height: number; changedArea: number }
      | { kept: 'whole'; base: { width: number; height: number }; model: { width: number; height: number } };
  };
  /**
   * A generated result stored in one trip, from one copy of its bytes: written (fsynced) to
   * `original`, its thumbnail to `thumb` (each skipped when null: already stored), its content
   * credentials read against `anchors` (skipped when null: already read). Fails when the pixels do
   * not decode; a credentials reading that fails is an answer (`credentialsError`), not a failure.
   */
  storeResult: {
    input: { bytes: Uint8Array; original: string | null; thumb: string | null; anchors: readonly string[] | null };
    output: { credentials: ContentCredentials | null; credentialsError: string | null };
  };
  /** The picture's pHash (16 hex digits) and its 8 × 8 RGB colour layout (192 bytes): fingerprint.ts. */
  fingerprint: { input: { source: ImageSource }; output: { phash: string; layout: Uint8Array } };
  /** How different two pictures are at 64 × 64 grey, 0 (same) to 1: the check before duplicates are merged. */
  pixelDiff: { input: { a: ImageSource; b: ImageSource }; output: { difference: number } };
  /** A series' panels in a numbered grid, as PNG (contactSheet.ts); a null panel keeps an empty cell. */
  contactSheet: { input: { panels: Array<ImageSource | null>; ratio: { w: number; h: number }; labels: string[] }; output: { bytes: Uint8Array; width: number; height: number } };
}

export type ImageKind = keyof ImageCalls;
export type ImageInput<K extends ImageKind> = ImageCalls[K]['input'];
export type ImageOutput<K extends ImageKind> = ImageCalls[K]['output'];

/** What main sends: one discriminated union over every kind. */
export type ImageRequest = { [K in ImageKind]: { id: number; kind: K; input: ImageInput<K> } }[ImageKind];

/** A failure inside the helper, as data: `code` is set when the work refused the input (AppError). */
export interface ImageFailure {
  name: string;
  message: string;
  code?: string;
}

/** What the helper sends back; `ready` once, when sharp has loaded. */
export type ImageReply = { ready: true } | { id: number; ok: true; output: unknown } | { id: number; ok: false; error: ImageFailure };

/** What main's services hold: the helper process in the app, the same work in-process in a few unit tests. */
export interface Images {
  /** `about` says what is being worked on ("reading photo.png"): it names the work in a failure. */
  run<K extends ImageKind>(kind: K, input: ImageInput<K>, about: string): Promise<ImageOutput<K>>;
}

/** Bytes from the helper as a Buffer, without a copy. */
export const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

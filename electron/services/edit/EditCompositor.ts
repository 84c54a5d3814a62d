/**
 * A masked edit's answer made into what was asked for: only the marked pixels change. Gemini has
 * no mask field and repaints the whole frame at its own size (editRequest.ts), so the answer is
 * laid over the original here (the pixel work runs in the image helper: images/composite.ts).
 * The composite becomes the library image; the model's whole answer is kept as a blob beside it
 * (`edit_composites`), shown in before/after and the facts, never in the grid. An answer in
 * another shape cannot be laid over the photo; it is the result as it came (`edit_kept_whole`),
 * and the result says why.
 */
import fs from 'node:fs';
import { DEFAULT_FEATHER, type AssetSummary, type EditInputs } from '../../../shared/domain';
import { AppError } from '../errors';
import { cached, type Db } from '../db/db';
import type { StoredImage } from '../library/ContentStore';
import type { Library } from '../library/Library';

type Size = { width: number; height: number };

/** The composites of one job's answer, until its rows are committed. */
export interface Composed {
  /** What becomes the library images, in the answer's order. */
  results: StoredImage[];
  /** The model's whole images, kept as blobs. */
  wholes: StoredImage[];
  /** Inside the job's commit transaction: the blobs and the rows tying them to their assets. */
  record(assets: readonly AssetSummary[]): void;
}

export class EditCompositor {
  constructor(
    private readonly db: Db,
    private readonly library: Library,
  ) {}

  /**
   * Null when there is nothing to composite: not an edit, an annotation edit (no mask: the
   * model's whole image is the result), or a model that answered with text only.
   */
  async compose(request: { edit?: EditInputs | undefined; references: ReadonlyArray<object> }, answers: readonly StoredImage[]): Promise<Composed | null> {
    const edit = request.edit;
    if (!edit || edit.mode === 'annotations' || answers.length === 0) return null;
    const first = request.references[0];
    // An edit's base is always a library image (the canvas imports what it opens).
    const baseAssetId = first && 'assetId' in first && typeof first.assetId === 'string' ? first.assetId : undefined;
    const maskRef = edit.marks.find((m) => m.role === 'mask');
    const base = baseAssetId ? this.library.fileOf(baseAssetId, 'original') : null;
    const mask = maskRef ? this.library.blobFile(maskRef.sha256) : null;
    if (!base || !mask || !fs.existsSync(base.path)) {
      throw new AppError('not_found', 'The photo or the mask of this edit is no longer in the library, so the answer could not be laid over it. Open the photo on the canvas and mark it again.', { maxAttempts: 1 });
    }
    // An outpaint keeps the original area exactly: its soft edge would reach into the photo.
    const featherPx = edit.mode === 'outpaint' ? 0 : (edit.featherPx ?? DEFAULT_FEATHER);
    const store = this.library.store;
    const results: StoredImage[] = [];
    const made: StoredImage[] = [];
    /** Per answer: how it became its result (a composite, or kept whole with both sizes). */
    const outcomes: Array<{ composited: true } | { composited: false; base: Size; model: Size }> = [];
    try {
      for (const answer of answers) {
        const to = store.tmpPath();
        try {
          const out = await store.images.run(
            'composite',
            { base: { path: base.path }, model: { path: store.originalPath(answer.sha256, answer.mime) }, mask: { path: mask.path }, featherPx, to },
            'laying the edit over your photo',
          );
          if (out.kept === 'whole') {
            // Another shape: its pixels cannot be laid over the photo, but the answer was paid
            // for, so it is the result as it came (and says why on the result).
            results.push(answer);
            outcomes.push({ composited: false, base: out.base, model: out.model });
            continue;
          }
          const created = await store.adopt(to, out.sha256, 'image/png');
          const composite: StoredImage = { sha256: out.sha256, mime: 'image/png', width: out.width, height: out.height, bytes: out.bytes, created };
          results.push(composite);
          made.push(composite);
          outcomes.push({ composited: true });
        } finally {
          fs.rmSync(to, { force: true });
        }
      }
    } catch (err) {
      this.library.discard(made);
      throw err;
    }
    const composited = answers.filter((_, i) => outcomes[i]?.composited);
    const mode = edit.mode;
    return {
      results,
      // Kept beside the results (and discarded with them): the answers that were composited.
      wholes: composited,
      record: (assets) => {
        this.library.insertBlobs(composited);
        const asComposite = cached(this.db, 'INSERT OR REPLACE INTO edit_composites (asset_id, model_sha256, model_mime, base_asset_id, mode, feather_px) VALUES (?, ?, ?, ?, ?, ?)');
        const asWhole = cached(
          this.db,
          'INSERT OR REPLACE INTO edit_kept_whole (asset_id, base_asset_id, mode, base_width, base_height, model_width, model_height) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        assets.forEach((a, i) => {
          const answer = answers[i];
          const outcome = outcomes[i];
          if (!answer || !outcome) return;
          if (outcome.composited) asComposite.run(a.id, answer.sha256, answer.mime, baseAssetId ?? null, mode, featherPx);
          else asWhole.run(a.id, baseAssetId ?? null, mode, outcome.base.width, outcome.base.height, outcome.model.width, outcome.model.height);
        });
      },
    };
  }
}

import type { EditComposite, EditKeptWhole } from '../../../shared/domain';
import { thoughtUrl } from '../../../shared/urls';
import { cached, type Db } from '../db/db';

/** The facts of a composited image, or null for any other (rows written by edit/EditCompositor). */
export function compositeOf(db: Db, assetId: string): EditComposite | null {
  const row = cached(db, 'SELECT c.model_sha256, c.mode, c.feather_px, (SELECT id FROM assets WHERE id = c.base_asset_id) AS base FROM edit_composites c WHERE c.asset_id = ?').get(assetId) as
    | { model_sha256: string; mode: 'region' | 'outpaint'; feather_px: number; base: string | null }
    | undefined;
  return row ? { madeBy: 'Atelier', mode: row.mode, featherPx: row.feather_px, baseAssetId: row.base, modelImageUrl: thoughtUrl(row.model_sha256) } : null;
}

/** Why a masked edit's answer is its whole image, not a composite: the words the result shows. */
export function keptWholeMessage(base: { width: number; height: number }, model: { width: number; height: number }): string {
  return (
    `Gemini answered in a different shape (${model.width}×${model.height} for your ${base.width}×${base.height} photo), so the whole image is kept as it came; outside your mask it may differ. ` +
    'To have only the marked part change, crop the photo to a common shape (3:2, 4:3, 16:9 …) on the canvas and send the edit again.'
  );
}

/** The facts of a masked edit kept whole (edit/EditCompositor), or null for any other image. */
export function keptWholeOf(db: Db, assetId: string): EditKeptWhole | null {
  const row = cached(
    db,
    'SELECT k.mode, k.base_width, k.base_height, k.model_width, k.model_height, (SELECT id FROM assets WHERE id = k.base_asset_id) AS base FROM edit_kept_whole k WHERE k.asset_id = ?',
  ).get(assetId) as { mode: 'region' | 'outpaint'; base_width: number; base_height: number; model_width: number; model_height: number; base: string | null } | undefined;
  if (!row) return null;
  const base = { width: row.base_width, height: row.base_height };
  const model = { width: row.model_width, height: row.model_height };
  return { mode: row.mode, baseAssetId: row.base, base, model, message: keptWholeMessage(base, model) };
}

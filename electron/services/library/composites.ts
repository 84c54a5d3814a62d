import type { EditComposite } from '../../../shared/domain';
import { thoughtUrl } from '../../../shared/urls';
import { cached, type Db } from '../db/db';

/** The facts of a composited image, or null for any other (rows written by edit/EditCompositor). */
export function compositeOf(db: Db, assetId: string): EditComposite | null {
  const row = cached(db, 'SELECT c.model_sha256, c.mode, c.feather_px, (SELECT id FROM assets WHERE id = c.base_asset_id) AS base FROM edit_composites c WHERE c.asset_id = ?').get(assetId) as
    | { model_sha256: string; mode: 'region' | 'outpaint'; feather_px: number; base: string | null }
    | undefined;
  return row ? { madeBy: 'Atelier', mode: row.mode, featherPx: row.feather_px, baseAssetId: row.base, modelImageUrl: thoughtUrl(row.model_sha256) } : null;
}

/**
 * A masked edit's result is made by Atelier, not by Google: the model's answer inside the mask,
 * the original outside. Says so, names the original (the lineage's parent, whose own facts and
 * content credentials are there), and shows the model's whole image, which is kept but never in
 * the grid. A masked edit whose answer came in another shape says why it is the model's image as it came.
 */
import type { AssetDetail } from '../../../../shared/ipc/contract';
import { useLibraryStore } from './store';

export function CompositeNote({ asset }: { asset: AssetDetail }) {
  const select = useLibraryStore((s) => s.select);
  const c = asset.composite;
  const kept = asset.keptWhole;
  if (kept) {
    return (
      <section className="detail-composite" data-testid="detail-kept-whole" aria-label="Not composited">
        <h3 className="detail-subtitle">Not composited</h3>
        <p className="muted">{kept.message}</p>
        {kept.baseAssetId && (
          <button type="button" className="btn" onClick={() => void select(kept.baseAssetId!)} data-testid="composite-source">
            Show the photo it was asked to edit
          </button>
        )}
      </section>
    );
  }
  if (!c) return null;
  return (
    <section className="detail-composite" data-testid="detail-composite" aria-label="Composited">
      <h3 className="detail-subtitle">Composited by Atelier</h3>
      <p className="muted">
        {c.mode === 'outpaint'
          ? "The model's fill around the picture; the picture itself is the original's own pixels."
          : `The model's pixels inside the painted region (fading over ${c.featherPx} px); the original's own pixels, at full size, everywhere else.`}{' '}
        Made on this computer by Atelier, so it carries no Google credentials of its own.
      </p>
      {c.baseAssetId && (
        <button type="button" className="btn" onClick={() => void select(c.baseAssetId!)} data-testid="composite-source">
          Show the original it was laid over
        </button>
      )}
      <figure className="composite-whole">
        <img src={c.modelImageUrl} alt="The model's whole image, before compositing" loading="lazy" draggable={false} data-testid="composite-whole" />
        <figcaption>Model&apos;s whole image (kept with this edit, not in the library)</figcaption>
      </figure>
    </section>
  );
}

// @vitest-environment happy-dom
/** A result's facts say how a masked edit became it: composited by Atelier, or kept whole (another shape) and why. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssetDetail } from '../../../../../shared/ipc/contract';
import { CompositeNote } from '../../../../../renderer/src/features/library/CompositeNote';

afterEach(cleanup);

const message = 'Gemini answered in a different shape (1584×672 for your 1000×400 photo), so the whole image is kept as it came; outside your mask it may differ.';

describe('<CompositeNote>', () => {
  it('says why a masked edit kept the model’s whole image, and offers the photo it was asked to edit', () => {
    const asset = { id: 'r1', composite: null, keptWhole: { mode: 'region', baseAssetId: 'p1', base: { width: 1000, height: 400 }, model: { width: 1584, height: 672 }, message } } as unknown as AssetDetail;
    render(<CompositeNote asset={asset} />);
    expect(screen.getByTestId('detail-kept-whole').textContent).toContain(message);
    expect(screen.getByRole('heading').textContent).toBe('Not composited');
    expect(screen.getByTestId('composite-source').textContent).toBe('Show the photo it was asked to edit');
    expect(screen.queryByTestId('detail-composite')).toBeNull();
  });

  it('draws nothing for an image no masked edit made', () => {
    const { container } = render(<CompositeNote asset={{ id: 'r2', composite: null, keptWhole: null } as unknown as AssetDetail} />);
    expect(container.innerHTML).toBe('');
  });
});

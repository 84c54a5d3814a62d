import { afterEach, describe, expect, it } from 'vitest';
import { closeViewer, dropFromViewer, moveViewer, openViewer, registerViewerActions, useViewer } from '../../../../../renderer/src/features/viewer/store';
import { VIEWER_SHORTCUTS, viewerAction } from '../../../../../renderer/src/features/viewer/keys';
import { centredAt, fitSize, maxScale, needsOriginal, oneToOneScale, screenEdgeFor, steppedScale, toggledScale, zoomLabel } from '../../../../../renderer/src/features/viewer/zoom';

describe('viewer zoom maths', () => {
  it('asks for the smallest screen-sized copy that covers the window, the largest beyond', () => {
    expect([1000, 1280, 1281, 1440, 1920, 2560, 2880, 3840, 5120].map(screenEdgeFor)).toEqual([1280, 1280, 1920, 1920, 1920, 2560, 3840, 3840, 3840]);
  });

  it('needs the original only when the view holds more device pixels than the copy, and the original has them', () => {
    const image = { width: 3840, height: 2160 };
    const fit = fitSize(image, { width: 1440, height: 860 });
    expect(needsOriginal(image, fit, 1, 1, 1920)).toBe(false);
    // 1440 × 1.33 = 1920: still the copy; a little further is not.
    expect(needsOriginal(image, fit, 1920 / 1440, 1, 1920)).toBe(false);
    expect(needsOriginal(image, fit, 1.4, 1, 1920)).toBe(true);
    // A 2× screen at fit already shows 2880 device pixels.
    expect(needsOriginal(image, fit, 1, 2, 1920)).toBe(true);
    // An original no larger than the copy is the copy: nothing more to load.
    expect(needsOriginal({ width: 1024, height: 1024 }, fitSize({ width: 1024, height: 1024 }, { width: 800, height: 600 }), 8, 2, 1280)).toBe(false);
  });

  it('fits a 4K image into the stage whole, keeping its shape', () => {
    const fit = fitSize({ width: 3840, height: 2160 }, { width: 1280, height: 800 });
    expect(fit).toEqual({ width: 1280, height: 720 });
    expect(oneToOneScale({ width: 3840, height: 2160 }, fit)).toBe(3);
  });

  it('never enlarges a small image past its own pixels at fit, so 1:1 is fit', () => {
    const fit = fitSize({ width: 400, height: 300 }, { width: 1280, height: 800 });
    expect(fit).toEqual({ width: 400, height: 300 });
    expect(oneToOneScale({ width: 400, height: 300 }, fit)).toBe(1);
    expect(toggledScale(1, 1)).toBe(1);
  });

  it('a tall image is limited by the height', () => {
    expect(fitSize({ width: 768, height: 1376 }, { width: 1280, height: 688 })).toEqual({ width: 384, height: 688 });
  });

  it('toggles fit ↔ 1:1 and steps within [fit, max]', () => {
    expect(toggledScale(1, 3)).toBe(3);
    expect(toggledScale(3, 3)).toBe(1);
    expect(toggledScale(2.2, 3)).toBe(1);
    const max = maxScale({ width: 3840, height: 2160 }, { width: 1280, height: 720 });
    expect(max).toBe(12);
    expect(steppedScale(1, -1, max)).toBe(1);
    expect(steppedScale(10, 1, max)).toBe(12);
    expect(steppedScale(2, 1, max)).toBe(3);
  });

  it('keeps the stage centre in place when scaling about the corner', () => {
    expect(centredAt({ width: 1000, height: 600 }, 2)).toEqual({ x: -500, y: -300 });
    expect(centredAt({ width: 1000, height: 600 }, 1)).toEqual({ x: 0, y: 0 });
  });

  it('labels fit, and percentages of the image pixels', () => {
    expect(zoomLabel(1, 3)).toBe('Fit');
    expect(zoomLabel(3, 3)).toBe('100 %');
    expect(zoomLabel(6, 3)).toBe('200 %');
  });

  it('treats a 0×0 image or stage as nothing to draw', () => {
    expect(fitSize({ width: 0, height: 0 }, { width: 100, height: 100 })).toEqual({ width: 0, height: 0 });
    expect(fitSize({ width: 10, height: 10 }, { width: 0, height: 100 })).toEqual({ width: 0, height: 0 });
  });
});

describe('viewer keyboard map', () => {
  it('maps the documented keys', () => {
    expect(viewerAction({ key: 'ArrowRight' })).toEqual({ type: 'next' });
    expect(viewerAction({ key: 'ArrowLeft' })).toEqual({ type: 'prev' });
    expect(viewerAction({ key: 'Escape' })).toEqual({ type: 'close' });
    expect(viewerAction({ key: ' ' })).toEqual({ type: 'close' });
    for (let n = 0; n <= 5; n++) expect(viewerAction({ key: String(n) })).toEqual({ type: 'rate', rating: n });
    expect(viewerAction({ key: 'f' })).toEqual({ type: 'favorite' });
    expect(viewerAction({ key: 'F' })).toEqual({ type: 'favorite' });
    expect(viewerAction({ key: 'Delete' })).toEqual({ type: 'trash' });
    expect(viewerAction({ key: 'e' })).toEqual({ type: 'edit' });
    expect(viewerAction({ key: 'r' })).toEqual({ type: 'reroll' });
    expect(viewerAction({ key: 'z' })).toEqual({ type: 'toggle-zoom' });
    expect(viewerAction({ key: 'i' })).toEqual({ type: 'facts' });
  });

  it('leaves system chords alone, except Cmd+Backspace which is the Mac trash key', () => {
    expect(viewerAction({ key: 'r', ctrlKey: true })).toBeNull();
    expect(viewerAction({ key: 'c', metaKey: true })).toBeNull();
    expect(viewerAction({ key: '1', altKey: true })).toBeNull();
    expect(viewerAction({ key: 'Backspace', metaKey: true })).toEqual({ type: 'trash' });
    expect(viewerAction({ key: 'Backspace' })).toBeNull();
    expect(viewerAction({ key: '6' })).toBeNull();
  });

  it('lists every shortcut once for the help', () => {
    expect(VIEWER_SHORTCUTS.map(([k]) => k)).toEqual([...new Set(VIEWER_SHORTCUTS.map(([k]) => k))]);
  });
});

describe('viewer store', () => {
  afterEach(() => closeViewer());

  it('opens at an index within the set, moves and stops at the ends', () => {
    openViewer(['a', 'b', 'c'], 7);
    expect(useViewer.getState()).toMatchObject({ assetIds: ['a', 'b', 'c'], index: 2 });
    moveViewer(1);
    expect(useViewer.getState().index).toBe(2);
    moveViewer(-5);
    expect(useViewer.getState().index).toBe(0);
  });

  it('an empty set does not open', () => {
    openViewer([], 0);
    expect(useViewer.getState().assetIds).toBeNull();
  });

  it('a trashed image leaves the set; the last one closes the viewer', () => {
    openViewer(['a', 'b'], 1);
    dropFromViewer('b');
    expect(useViewer.getState()).toMatchObject({ assetIds: ['a'], index: 0 });
    dropFromViewer('a');
    expect(useViewer.getState().assetIds).toBeNull();
  });

  it('edit and re-roll are what the app registered, until it unregisters them', () => {
    const edited: string[] = [];
    const stop = registerViewerActions({ onEdit: (id) => edited.push(id) });
    useViewer.getState().onEdit?.('x');
    expect(edited).toEqual(['x']);
    stop();
    expect(useViewer.getState().onEdit).toBeNull();
  });
});

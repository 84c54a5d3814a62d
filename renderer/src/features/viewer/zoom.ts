/**
 * The viewer's zoom maths, pure so it can be tested without a browser. Scale 1 is "fit": the
 * image drawn as large as the stage allows without going past its own pixels. Every other scale
 * is relative to that, which is what react-zoom-pan-pinch works in.
 */
import { type ScreenEdge } from '../../../../shared/urls';
export { screenEdgeFor } from '../../lib/fitImages';

export interface Size {
  width: number;
  height: number;
}

/** The image's size on screen at "fit": whole, centred, never enlarged past one image pixel per CSS pixel. */
export function fitSize(image: Size, stage: Size): Size {
  if (image.width <= 0 || image.height <= 0 || stage.width <= 0 || stage.height <= 0) return { width: 0, height: 0 };
  const k = Math.min(1, stage.width / image.width, stage.height / image.height);
  return { width: Math.round(image.width * k), height: Math.round(image.height * k) };
}

/** The scale (relative to fit) at which one image pixel is one CSS pixel. */
export function oneToOneScale(image: Size, fitted: Size): number {
  if (fitted.width <= 0) return 1;
  return Math.max(1, image.width / fitted.width);
}

/** How far in the wheel and the buttons may go: well past 1:1, to inspect details. */
export function maxScale(image: Size, fitted: Size): number {
  return Math.max(8, oneToOneScale(image, fitted) * 4);
}

/** Fit ↔ 1:1. An image that already fits at 1:1 has nothing to toggle to and stays at fit. */
export function toggledScale(current: number, oneToOne: number): number {
  if (oneToOne <= 1.001) return 1;
  return Math.abs(current - 1) < 0.01 ? oneToOne : 1;
}

/**
 * The translation that keeps the stage's centre where it is when the content (stage-sized,
 * image centred in it) is scaled about its top-left corner, as a CSS transform does.
 */
export function centredAt(stage: Size, scale: number): { x: number; y: number } {
  return { x: (stage.width * (1 - scale)) / 2, y: (stage.height * (1 - scale)) / 2 };
}

/** A zoom step from the keyboard or the buttons, clamped to [1, max]. */
export function steppedScale(current: number, direction: 1 | -1, max: number): number {
  const next = direction > 0 ? current * 1.5 : current / 1.5;
  return Math.min(max, Math.max(1, next));
}

/** "Fit", or the percentage of the image's own pixels on screen ("100 %" is 1:1). */
export function zoomLabel(scale: number, oneToOne: number): string {
  if (Math.abs(scale - 1) < 0.01) return 'Fit';
  return `${Math.round((scale / oneToOne) * 100)} %`;
}

/**
 * Whether the view at `scale` needs the original's own pixels: more device pixels on screen
 * than the copy holds, and an original larger than the copy.
 */
export function needsOriginal(image: Size, fitted: Size, scale: number, devicePixelRatio: number, edge: ScreenEdge): boolean {
  const imageLongest = Math.max(image.width, image.height);
  if (imageLongest <= edge) return false;
  return Math.max(fitted.width, fitted.height) * scale * devicePixelRatio > edge + 0.5;
}

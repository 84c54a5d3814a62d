/**
 * The viewer's picture at fit, fetched ahead of its render. At "fit" that is the screen-sized
 * copy main makes of a large original (or the original itself when it is no larger: see
 * ScreenPreviews); the original proper is loaded only when zooming needs its pixels. Opening
 * the viewer starts the current image's fetch in the same task as the key press (not after React
 * has mounted the viewer); the viewer's own <img> then joins that request. Once the current image
 * is in, the ones either side are fetched and decoded, so moving is instant.
 *
 * The few most recent are kept referenced (a small LRU), so going back and forth reuses them;
 * older ones are let go and the browser's caches decide.
 */

import { assetUrl, SCREEN_EDGES, screenUrl, type ScreenEdge } from '../../../shared/urls';

/** The screen-sized copy's long edge for a view `longest` device pixels long: the smallest step that covers it. */
export function screenEdgeFor(longest: number): ScreenEdge {
  return SCREEN_EDGES.find((edge) => edge >= longest) ?? SCREEN_EDGES[SCREEN_EDGES.length - 1]!;
}


const KEEP = 5;

interface Entry {
  img: HTMLImageElement;
  decoded: Promise<boolean> | null;
}

const entries = new Map<string, Entry>();

/** The copy's size for this window (the viewer fills it), the same at prefetch and at render. */
export function windowScreenEdge(): ScreenEdge {
  if (typeof window === 'undefined') return SCREEN_EDGES[1];
  return screenEdgeFor(Math.max(window.innerWidth, window.innerHeight) * (window.devicePixelRatio || 1));
}

export function fitImageUrl(assetId: string): string {
  return screenUrl(assetId, windowScreenEdge());
}

function entry(key: string, url: string): Entry | null {
  const known = entries.get(key);
  if (known) {
    // Most recent last.
    entries.delete(key);
    entries.set(key, known);
    return known;
  }
  if (typeof Image === 'undefined') return null;
  const img = new Image();
  img.decoding = 'async';
  img.src = url;
  const made = { img, decoded: null };
  entries.set(key, made);
  while (entries.size > KEEP) entries.delete(entries.keys().next().value!);
  return made;
}

/** Starts fetching the fit image (not decoding it: the viewer's own image does that as it draws). */
export function prefetchFit(assetId: string): void {
  entry(assetId, fitImageUrl(assetId));
}

/** Fetches and decodes the fit image off the main thread; false when it cannot be read. */
function decodeFit(assetId: string): Promise<boolean> {
  return decoded(assetId, fitImageUrl(assetId));
}

/**
 * The original, decoded off screen while the fit image is shown, so zooming in finds its
 * pixels ready. (Drawn at fit it would cost a full decode and a scale-down for nothing.)
 */
export function decodeOriginal(assetId: string): Promise<boolean> {
  return decoded(`original:${assetId}`, assetUrl(assetId));
}

function decoded(key: string, url: string): Promise<boolean> {
  const e = entry(key, url);
  if (!e) return Promise.resolve(false);
  e.decoded ??= e.img.decode().then(
    () => true,
    () => {
      // A broken file is asked for again next time, not remembered as broken.
      entries.delete(key);
      return false;
    },
  );
  return e.decoded;
}

/** The fit pictures either side of `index`, next one first. */
export function warmNeighbours(assetIds: readonly string[], index: number): void {
  for (const id of [assetIds[index + 1], assetIds[index - 1]]) if (id) void decodeFit(id);
}

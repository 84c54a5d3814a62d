/**
 * Every URL the window and main share, built and parsed in one place: the app's own origin and
 * the library's routes under it (`app://atelier/assets/<id>` in Electron; the same paths on the
 * test harness's loopback origin). Pure string work: no Node, no DOM.
 */
export const APP_SCHEME = 'app';

/**
 * Where the user settles billing for a Gemini API project: the link Google's own "prepayment
 * credits are depleted" 429 gives (quoted in shared/reference/gemini-2026-q4.md, "429 wording").
 * Main names it in the error; the queue's billing banner opens it.
 */
export const BILLING_URL = 'https://ai.studio/projects';
export const APP_HOST = 'atelier';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ASSET_ROUTE = new RegExp(`^/assets/(${UUID})(?:/(thumb)|/screen/(1280|1920|2560|3840))?$`);
const THOUGHT_ROUTE = /^\/thoughts\/([0-9a-f]{64})$/;
const HELD_ROUTE = /^\/held\/([0-9a-f]{64})$/;
const GROUNDING_ROUTE = new RegExp(`^/grounding/(${UUID})$`);

export const assetUrl = (assetId: string): string => `/assets/${assetId}`;
export const thumbUrl = (assetId: string): string => `/assets/${assetId}/thumb`;
/** Long edges the screen-sized copies come in (main makes them: ScreenPreviews). */
export const SCREEN_EDGES = [1280, 1920, 2560, 3840] as const;
export type ScreenEdge = (typeof SCREEN_EDGES)[number];
/** The image for a view `edge` pixels long at most: a screen-sized copy, or the original when that is no larger. */
export const screenUrl = (assetId: string, edge: ScreenEdge): string => `/assets/${assetId}/screen/${edge}`;
/** An interim "thought" image, stored by content hash and never in the library grid. */
export const thoughtUrl = (sha256: string): string => `/thoughts/${sha256}`;
/** The preview of a photo held as a request's input (`references.hold`), by content hash. */
export const heldUrl = (sha256: string): string => `/held/${sha256}`;
/** Google's Search suggestions chip for one generation, served under its own CSP. */
export const groundingUrl = (generationId: string): string => `/grounding/${generationId}`;

export type AppPath =
  | { kind: 'asset'; id: string; variant: 'original' | 'thumb' }
  | { kind: 'screen'; id: string; edge: ScreenEdge }
  | { kind: 'thought'; sha256: string }
  | { kind: 'held'; sha256: string }
  | { kind: 'grounding'; generationId: string }
  /** A path in a library namespace that matches no route (a guessed or malformed id). */
  | { kind: 'invalid' }
  /** Anything else: a file of the renderer, or a client-side route. */
  | { kind: 'static'; pathname: string };

export function parseAppPath(pathname: string): AppPath {
  if (pathname.startsWith('/assets/')) {
    const m = ASSET_ROUTE.exec(pathname);
    if (!m) return { kind: 'invalid' };
    if (m[3]) return { kind: 'screen', id: m[1]!, edge: Number(m[3]) as ScreenEdge };
    return { kind: 'asset', id: m[1]!, variant: m[2] ? 'thumb' : 'original' };
  }
  if (pathname.startsWith('/thoughts/')) {
    const m = THOUGHT_ROUTE.exec(pathname);
    return m ? { kind: 'thought', sha256: m[1]! } : { kind: 'invalid' };
  }
  if (pathname.startsWith('/held/')) {
    const m = HELD_ROUTE.exec(pathname);
    return m ? { kind: 'held', sha256: m[1]! } : { kind: 'invalid' };
  }
  if (pathname.startsWith('/grounding/')) {
    const m = GROUNDING_ROUTE.exec(pathname);
    return m ? { kind: 'grounding', generationId: m[1]! } : { kind: 'invalid' };
  }
  return { kind: 'static', pathname };
}

/**
 * The exact origin of a URL, or null when it has none we trust. Custom schemes report origin
 * "null", so it is rebuilt from scheme and host. A URL carrying credentials
 * (`app://evil@atelier/`) has no trusted origin at all: its host only looks like ours.
 */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.username || u.password) return null;
  return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
}

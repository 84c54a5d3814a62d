/**
 * One fetch-style handler for everything the renderer loads: the built UI and library images.
 * Electron's `protocol.handle('app', …)` calls it for app://atelier/…, and the test harness's
 * loopback HTTP server calls the very same function, so the CSP and the path checks are tested.
 */
import fs from 'node:fs';
import path from 'node:path';
import { originOf, parseAppPath, type ScreenEdge } from '../../../shared/urls';
import { Readable } from 'node:stream';
import { isHelperStopped } from '../images/ImageHelper';

export type AppRequestHandler = (request: Request) => Promise<Response>;

export interface AssetFiles {
  /**
   * The library folder. Library files are served only when they are regular files whose real
   * path lies inside it: an original replaced by a link (to ~/.ssh, say) is refused.
   */
  readonly root?: string;
  fileOf(id: string, variant: 'original' | 'thumb'): { path: string; mime: string } | null;
  /** The viewer's fit-to-screen image: a copy at most `edge` pixels long, or the original when it is no larger. */
  screenOf?(id: string, edge: ScreenEdge): Promise<{ path: string; mime: string } | null>;
  /** Makes a thumbnail that a huge import left for later. */
  thumbnailOf?(id: string): Promise<{ path: string; mime: string } | null>;
  /** Interim thought images, by hash. */
  blobFile(sha256: string): { path: string; mime: string } | null;
  /** The Search-grounding chip of a generation. */
  groundingHtml(generationId: string): string | null;
}

/**
 * Nothing but our own files may load or run. Images are same-origin (/assets) or data:/blob:
 * for local previews; the only frame is the sandboxed Search-grounding chip from /grounding.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Google's Search suggestions chip is third-party HTML with its own inline styles. It gets a
 * policy of its own: no scripts at all, and `sandbox` so even a top-level load is isolated.
 * Links may open (as popups the window handler sends to the system browser).
 *
 * What the chip loads (issue 17 §7): the `renderedContent` in Google's grounding docs
 * (ai.google.dev/gemini-api/docs/grounding, "grounded response" sample; the same HTML in every
 * captured answer) is an inline <style>, the Google logo as inline <svg>, and <a> chips to
 * vertexaisearch.cloud.google.com. It fetches nothing; its fonts ("Google Sans, Roboto") are named,
 * never downloaded. So images and fonts are allowed only from Google's static hosts (gstatic serves
 * Google's logos, web fonts and image-search thumbnails, encrypted-tbn*.gstatic.com), never
 * `https:` at large: a hostile answer's <img src="https://tracker.example/pixel"> would otherwise
 * tell a third party who looked at it, and when.
 */
export const GROUNDING_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data: https://www.gstatic.com https://*.gstatic.com',
  'font-src data: https://fonts.gstatic.com',
  "base-uri 'none'",
  "form-action 'none'",
  'sandbox allow-popups allow-popups-to-escape-sandbox',
].join('; ');

const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'same-origin' };

/**
 * Files are streamed in 1 MiB chunks: a 50 MB original never sits in memory whole, and a 6 MB
 * 4K result crosses in six chunks instead of ninety (at the default 64 KiB, each chunk's trip
 * through the web stream cost more than reading it: 230 ms for 5.9 MB, now ~20 ms).
 */
const CHUNK = 1 << 20;

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain', ...BASE_HEADERS } });
}

async function fileResponse(file: string, type: string, method: string, extra: Record<string, string> = {}): Promise<Response> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    return notFound();
  }
  if (!stat.isFile()) return notFound();
  const headers = { 'Content-Type': type, 'Content-Length': String(stat.size), ...BASE_HEADERS, ...extra };
  if (method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = Readable.toWeb(fs.createReadStream(file, { highWaterMark: CHUNK })) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}

// Windows has no O_NOFOLLOW; there the lstat and realpath checks are the guard.
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** Real path of the library folder, resolved once (the folder itself may live behind a link). */
const realRoots = new Map<string, string>();
async function realRoot(root: string): Promise<string | null> {
  const known = realRoots.get(root);
  if (known) return known;
  const real = await fs.promises.realpath(root).catch(() => null);
  if (real) realRoots.set(root, real);
  return real;
}

/**
 * A file of the library, served only if it is a regular file (not a link) whose real path is
 * inside the library folder. Opened without following a final link and streamed from that
 * descriptor, so a swap after the check serves nothing else.
 */
async function libraryFileResponse(root: string | undefined, file: string, type: string, method: string, extra: Record<string, string>): Promise<Response> {
  if (root === undefined) return fileResponse(file, type, method, extra);
  const inside = await realRoot(root);
  const real = await fs.promises.realpath(file).catch(() => null);
  const lstat = await fs.promises.lstat(file).catch(() => null);
  if (!inside || !real || !lstat?.isFile() || !real.startsWith(inside.endsWith(path.sep) ? inside : inside + path.sep)) return notFound();
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(file, fs.constants.O_RDONLY | NOFOLLOW);
  } catch {
    return notFound();
  }
  const stat = await fh.stat().catch(() => null);
  if (!stat?.isFile()) {
    await fh.close();
    return notFound();
  }
  const headers = { 'Content-Type': type, 'Content-Length': String(stat.size), ...BASE_HEADERS, ...extra };
  if (method === 'HEAD') {
    await fh.close();
    return new Response(null, { status: 200, headers });
  }
  const body = Readable.toWeb(fh.createReadStream({ highWaterMark: CHUNK })) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}

/** Maps a URL path to a file inside `root`, or null when it would leave it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // The URL parser already collapsed literal `..`; one that survives was percent-encoded: refuse it.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return null;
  const resolved = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  const rootWithSep = root.endsWith(path.sep) ? root : root + path.sep;
  return resolved.startsWith(rootWithSep) ? resolved : null;
}

export interface AppRequestHandlerOptions {
  rendererDir: string;
  assets: AssetFiles;
  /** Previews of photos held as a request's inputs (not library images yet), by hash. */
  held?: { previewOf(sha256: string): Promise<{ path: string; mime: string } | null> };
  /** The one origin served (app://atelier, or the harness's loopback origin); omit to serve any. */
  origin?: () => string;
}

export function createAppRequestHandler({ rendererDir, assets, held, origin }: AppRequestHandlerOptions): AppRequestHandler {
  const root = path.resolve(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD', ...BASE_HEADERS } });
    }
    const url = new URL(request.url);
    // Only the app's own origin is served: another host (or one with userinfo) under the same
    // scheme is a different site as far as the window's CSP and same-origin rules are concerned.
    if (origin && originOf(request.url) !== origin()) return notFound();
    const { pathname } = url;
    const route = parseAppPath(pathname);

    if (route.kind === 'invalid') return notFound();
    if (route.kind === 'asset') {
      let file = assets.fileOf(route.id, route.variant);
      if (file && route.variant === 'thumb' && assets.thumbnailOf && !fs.existsSync(file.path)) {
        const make = assets.thumbnailOf.bind(assets, route.id);
        // A tile shows a failed image as broken until it is drawn again: when the image helper
        // stopped under this thumbnail (a new one is already up), it is asked once more.
        file = await make()
          .catch((err: unknown) => (isHelperStopped(err) ? make() : null))
          .catch(() => null);
      }
      if (!file) return notFound();
      // Content-addressed: the bytes behind an id never change.
      return libraryFileResponse(assets.root, file.path, file.mime, request.method, { 'Cache-Control': 'private, max-age=31536000, immutable' });
    }

    if (route.kind === 'screen') {
      // A copy that cannot be made (an original sharp cannot read) falls back to the original itself.
      const file = assets.screenOf ? await assets.screenOf(route.id, route.edge).catch(() => assets.fileOf(route.id, 'original')) : assets.fileOf(route.id, 'original');
      if (!file) return notFound();
      return libraryFileResponse(assets.root, file.path, file.mime, request.method, { 'Cache-Control': 'private, max-age=31536000, immutable' });
    }

    if (route.kind === 'thought') {
      const file = assets.blobFile(route.sha256);
      if (!file) return notFound();
      return libraryFileResponse(assets.root, file.path, file.mime, request.method, { 'Cache-Control': 'private, max-age=31536000, immutable' });
    }

    if (route.kind === 'held') {
      const file = held ? await held.previewOf(route.sha256).catch(() => null) : null;
      if (!file) return notFound();
      // The same hash may be released and held again; never cache past the request.
      return libraryFileResponse(assets.root, file.path, file.mime, request.method, { 'Cache-Control': 'no-store' });
    }

    if (route.kind === 'grounding') {
      const html = assets.groundingHtml(route.generationId);
      if (html === null) return notFound();
      const page = `<!doctype html><html><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><base target="_blank"></head><body>${html}</body></html>`;
      return new Response(request.method === 'HEAD' ? null : page, {
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': GROUNDING_CSP, ...BASE_HEADERS },
      });
    }

    const file = resolveInside(root, pathname === '/' ? '/index.html' : pathname);
    if (!file) return notFound();
    const ext = path.extname(file);
    // Client-side routes (no extension) get the app shell.
    const target = ext === '' ? path.join(root, 'index.html') : file;
    const type = STATIC_TYPES[path.extname(target)] ?? 'application/octet-stream';
    const extra: Record<string, string> = target.endsWith('.html')
      ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-cache' }
      : {};
    return fileResponse(target, type, request.method, extra);
  };
}

/**
 * The renderer's typed client over `window.atelier` (set up by the preload in Electron and by
 * the test harness in Chromium). Types come from the shared contract; nothing is typed twice.
 */
import type {
  AtelierBridge,
  EventName,
  EventPayload,
  IpcResult,
  RouteInput,
  RouteName,
  RouteOutput,
} from '../../../shared/ipc/contract';

declare global {
  interface Window {
    atelier?: AtelierBridge;
  }
}

function bridge(): AtelierBridge {
  const b = window.atelier;
  if (!b) throw new Error('Atelier bridge missing: the page was not opened by Atelier.');
  return b;
}

/** Calls a route; errors come back as data (`ok: false`) with a stable code, never as a throw. */
export async function call<R extends RouteName>(
  route: R,
  ...input: undefined extends RouteInput<R> ? [RouteInput<R>?] : [RouteInput<R>]
): Promise<IpcResult<RouteOutput<R>>> {
  try {
    return (await bridge().invoke(route, input[0])) as IpcResult<RouteOutput<R>>;
  } catch (err) {
    return { ok: false, code: 'internal', message: err instanceof Error ? err.message : String(err) };
  }
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, (payload) => listener(payload as EventPayload<E>));
}

/**
 * The desktop path of a dropped or chosen file, when Atelier runs in Electron; null in the test
 * harness, or for pasted images, which have no path — those travel as bytes instead.
 */
export function pathForFile(file: File): string | null {
  const b = window.atelier;
  if (!b?.pathForFile) return null;
  try {
    return b.pathForFile(file) || null;
  } catch {
    return null;
  }
}

/**
 * Electron: turns an element's dragstart into the OS's own drag of these library images, so
 * Finder, Explorer and other apps receive the files. It must happen inside dragstart, and the
 * HTML5 drag must be cancelled (preventDefault), as in Electron's "Native File Drag & Drop"
 * tutorial; main then starts the drag on this window. False where there is no desktop (the
 * browser, the test harness without it): the caller goes on with an in-page drag.
 */
export function dragOutToDesktop(event: { preventDefault(): void }, assetIds: string[]): boolean {
  const b = window.atelier;
  if (!b?.startDrag || assetIds.length === 0) return false;
  event.preventDefault();
  b.startDrag(assetIds);
  return true;
}

/**
 * What electron/preload.ts exposes, for the page in Chromium: runs in the page (bundled by
 * launchApp.ts), before any of the app's scripts. It dispatches main's events through the same
 * module as the preload, so the two cannot drift.
 *
 * pathForFile: Electron's webUtils.getPathForFile answers the real path of a File that came
 * from the disk, and '' for one made in memory. Here the test says which files are "on the
 * desktop" (LaunchedApp.desktop.placeFiles); a File with the same name and size answers that
 * path, any other ''. The path-import branches of the window thus run under test.
 */
import { createEventDispatch } from '../../shared/ipc/eventDispatch';

interface DesktopFile {
  name: string;
  size: number;
  path: string;
}

const w = window as unknown as {
  __atelierInvoke: (route: string, input: unknown) => Promise<unknown>;
  __atelierStartDrag: (ids: unknown) => Promise<void>;
  __atelierEmit: (event: string, payload: unknown) => void;
  __atelierPlaceFiles: (files: DesktopFile[]) => void;
  /** Every startDrag the window made, in the page, so a test can see it happened within dragstart. */
  __atelierDrags: unknown[];
  atelier: unknown;
};

const events = createEventDispatch();
const desktopFiles: DesktopFile[] = [];
w.__atelierEmit = (event, payload) => events.onMessage(event, payload);
w.__atelierPlaceFiles = (files) => void desktopFiles.push(...files);
w.__atelierDrags = [];
w.atelier = Object.freeze({
  invoke: (route: string, input?: unknown) => w.__atelierInvoke(route, input),
  on: (event: string, listener: (payload: unknown) => void) => events.on(event, listener),
  pathForFile: (file: File) => desktopFiles.find((f) => f.name === file.name && f.size === file.size)?.path ?? '',
  startDrag: (assetIds: string[]) => {
    w.__atelierDrags.push(assetIds);
    void w.__atelierStartDrag(assetIds);
  },
});

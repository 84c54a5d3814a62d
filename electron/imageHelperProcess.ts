/**
 * The image helper in Electron: a utility process (Chromium's service launcher with Node inside),
 * not `child_process.fork`. A fork would need ELECTRON_RUN_AS_NODE and shows up as a second copy
 * of the app in Activity Monitor; a utility process is named (`serviceName`), is reaped when the
 * app quits, and loads modules from app.asar, with native ones (sharp's .node, libvips) from
 * app.asar.unpacked as in main.
 *
 * Its API (Electron docs, api/utility-process and api/parent-port): `utilityProcess.fork(modulePath,
 * args, { serviceName, stdio })` returns an EventEmitter with `postMessage(message)` (structured
 * clone; only MessagePorts can be transferred), `on('message', data)`, `on('exit', code)` and
 * `kill()`; in the child, `process.parentPort.on('message', e => e.data)` and
 * `process.parentPort.postMessage`. That is exactly `HelperChild`.
 *
 * On Linux the helper may still meet Electron's GLib (lovell/sharp#4525 saw the abort inside a
 * utility process too): it then ends alone, and ImageHelper restarts it.
 */
import { utilityProcess } from 'electron';
import type { HelperChild, LaunchHelper } from './services/images/ImageHelper';

export const launchImageHelper: LaunchHelper = (modulePath) => {
  const child = utilityProcess.fork(modulePath, [], { serviceName: 'Atelier Image Helper', stdio: 'inherit' });
  // 'error' (a fatal V8 error in the child) is followed by 'exit', which ImageHelper handles;
  // unheard, an EventEmitter's 'error' would throw in main, the very thing this process prevents.
  child.on('error', () => {});
  return child as unknown as HelperChild;
};

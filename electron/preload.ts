// The whole bridge: invoke a contract route, listen to a contract event, name the path of a file
// dropped from the desktop, and start a drag of library images out to the desktop. Listeners get
// the payload only, never Electron's event object, and never ipcRenderer itself.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_DRAG_CHANNEL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/ipc/channels';
import { createEventDispatch } from '../shared/ipc/eventDispatch';

const events = createEventDispatch();
// One listener for every subscription (shared/ipc/eventDispatch.ts says why).
ipcRenderer.on(IPC_EVENT_CHANNEL, (_e, name: unknown, payload: unknown) => events.onMessage(name, payload));

contextBridge.exposeInMainWorld('atelier', {
  invoke: (route: string, input?: unknown) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, route, input),
  on: (event: string, listener: (payload: unknown) => void) => events.on(event, listener),
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  // send, not invoke: Electron's native file drag is started by main from the renderer's
  // dragstart, in the order of its documented pattern (tutorial "Native File Drag & Drop":
  // ipcRenderer.send('ondragstart', …) → event.sender.startDrag). Main resolves the ids itself.
  startDrag: (assetIds: string[]) => ipcRenderer.send(IPC_DRAG_CHANNEL, assetIds),
});

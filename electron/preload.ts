// The whole bridge: invoke a contract route, listen to a contract event, and name the path of a
// file dropped from the desktop. Listeners get the payload only, never Electron's event object.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/ipc/channels';

contextBridge.exposeInMainWorld('atelier', {
  invoke: (route: string, input?: unknown) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, route, input),
  on: (event: string, listener: (payload: unknown) => void) => {
    const forward = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});

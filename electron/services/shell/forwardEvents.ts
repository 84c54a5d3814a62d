/**
 * Main's events to the window. Electron's webContents.send copies the payload with the
 * structured-clone algorithm and throws ("An object could not be cloned", electron/electron#26338)
 * on a function, a class instance with native state, and the like; an exception from inside the
 * EventBus would reach whichever service emitted. Such an event is dropped instead, and logged
 * once per event name, so a bug in one payload cannot flood the log or stop the others.
 */
import type { Logger } from '../logger';

export function forwardEvents(o: { send(name: string, payload: unknown): void; logger: Pick<Logger, 'error'> }): (name: string, payload: unknown) => void {
  const reported = new Set<string>();
  return (name, payload) => {
    try {
      o.send(name, payload);
    } catch (err) {
      if (reported.has(name)) return;
      reported.add(name);
      o.logger.error('ipc: an event could not be sent to the window and was dropped', { event: name, message: err instanceof Error ? err.message : String(err) });
    }
  };
}

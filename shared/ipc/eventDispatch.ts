/**
 * Main's events fan out to the window's listeners here, in the preload and in the test harness's
 * emulation of it alike, so the two cannot drift. The preload feeds this from ONE ipcRenderer
 * listener: one per subscription would pass Node's default of ten and print a MaxListeners
 * warning, and would parse every event once per listener.
 */
export type EventListener = (payload: unknown) => void;

export interface EventDispatch {
  /** Subscribes to one event name; the returned function unsubscribes (and is safe to call twice). */
  on(name: string, listener: EventListener): () => void;
  /** The single entry point for a message from main. */
  onMessage(name: unknown, payload: unknown): void;
  /** How many listeners an event has (tests, and nothing else). */
  listenerCount(name: string): number;
}

/**
 * `report` hears a listener that threw; the other listeners of the same event still run, since
 * one broken screen must not stop the queue or the library from hearing about a change.
 */
export function createEventDispatch(report: (name: string, err: unknown) => void = defaultReport): EventDispatch {
  const listeners = new Map<string, Set<EventListener>>();
  return {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      // A wrapper per subscription: the same function subscribed twice is two subscriptions.
      const entry: EventListener = (payload) => listener(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
        if (set.size === 0 && listeners.get(name) === set) listeners.delete(name);
      };
    },
    onMessage(name, payload) {
      if (typeof name !== 'string') return;
      const set = listeners.get(name);
      if (!set) return;
      // A copy: a listener that unsubscribes (or subscribes) while we iterate changes nothing now.
      for (const l of [...set]) {
        try {
          l(payload);
        } catch (err) {
          report(name, err);
        }
      }
    },
    listenerCount: (name) => listeners.get(name)?.size ?? 0,
  };
}

function defaultReport(name: string, err: unknown): void {
  console.error(`atelier: a listener of "${name}" failed`, err);
}

import type { EventName, EventPayload } from '../../shared/ipc/contract';

type Listener = (event: EventName, payload: unknown) => void;

/**
 * Typed events from services to whoever shows them: Electron's webContents in the app,
 * the page bridge in the test harness.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  /** Receives every event; returns the unsubscribe function. */
  onAny(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

import type { Clock } from '../../electron/services/clock';

/** A clock whose time moves only when a test says so; timers fire in order as it moves. */
export class FakeClock implements Clock {
  private t: number;
  private timers: Array<{ id: number; at: number; fn: () => void }> = [];
  private nextId = 1;

  constructor(start = Date.UTC(2026, 10, 24, 12, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, at: this.t + Math.max(0, ms), fn });
    return id;
  }

  /** Timers waiting for time to move: lets a test wait for the fact "a request is now sleeping". */
  get pending(): number {
    return this.timers.length;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }

  /** Moves time forward, firing due timers one by one and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await settle();
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
      await settle();
    }
    this.t = end;
    await settle();
  }
}

/** Lets pending promise callbacks (and I/O-free async work) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}

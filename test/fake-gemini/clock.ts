/**
 * Time for the fake server, as a parameter: latency, quota windows and batch progress read it,
 * so a test drives them with a fake clock (test/support/fakeClock.ts) instead of sleeping.
 * The same shape as the app's queue clock, so one fake clock serves both.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  // Unref'd: a pending batch timer must not keep a test process or the CLI alive on its own.
  setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * The longest main's event loop went without running a 1-ms timer while `work` ran, with the
 * work's own result and how long it took. Work that never yields is one long stall the timer
 * could not see from inside, so the end counts too.
 */
export async function longestStall<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number; totalMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  try {
    const value = await work();
    stallMs = Math.max(stallMs, performance.now() - last);
    return { value, stallMs, totalMs: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

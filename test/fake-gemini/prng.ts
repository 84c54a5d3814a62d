/**
 * Seedable randomness so a benchmark run (latency draws, 5xx flaps) can be replayed exactly.
 * Each concern draws from its own stream: turning flaps on must not shift the latency sequence.
 */

/** mulberry32: tiny, fast, good enough for test traffic shaping (not for anything secret). */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal via Box–Muller (one value per call; simplicity over speed). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

export const DEFAULT_SEED = 0x5eed;

/** The fake's random streams, re-derived together from one seed. */
export class Randomness {
  latency!: Prng;
  flaps!: Prng;

  constructor(seed = DEFAULT_SEED) {
    this.seed(seed);
  }

  seed(n: number): void {
    if (!Number.isFinite(n)) throw new TypeError(`seed must be a finite number, got ${String(n)}`);
    const base = Math.trunc(n) >>> 0;
    // Distinct odd offsets keep the streams independent for the same user seed.
    this.latency = new Prng(base ^ 0x9e3779b9);
    this.flaps = new Prng(base ^ 0x85ebca6b);
  }
}

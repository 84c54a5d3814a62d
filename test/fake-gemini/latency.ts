/**
 * How long generateContent takes to answer. Real image calls have a long right tail (a 4K Pro
 * image can take several times the median), which is what a client queue's timeouts and
 * concurrency have to survive — hence the lognormal option next to fixed and uniform delays.
 */
import type { Prng } from './prng';
import type { Latency } from './types';

const stripPrefix = (id: string): string => id.replace(/^models\//, '');

/** z for the 95th percentile of the standard normal. */
const Z95 = 1.6448536269514722;

/** Draws one delay in ms from `l` using `rng` (never negative). */
export function sampleLatency(l: Latency, rng: Prng): number {
  if (typeof l === 'number') return Math.max(0, l);
  if ('distribution' in l) {
    // ln X ~ N(mu, sigma²): median = e^mu, p95 = e^(mu + 1.645·sigma).
    const median = Math.max(l.medianMs, 1e-3);
    const p95 = Math.max(l.p95Ms, median);
    const mu = Math.log(median);
    const sigma = (Math.log(p95) - mu) / Z95;
    return Math.exp(mu + sigma * rng.normal());
  }
  const lo = Math.min(l.min, l.max);
  const hi = Math.max(l.min, l.max);
  return Math.max(0, lo + rng.next() * (hi - lo));
}

/** Checks a Latency from JSON or a caller; returns an error text or undefined. */
export function latencyProblem(v: unknown): string | undefined {
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (typeof v === 'number') return ok(v) ? undefined : 'latency must be a non-negative number';
  if (v === null || typeof v !== 'object') return 'latency must be a number, {min, max} or {distribution: "lognormal", medianMs, p95Ms}';
  const o = v as Record<string, unknown>;
  if ('distribution' in o) {
    if (o.distribution !== 'lognormal') return `unknown latency distribution ${JSON.stringify(o.distribution)}`;
    if (!ok(o.medianMs) || !ok(o.p95Ms)) return 'lognormal latency needs non-negative medianMs and p95Ms';
    if (o.p95Ms < o.medianMs) return 'p95Ms must be >= medianMs';
    return undefined;
  }
  return ok(o.min) && ok(o.max) ? undefined : 'latency {min, max} needs two non-negative numbers';
}

/** Per-model overrides; the all-models default stays in `FakeState.latencyMs` (the original API). */
export class LatencyTable {
  private readonly perModel = new Map<string, Latency>();

  set(model: string, l: Latency): void {
    this.perModel.set(stripPrefix(model), l);
  }

  /** The model's own latency, else `fallback`. */
  for(model: string, fallback: Latency): Latency {
    return this.perModel.get(stripPrefix(model)) ?? fallback;
  }

  entries(): Record<string, Latency> {
    return Object.fromEntries(this.perModel);
  }

  clear(): void {
    this.perModel.clear();
  }
}

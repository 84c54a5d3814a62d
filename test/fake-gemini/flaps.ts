/**
 * Random 5xx "flaps": the image models answer 503 "overloaded" (and less often 500/504) at peak
 * independently of quota (wire §3.2, §6.2). A client queue must retry them with backoff; these
 * let a benchmark inject them at a known, seeded rate instead of scripting each one.
 */
import type { Prng } from './prng';

export type FlapStatus = 500 | 503 | 504;

export interface FlapConfig {
  /** Only this model (with or without `models/`); omitted → every model without its own setting. */
  model?: string;
  /** Probability in [0, 1] that a generateContent call fails. */
  rate: number;
  /** Picked uniformly per flap; default all three. */
  statuses?: FlapStatus[];
}

const ALL: readonly FlapStatus[] = [500, 503, 504];
const ANY = '*';
const stripPrefix = (id: string): string => id.replace(/^models\//, '');

export function flapProblem(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) return 'flaps must be an object or null';
  const o = v as Record<string, unknown>;
  if (typeof o.rate !== 'number' || !(o.rate >= 0 && o.rate <= 1)) return 'rate must be a number in [0, 1]';
  if (o.model !== undefined && typeof o.model !== 'string') return 'model must be a string';
  if (o.statuses !== undefined) {
    if (!Array.isArray(o.statuses) || o.statuses.length === 0) return 'statuses must be a non-empty array';
    if (!o.statuses.every((s) => ALL.includes(s as FlapStatus))) return `statuses must be among ${ALL.join(', ')}`;
  }
  return undefined;
}

export class Flaps {
  private readonly configs = new Map<string, { rate: number; statuses: readonly FlapStatus[] }>();

  /** A config with `model` replaces that model's; without, the all-models one. null clears every config. */
  set(cfg: FlapConfig | null): void {
    const problem = flapProblem(cfg);
    if (problem) throw new TypeError(problem);
    if (cfg === null) {
      this.configs.clear();
      return;
    }
    this.configs.set(cfg.model ? stripPrefix(cfg.model) : ANY, {
      rate: cfg.rate,
      statuses: cfg.statuses && cfg.statuses.length > 0 ? [...cfg.statuses] : ALL,
    });
  }

  /** The status this call fails with, or undefined. Draws only when a config applies (keeps seeds stable). */
  roll(model: string, rng: Prng): FlapStatus | undefined {
    const cfg = this.configs.get(stripPrefix(model)) ?? this.configs.get(ANY);
    if (!cfg || cfg.rate <= 0) return undefined;
    if (rng.next() >= cfg.rate) return undefined;
    return cfg.statuses[Math.floor(rng.next() * cfg.statuses.length)]!;
  }

  entries(): Record<string, { rate: number; statuses: readonly FlapStatus[] }> {
    return Object.fromEntries(this.configs);
  }

  clear(): void {
    this.configs.clear();
  }
}

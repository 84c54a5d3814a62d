/** The per-test script: a FIFO of one-shot outcomes plus per-model defaults. */
import type { Outcome, QuotaCause } from './types';

const stripPrefix = (id: string): string => id.replace(/^models\//, '');
const ANY = '*';

export class OutcomeScript {
  private queue: Outcome[] = [];
  private defaults = new Map<string, Outcome>();

  enqueue(...outcomes: Outcome[]): void {
    this.queue.push(...outcomes);
  }

  setDefault(outcome: Outcome): void {
    this.defaults.set(outcome.model ? stripPrefix(outcome.model) : ANY, outcome);
  }

  /** Consumes the first queued outcome that applies to `modelId`; otherwise that model's default. */
  next(modelId: string): Outcome {
    const i = this.queue.findIndex((o) => !o.model || stripPrefix(o.model) === modelId);
    if (i >= 0) return this.queue.splice(i, 1)[0]!;
    return this.defaults.get(modelId) ?? this.defaults.get(ANY) ?? { kind: 'success' };
  }

  /**
   * Consumes the first queued outcome that names `modelId` itself, if any: calls other than
   * generateContent (embeddings) take only what a test addressed to their model, never an
   * outcome meant for whichever generation comes next.
   */
  takeNamed(modelId: string): Outcome | undefined {
    const i = this.queue.findIndex((o) => o.model !== undefined && stripPrefix(o.model) === modelId);
    return i >= 0 ? this.queue.splice(i, 1)[0] : undefined;
  }

  get pending(): readonly Outcome[] {
    return this.queue;
  }

  clear(): void {
    this.queue = [];
    this.defaults.clear();
  }
}

const KINDS = new Set(['success', 'textOnly', 'noImage', 'imageBlocked', 'promptBlocked', 'error', 'hang', 'drop', 'broken', 'streamBroken']);
const ERROR_STATUSES = new Set([400, 403, 404, 429, 500, 503, 504]);
/** The 429 causes the fake can word (issue 17 §4): see QUOTA_CAUSE_TEXT in errors.ts. */
const QUOTA_CAUSES = new Set<string>(['prepaid_depleted', 'tier_cap', 'spend_window', 'tier_drop', 'unknown'] satisfies QuotaCause[]);

/** Checks JSON from the control API; returns an error text or undefined. */
export function outcomeProblem(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'outcome must be an object';
  const o = v as Record<string, unknown>;
  if (typeof o.kind !== 'string' || !KINDS.has(o.kind)) return `unknown outcome kind ${JSON.stringify(o.kind)}`;
  if (o.model !== undefined && typeof o.model !== 'string') return 'model must be a string';
  if (o.kind === 'error' && !ERROR_STATUSES.has(o.status as number)) {
    return `error status must be one of ${[...ERROR_STATUSES].join(', ')}`;
  }
  if (o.cause !== undefined && !(o.kind === 'error' && o.status === 429 && QUOTA_CAUSES.has(o.cause as string))) {
    return `cause is for a 429 error only, one of ${[...QUOTA_CAUSES].join(', ')}`;
  }
  if (o.kind === 'success' && o.images !== undefined && !(Number.isInteger(o.images) && (o.images as number) >= 0)) {
    return 'images must be a non-negative integer';
  }
  return undefined;
}

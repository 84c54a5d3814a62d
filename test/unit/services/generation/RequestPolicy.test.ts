/**
 * The RequestPolicy on its own: the one place that resolves a request's model, checks it, prices
 * it and applies the budget, for the studio, chat, batch and compare alike.
 */
import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../../../shared/ipc/contract';
import { AppError } from '../../../../electron/services/errors';
import { EventBus } from '../../../../electron/services/events';
import { RequestPolicy, type RequestPolicyOptions } from '../../../../electron/services/generation/RequestPolicy';

const FLASH = 'gemini-3.1-flash-image';
const PRO = 'gemini-3-pro-image';

function policy(o: { budget?: number | null; spent?: number; gone?: string[]; missingRef?: boolean; missingBlob?: boolean } = {}) {
  const notices: unknown[] = [];
  const events = new EventBus();
  events.onAny((e, p) => e === 'notice' && notices.push(p));
  const startupNotices: RequestPolicyOptions['startupNotices'] = [];
  const deps = {
    catalog: { resolve: (tier: string) => (tier === 'pro' ? PRO : FLASH), isGone: (id: string) => (o.gone ?? []).includes(id), get: () => null, status: () => ({ successor: FLASH }) },
    settings: { get: () => ({ monthlyBudgetUsd: o.budget ?? null }) },
    usage: { monthToDate: () => o.spent ?? 0 },
    held: {
      check: () => {
        if (o.missingRef) throw new AppError('not_found', 'That reference photo is gone.');
      },
    },
    library: { blobFile: () => (o.missingBlob ? null : '/x') },
    events,
    startupNotices,
  } as unknown as RequestPolicyOptions;
  return { p: new RequestPolicy(deps), notices, startupNotices };
}

function request(o: Partial<GenerateRequest> = {}): GenerateRequest {
  return { prompt: 'a kite over dunes', tier: 'pro', aspectRatio: '1:1', imageSize: '1K', modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority: 0, ...o };
}

const code = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as AppError).code;
  }
};

describe('RequestPolicy', () => {
  it('resolves a class to its current model, and a retired id to its successor, telling the user once', () => {
    const { p, notices } = policy();
    expect(p.resolveModel('pro', undefined)).toBe(PRO);
    expect(p.resolveModel('pro', 'gemini-3-pro-image-preview')).toBe(PRO);
    expect(p.resolveModel('pro', 'gemini-3-pro-image-preview')).toBe(PRO);
    expect(notices).toEqual([{ kind: 'info', message: expect.stringContaining('gemini-3-pro-image-preview has been retired') }]);
  });

  it('refuses what the model cannot do, a gone model, a missing reference and missing marks, each with its code', () => {
    expect(code(() => policy().p.prepare(request({ aspectRatio: '8:1' })))).toBe('unsupported');
    expect(code(() => policy({ gone: [PRO] }).p.prepare(request()))).toBe('model_not_found');
    expect(code(() => policy({ missingRef: true }).p.prepare(request({ references: [{ assetId: '00000000-0000-4000-8000-000000000001', kind: 'object' }] })))).toBe('not_found');
    expect(code(() => policy({ missingBlob: true }).p.prepare(request({ edit: { instruction: 'x', marks: [{ sha256: 'a'.repeat(64) }] } as unknown as GenerateRequest['edit'] })))).toBe('not_found');
    expect(policy().p.prepare(request())).toBe(PRO);
  });

  it('prices a grounded request with its search fee, and a batch at half', () => {
    const { p } = policy();
    const caps = p.capabilities(PRO);
    const plain = p.estimate(caps, request());
    expect(p.estimate(caps, request({ grounding: true }))).toBeCloseTo(plain + 0.014);
    expect(p.estimate(caps, request(), { batch: true })).toBeCloseTo(plain / 2);
  });

  it('applies the budget to count × the estimate, in its own words or the caller’s', () => {
    const { p } = policy({ budget: 1, spent: 0.9 });
    const one = p.estimate(p.capabilities(PRO), request());
    expect(() => p.prepare(request(), { count: 1 })).toThrow(/past your \$1\.00 budget\. Raise the budget in Settings, or wait for next month\./);
    expect(code(() => policy({ budget: 1, spent: 0.9 - one }).p.prepare(request()))).toBeNull();
    expect(code(() => policy({ budget: 1, spent: 0.9 - one }).p.prepare(request(), { count: 2 }))).toBe('over_budget');
    expect(() => p.checkBudget(0.5, ({ total, budget }) => `total ${total.toFixed(2)} of ${budget}`)).toThrow('total 1.40 of 1');
    expect(code(() => policy({ budget: null, spent: 1e6 }).p.checkBudget(1e6))).toBeNull();
  });
});

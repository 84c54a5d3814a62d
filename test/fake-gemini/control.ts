/**
 * `/__fake/*`: the same scripting tests do in-process, over HTTP, for a person with curl or a
 * test runner in another process (Playwright's web server, the preview harness). Never needs
 * an API key and is never recorded in `requests`.
 *
 *   POST /__fake/enqueue     Outcome | Outcome[]
 *   POST /__fake/default     Outcome
 *   POST /__fake/reset
 *   POST /__fake/bad-key     {"key": "..."}
 *   POST /__fake/leaked-key  {"key": "..."}
 *   POST /__fake/config      {"strictSignatures"?, "prerenderedImages"?, "latencyMs"?: Latency, "seed"?: number, "batchTiming"?: {pendingMs, runningMs}}
 *   POST /__fake/latency     {"model"?: string, "latency": Latency}      (no model = all models)
 *   POST /__fake/quota       {"model", "requestsPerMinute"?, "imagesPerMinute"?, "requestsPerDay"?, "windowMs"?}
 *                            (no limit fields = remove that model's quota)
 *   POST /__fake/flaps       {"model"?, "rate", "statuses"?} | null       (null or empty body = clear all)
 *   POST /__fake/batch-item-outcomes  Outcome | Outcome[]
 *   POST /__fake/tiers       {"shedFlex"?: n, "flexLatencyMs"?: ms, "downgradePriority"?: bool, "serveAs"?: tier|null}  (tiers.ts)
 *   POST /__fake/files       {"cutUploadAt"?: bytes, "brokenResultLines"?: number[], "expire"?: "files/ID"}  (files.ts)
 *   GET  /__fake/stats[?model=ID]     {"total", "models": {id: QuotaStats}} or one model's QuotaStats
 *   GET  /__fake/requests    {"requests": RecordedRequest[]}
 *   GET  /__fake/state       queue and settings (no keys)
 */
import { type Reply, json } from './context';
import { flapProblem } from './flaps';
import { latencyProblem } from './latency';
import { outcomeProblem } from './outcomes';
import { type QuotaLimits, quotaProblem } from './quota';
import type { HttpRequest } from './request';
import { type TierBehaviour, tiersProblem } from './tiers';
import type { FakeGemini, FlapConfig, Latency, Outcome } from './types';

/** Server internals the control API reads but the public FakeGemini does not expose. */
export interface ControlHooks {
  pending(): readonly Outcome[];
  /** Models with recorded generateContent traffic. */
  statsModels(): string[];
}

export const CONTROL_PREFIX = '/__fake/';

const bad = (message: string): Reply => json({ error: { code: 400, message, status: 'INVALID_ARGUMENT' } }, 400);

function outcomeList(body: unknown): Outcome[] | string {
  const list = Array.isArray(body) ? body : [body];
  for (const o of list) {
    const problem = outcomeProblem(o);
    if (problem) return problem;
  }
  return list as Outcome[];
}

export function handleControl(fake: FakeGemini, req: HttpRequest, hooks: ControlHooks): Reply {
  const pending = hooks.pending;
  const op = `${req.method} ${req.path.slice(CONTROL_PREFIX.length)}`;
  if (req.bodyError !== undefined) return bad(`body is not JSON: ${req.bodyError}`);
  const body = req.body;
  switch (op) {
    case 'POST enqueue': {
      const list = outcomeList(body);
      if (typeof list === 'string') return bad(list);
      fake.enqueue(...list);
      return json({ queued: pending().length });
    }
    case 'POST batch-item-outcomes': {
      const list = outcomeList(body);
      if (typeof list === 'string') return bad(list);
      fake.enqueueBatchItemOutcome(...list);
      return json({ ok: true });
    }
    case 'POST default': {
      const problem = outcomeProblem(body);
      if (problem) return bad(problem);
      fake.setDefault(body as Outcome);
      return json({ ok: true });
    }
    case 'POST files': {
      const f = (body ?? {}) as { cutUploadAt?: unknown; brokenResultLines?: unknown; expire?: unknown };
      if (f.cutUploadAt !== undefined && !(typeof f.cutUploadAt === 'number' && Number.isInteger(f.cutUploadAt) && f.cutUploadAt >= 0)) return bad('cutUploadAt must be a whole number of bytes');
      if (f.brokenResultLines !== undefined && !(Array.isArray(f.brokenResultLines) && f.brokenResultLines.every((n) => Number.isInteger(n) && n >= 0))) return bad('brokenResultLines must be 0-based line numbers');
      if (f.expire !== undefined && typeof f.expire !== 'string') return bad('expire must be a file name like files/abc');
      if (typeof f.cutUploadAt === 'number') fake.files.hostile.cutUploadAt = f.cutUploadAt;
      if (Array.isArray(f.brokenResultLines)) fake.files.hostile.brokenResultLines = f.brokenResultLines as number[];
      if (typeof f.expire === 'string') fake.files.expire(f.expire);
      return json({ ok: true, files: fake.files.list().length, openSessions: fake.files.openSessions });
    }
    case 'POST reset':
      fake.reset();
      return json({ ok: true });
    case 'POST bad-key':
    case 'POST leaked-key': {
      const key = (body as { key?: unknown } | undefined)?.key;
      if (typeof key !== 'string' || key === '') return bad('expected {"key": "<non-empty string>"}');
      (op === 'POST bad-key' ? fake.badKeys : fake.leakedKeys).add(key);
      return json({ ok: true });
    }
    case 'POST config': {
      const cfg = (body ?? {}) as { strictSignatures?: unknown; prerenderedImages?: unknown; latencyMs?: unknown; seed?: unknown; batchTiming?: unknown };
      if (cfg.strictSignatures !== undefined && typeof cfg.strictSignatures !== 'boolean') return bad('strictSignatures must be a boolean');
      if (cfg.prerenderedImages !== undefined && typeof cfg.prerenderedImages !== 'boolean') return bad('prerenderedImages must be a boolean');
      if (cfg.latencyMs !== undefined) {
        const problem = latencyProblem(cfg.latencyMs);
        if (problem) return bad(`latencyMs: ${problem}`);
      }
      if (cfg.seed !== undefined && !(typeof cfg.seed === 'number' && Number.isFinite(cfg.seed))) return bad('seed must be a number');
      if (cfg.batchTiming !== undefined && !isBatchTiming(cfg.batchTiming)) return bad('batchTiming must be {pendingMs, runningMs} (non-negative numbers)');
      // Validated first, applied after: a bad field leaves the fake untouched.
      if (typeof cfg.strictSignatures === 'boolean') fake.strictSignatures = cfg.strictSignatures;
      if (typeof cfg.prerenderedImages === 'boolean') fake.prerenderedImages = cfg.prerenderedImages;
      if (cfg.latencyMs !== undefined) fake.latencyMs = cfg.latencyMs as Latency;
      if (typeof cfg.seed === 'number') fake.seed(cfg.seed);
      if (isBatchTiming(cfg.batchTiming)) fake.batchTiming = cfg.batchTiming;
      return json({ ok: true });
    }
    case 'POST latency': {
      const b = (body ?? {}) as { model?: unknown; latency?: unknown };
      if (b.model !== undefined && b.model !== null && typeof b.model !== 'string') return bad('model must be a string');
      const problem = latencyProblem(b.latency);
      if (problem) return bad(problem);
      fake.setLatency(typeof b.model === 'string' ? b.model : null, b.latency as Latency);
      return json({ ok: true });
    }
    case 'POST quota': {
      const b = (body ?? {}) as Record<string, unknown>;
      if (typeof b.model !== 'string' || b.model === '') return bad('expected {"model": "<id>", ...limits}');
      const { model, ...rest } = b;
      const problem = quotaProblem(rest);
      if (problem) return bad(problem);
      const limits = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null)) as QuotaLimits;
      const hasLimit = ['requestsPerMinute', 'imagesPerMinute', 'requestsPerDay'].some((k) => k in limits);
      fake.setQuota(model, hasLimit ? limits : null);
      return json({ ok: true });
    }
    case 'POST flaps': {
      const problem = flapProblem(body);
      if (problem) return bad(problem);
      fake.setFlaps(body === undefined || body === null ? null : (body as FlapConfig));
      return json({ ok: true });
    }
    case 'POST tiers': {
      const problem = tiersProblem(body);
      if (problem) return bad(problem);
      fake.tiers = { ...fake.tiers, ...(body as Partial<TierBehaviour>) };
      return json(fake.tiers);
    }
    case 'GET stats': {
      const model = req.query['model'];
      if (model !== undefined) return json(fake.stats(model));
      return json({ total: fake.stats(), models: Object.fromEntries(hooks.statsModels().map((m) => [m, fake.stats(m)])) });
    }
    case 'GET requests':
      return json({ requests: fake.requests });
    case 'GET state':
      return json({
        url: fake.url,
        strictSignatures: fake.strictSignatures,
        prerenderedImages: fake.prerenderedImages,
        latencyMs: fake.latencyMs,
        batchTiming: fake.batchTiming,
        batchCount: fake.batches.length,
        pending: pending(),
        badKeyCount: fake.badKeys.size,
        leakedKeyCount: fake.leakedKeys.size,
        requestCount: fake.requests.length,
      });
    default:
      return json({ error: { code: 404, message: `no control endpoint ${op}`, status: 'NOT_FOUND' } }, 404);
  }
}

function isBatchTiming(v: unknown): v is { pendingMs: number; runningMs: number } {
  if (v === null || typeof v !== 'object') return false;
  const { pendingMs, runningMs } = v as { pendingMs?: unknown; runningMs?: unknown };
  return typeof pendingMs === 'number' && typeof runningMs === 'number' && pendingMs >= 0 && runningMs >= 0;
}

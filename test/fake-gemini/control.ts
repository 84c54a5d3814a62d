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
 *   POST /__fake/config      {"strictSignatures"?: boolean, "latencyMs"?: number | {min,max}}
 *   GET  /__fake/requests    {"requests": RecordedRequest[]}
 *   GET  /__fake/state       queue and settings (no keys)
 */
import { type Reply, json } from './context';
import { outcomeProblem } from './outcomes';
import type { HttpRequest } from './request';
import type { FakeGemini, Latency, Outcome } from './types';

export const CONTROL_PREFIX = '/__fake/';

const bad = (message: string): Reply => json({ error: { code: 400, message, status: 'INVALID_ARGUMENT' } }, 400);

export function handleControl(fake: FakeGemini, req: HttpRequest, pending: () => readonly Outcome[]): Reply {
  const op = `${req.method} ${req.path.slice(CONTROL_PREFIX.length)}`;
  if (req.bodyError !== undefined) return bad(`body is not JSON: ${req.bodyError}`);
  const body = req.body;
  switch (op) {
    case 'POST enqueue': {
      const list = Array.isArray(body) ? body : [body];
      for (const o of list) {
        const problem = outcomeProblem(o);
        if (problem) return bad(problem);
      }
      fake.enqueue(...(list as Outcome[]));
      return json({ queued: pending().length });
    }
    case 'POST default': {
      const problem = outcomeProblem(body);
      if (problem) return bad(problem);
      fake.setDefault(body as Outcome);
      return json({ ok: true });
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
      const cfg = (body ?? {}) as { strictSignatures?: unknown; latencyMs?: unknown };
      if (cfg.strictSignatures !== undefined) {
        if (typeof cfg.strictSignatures !== 'boolean') return bad('strictSignatures must be a boolean');
        fake.strictSignatures = cfg.strictSignatures;
      }
      if (cfg.latencyMs !== undefined) {
        if (!isLatency(cfg.latencyMs)) return bad('latencyMs must be a number or {min, max}');
        fake.latencyMs = cfg.latencyMs;
      }
      return json({ ok: true });
    }
    case 'GET requests':
      return json({ requests: fake.requests });
    case 'GET state':
      return json({
        url: fake.url,
        strictSignatures: fake.strictSignatures,
        latencyMs: fake.latencyMs,
        pending: pending(),
        badKeyCount: fake.badKeys.size,
        leakedKeyCount: fake.leakedKeys.size,
        requestCount: fake.requests.length,
      });
    default:
      return json({ error: { code: 404, message: `no control endpoint ${op}`, status: 'NOT_FOUND' } }, 404);
  }
}

function isLatency(v: unknown): v is Latency {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0;
  if (v === null || typeof v !== 'object') return false;
  const { min, max } = v as { min?: unknown; max?: unknown };
  return typeof min === 'number' && typeof max === 'number' && min >= 0 && max >= 0;
}

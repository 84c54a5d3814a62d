/** A main process for store tests: each route answers from the table a test gives; every call is recorded. */
import { vi } from 'vitest';

type Answer = unknown | ((input: unknown) => unknown);

export function fakeBridge(routes: Record<string, Answer> = {}) {
  const invoke = vi.fn(async (route: string, input?: unknown) => {
    if (!(route in routes)) return { ok: true, data: [] };
    const answer = routes[route];
    return typeof answer === 'function' ? (answer as (i: unknown) => unknown)(input) : answer;
  });
  const target = (typeof window !== 'undefined' ? window : ((globalThis as unknown as { window: object }).window = {} as object)) as { atelier?: unknown };
  target.atelier = { invoke, on: () => () => {} };
  return { invoke, routes };
}

export const ok = <T>(data: T) => ({ ok: true as const, data });
export const fail = (code: string, message: string) => ({ ok: false as const, code, message });

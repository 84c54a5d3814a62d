/**
 * The one IPC router. Electron's ipcMain and the test harness's page binding both hand every call
 * to `handle`, so tests exercise the same checks the app runs. Plain Node: no electron import.
 */
import type { z } from 'zod';
import {
  routes,
  type IpcResult,
  type RouteName,
  type RouteOutput,
  type RouteParsedInput,
} from '../../shared/ipc/contract';
import { originOf } from '../../shared/urls';
import { isAppError } from '../services/errors';
import { errorMeta, type Logger } from '../services/logger';

/** Who sent a call: the URL of the sending frame and whether it is the window's main frame. */
export interface Sender {
  url: string | undefined;
  isMainFrame: boolean;
}

export type RouteHandlers = {
  [R in RouteName]: (input: RouteParsedInput<R>) => Promise<RouteOutput<R>> | RouteOutput<R>;
};

export interface RouterOptions {
  handlers: RouteHandlers;
  /** The origin the renderer is served from (app://atelier in Electron, http://127.0.0.1:N in tests). */
  trustedOrigin: () => string;
  logger: Logger;
}

export interface Router {
  handle(sender: Sender, route: unknown, input: unknown): Promise<IpcResult<unknown>>;
}

/**
 * Only the app's own top-level document may reach main. An iframe (e.g. the sandboxed
 * Search-grounding chip) or a page that navigated elsewhere must not reach the services, even
 * though Electron would deliver its messages to the same ipcMain handler.
 */
export function isAppMainFrame(sender: Sender, trustedOrigin: string): boolean {
  return sender.isMainFrame && originOf(sender.url) === trustedOrigin;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid input.';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

export function createRouter({ handlers, trustedOrigin, logger }: RouterOptions): Router {
  return {
    async handle(sender, route, input) {
      if (!isAppMainFrame(sender, trustedOrigin())) {
        logger.warn('ipc: refused call from untrusted sender', { route: String(route), origin: originOf(sender.url) });
        return { ok: false, code: 'forbidden_sender', message: 'This window is not allowed to talk to Atelier.' };
      }
      if (typeof route !== 'string' || !Object.hasOwn(routes, route)) {
        return { ok: false, code: 'unknown_route', message: `Unknown route: ${String(route).slice(0, 80)}` };
      }
      const name = route as RouteName;
      const contract = routes[name];
      const parsed = contract.input.safeParse(input);
      if (!parsed.success) {
        return { ok: false, code: 'bad_input', message: firstIssue(parsed.error) };
      }
      try {
        const handler = handlers[name] as (i: unknown) => Promise<unknown> | unknown;
        const data = await handler(parsed.data);
        // Checking the output keeps a handler bug from shipping malformed data to the UI.
        const out = contract.output.safeParse(data);
        if (!out.success) {
          logger.error('ipc: handler returned data outside the contract', { route: name, issue: firstIssue(out.error) });
          return { ok: false, code: 'internal', message: 'Atelier hit an internal error. Details are in the log.' };
        }
        return { ok: true, data: out.data };
      } catch (err) {
        if (isAppError(err)) return { ok: false, code: err.code, message: err.message };
        logger.error('ipc: handler failed', { route: name, ...errorMeta(err) });
        return { ok: false, code: 'internal', message: 'Atelier hit an internal error. Details are in the log.' };
      }
    },
  };
}

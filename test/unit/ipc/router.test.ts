import { describe, expect, it } from 'vitest';
import { createRouter, type RouteHandlers, type Sender } from '../../../electron/ipc/router';
import { AppError } from '../../../electron/services/errors';
import { memoryLogger } from '../../support/tmp';

const ORIGIN = 'app://atelier';
const trusted: Sender = { url: `${ORIGIN}/`, isMainFrame: true };

function makeRouter(overrides: Partial<RouteHandlers> = {}) {
  const calls: string[] = [];
  const handlers = new Proxy(overrides as RouteHandlers, {
    get(target, prop: string) {
      return (input: unknown) => {
        calls.push(prop);
        const h = (target as Record<string, (i: unknown) => unknown>)[prop];
        return h ? h(input) : { version: '1.0.0', platform: 'linux' };
      };
    },
  });
  const logger = memoryLogger();
  return { router: createRouter({ handlers, trustedOrigin: () => ORIGIN, logger }), calls, logger };
}

describe('IPC router', () => {
  it('calls the handler and wraps its data', async () => {
    const { router } = makeRouter();
    await expect(router.handle(trusted, 'app.info', undefined)).resolves.toEqual({
      ok: true,
      data: { version: '1.0.0', platform: 'linux' },
    });
  });

  it('refuses an unknown route without calling anything', async () => {
    const { router, calls } = makeRouter();
    const res = await router.handle(trusted, 'fs.readFile', { path: '/etc/passwd' });
    expect(res).toMatchObject({ ok: false, code: 'unknown_route' });
    expect(calls).toEqual([]);
  });

  it('refuses routes that are not plain own keys (prototype names)', async () => {
    const { router, calls } = makeRouter();
    for (const route of ['constructor', '__proto__', 'toString', 42, null]) {
      expect(await router.handle(trusted, route, undefined)).toMatchObject({ ok: false, code: 'unknown_route' });
    }
    expect(calls).toEqual([]);
  });

  it('refuses input that does not match the schema, naming the field', async () => {
    const { router, calls } = makeRouter();
    const res = await router.handle(trusted, 'generate.start', { prompt: 'a cat', tier: 'ultra', aspectRatio: '1:1' });
    expect(res).toMatchObject({ ok: false, code: 'bad_input' });
    expect(res.ok ? '' : res.message).toContain('tier');
    const extra = await router.handle(trusted, 'generate.start', { prompt: 'a cat', tier: 'pro', aspectRatio: '1:1', apiKey: 'x' });
    expect(extra).toMatchObject({ ok: false, code: 'bad_input' });
    expect(calls).toEqual([]);
  });

  it('refuses an invalid aspect ratio with a clear message', async () => {
    const { router } = makeRouter();
    const res = await router.handle(trusted, 'generate.start', { prompt: 'a cat', tier: 'pro', aspectRatio: '9:21' });
    expect(res).toMatchObject({ ok: false, code: 'bad_input' });
    expect(res.ok ? '' : res.message).toMatch(/aspectRatio/);
  });

  it('refuses a sender whose URL hides another host behind userinfo', async () => {
    const { router, calls } = makeRouter();
    for (const url of ['app://evil@atelier/', 'app://atelier:x@atelier/', 'app://atelier.evil/']) {
      expect(await router.handle({ url, isMainFrame: true }, 'app.info', undefined)).toMatchObject({ ok: false, code: 'forbidden_sender' });
    }
    expect(calls).toEqual([]);
  });

  it('refuses calls from another origin or from a subframe', async () => {
    const { router, calls, logger } = makeRouter();
    expect(await router.handle({ url: 'https://evil.example/', isMainFrame: true }, 'app.info', undefined)).toMatchObject({
      ok: false,
      code: 'forbidden_sender',
    });
    expect(await router.handle({ url: `${ORIGIN}/`, isMainFrame: false }, 'app.info', undefined)).toMatchObject({
      ok: false,
      code: 'forbidden_sender',
    });
    expect(await router.handle({ url: undefined, isMainFrame: true }, 'app.info', undefined)).toMatchObject({
      ok: false,
      code: 'forbidden_sender',
    });
    expect(calls).toEqual([]);
    expect(logger.lines.join('\n')).toContain('untrusted sender');
  });

  it('passes AppError codes through and hides other errors', async () => {
    const { router, logger } = makeRouter({
      'library.get': () => {
        throw new AppError('not_found', 'That image is no longer in the library.');
      },
      'jobs.list': () => {
        throw new Error('SQLITE_CORRUPT: secret internals');
      },
    });
    expect(await router.handle(trusted, 'library.get', { id: '6f1c2d3e-1111-4222-8333-444455556666' })).toEqual({
      ok: false,
      code: 'not_found',
      message: 'That image is no longer in the library.',
    });
    const res = await router.handle(trusted, 'jobs.list', undefined);
    expect(res).toMatchObject({ ok: false, code: 'internal' });
    expect(res.ok ? '' : res.message).not.toContain('SQLITE');
    expect(logger.lines.join('\n')).toContain('SQLITE_CORRUPT');
  });

  it('refuses to return data outside the contract', async () => {
    const { router } = makeRouter({ 'app.info': () => ({ version: 1 }) as never });
    expect(await router.handle(trusted, 'app.info', undefined)).toMatchObject({ ok: false, code: 'internal' });
  });
});

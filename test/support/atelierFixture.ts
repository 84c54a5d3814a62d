/**
 * The lifecycle every service-level test repeats: (optionally) the fake Gemini server for the file,
 * a fresh data folder per Atelier, `createAtelier` as the app composes it, and everything disposed
 * after each test. Call `atelierFixture()` at the top of a test file; it registers its own hooks.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { EventName, GenerateRequestInput, Job } from '../../shared/ipc/contract';
import { createAtelier, type Atelier, type AtelierOptions } from '../../electron/atelier';
import { startFakeGemini, type FakeGemini } from '../fake-gemini/server';
import { createTestEncryptor } from '../harness/testEncryptor';
import { tempDir } from './tmp';

export const ORIGIN = 'app://atelier';
/** The app's own main frame: the only sender the router answers. */
export const SENDER = { url: `${ORIGIN}/`, isMainFrame: true };

export interface FixtureOptions {
  /** The API key in the environment; with `fake`, GEMINI_BASE_URL points at it. None: no key. */
  key?: string;
  /** Start a fake Gemini server for the file (reset after each test). Default false. */
  fake?: boolean;
  /** Options every Atelier in the file gets (backoff, check delay …); `start` can override them. */
  options?: Partial<AtelierOptions>;
  /** What `generate` fills in when a test leaves it out. */
  generateDefaults?: Partial<GenerateRequestInput>;
}

export interface StartOptions {
  userDataDir?: string;
  env?: AtelierOptions['env'];
  tuning?: Partial<AtelierOptions>;
}

export interface Session {
  atelier: Atelier;
  userDataDir: string;
  /** Every event main emitted, in order. */
  events: Array<{ event: EventName; payload: unknown }>;
  /** A route as the window calls it; throws the refusal (with its `code`) instead of returning it. */
  call<T = unknown>(route: string, input?: unknown): Promise<T>;
  /** A route as the window calls it, the answer as it comes (`ok: false` included). */
  tryCall(route: string, input?: unknown): ReturnType<Atelier['router']['handle']>;
  generate(req: Partial<GenerateRequestInput> & { prompt: string }): Promise<Job>;
  /** Disposes this Atelier now (a restart), instead of after the test. */
  stop(): Promise<void>;
}

export interface Fixture {
  /** The file's fake server (only with `fake: true`, from beforeAll on). */
  readonly fake: FakeGemini;
  start(o?: StartOptions): Promise<Session>;
}

export function atelierFixture(fx: FixtureOptions = {}): Fixture {
  let fake: FakeGemini | undefined;
  const open: Atelier[] = [];
  if (fx.fake) {
    beforeAll(async () => {
      fake = await startFakeGemini();
    });
    afterAll(() => fake?.close());
  }
  afterEach(async () => {
    for (const a of open.splice(0)) await a.dispose().catch(() => {});
    fake?.reset();
  });

  const defaultEnv = (): AtelierOptions['env'] => ({
    ...(fx.key ? { GEMINI_API_KEY: fx.key } : {}),
    ...(fake ? { GEMINI_BASE_URL: fake.url } : {}),
  });

  async function start(o: StartOptions = {}): Promise<Session> {
    const userDataDir = o.userDataDir ?? tempDir();
    const atelier = await createAtelier({
      userDataDir,
      rendererDir: tempDir(),
      trustedOrigin: () => ORIGIN,
      appVersion: 'test',
      keychain: null,
      encryptor: createTestEncryptor(Buffer.alloc(32, 7)),
      env: o.env ?? defaultEnv(),
      ...fx.options,
      ...o.tuning,
    });
    open.push(atelier);
    const events: Session['events'] = [];
    atelier.events.onAny((event, payload) => events.push({ event, payload }));
    const tryCall = (route: string, input?: unknown) => atelier.router.handle(SENDER, route, input);
    const call = async <T = unknown>(route: string, input?: unknown): Promise<T> => {
      const res = await tryCall(route, input);
      if (!res.ok) throw Object.assign(new Error(res.message), { code: res.code });
      return res.data as T;
    };
    return {
      atelier,
      userDataDir,
      events,
      call,
      tryCall,
      generate: (req) => call<Job>('generate.start', { tier: 'flash', aspectRatio: '1:1', ...fx.generateDefaults, ...req }),
      stop: async () => {
        const i = open.indexOf(atelier);
        if (i >= 0) open.splice(i, 1);
        await atelier.dispose();
      },
    };
  }

  return {
    get fake(): FakeGemini {
      if (!fake) throw new Error(fx.fake ? 'The fake Gemini server starts in beforeAll.' : 'This fixture was made without fake: true.');
      return fake;
    },
    start,
  };
}

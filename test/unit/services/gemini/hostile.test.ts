/**
 * Issue 10, "The network" and "Answers that are well-formed but wrong": the real SDK through the
 * gateway against a fake that breaks the wire in every way a proxy or portal does. Each case names
 * the outcome code the queue acts on and a message that says what went wrong.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GeminiGateway, type GenerateCall } from '../../../../electron/services/gemini/GeminiGateway';
import { readGeneration } from '../../../../electron/services/gemini/response';
import { AppError } from '../../../../electron/services/errors';
import { DEFAULT_BACKOFF } from '../../../../electron/services/queue/backoff';
import { classifyFailure } from '../../../../electron/services/queue/classifyFailure';
import { startFakeGemini, type FakeGemini, type Outcome } from '../../../fake-gemini/server';
import { closedPort } from '../../../support/tmp';

const KEY = 'AIzaHostileTestKey000000000000000000000';
let fake: FakeGemini;
let gateway: GeminiGateway;

beforeAll(async () => {
  fake = await startFakeGemini();
  gateway = new GeminiGateway({ getKey: async () => KEY, getBaseUrl: () => fake.url });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const PARAMS: GenerateCall['params'] = { aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false };

function call(over: Partial<GenerateCall> = {}, via = gateway) {
  return via.generate({ model: 'gemini-3-pro-image', contents: [{ role: 'user', parts: [{ text: 'a fox' }] }], params: PARAMS, ...over });
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = (await p.then(() => null, (e: unknown) => e)) as { code: string; message: string } | null;
  expect(err, 'expected the call to fail').not.toBeNull();
  return err!;
}

/** A plain HTTP server that counts what it receives: the redirect target and the redirector. */
async function countingServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} key=${req.headers['x-goog-api-key'] ?? ''}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, url, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

describe('redirects are never followed (the key stays with the chosen endpoint)', () => {
  for (const mode of [true, false]) {
    it(`generate (${mode ? 'streamed' : 'unary'}): a redirect to another origin fails, the target receives nothing`, async () => {
      const target = await countingServer((_req, res) => res.end('{}'));
      try {
        fake.enqueue({ kind: 'broken', how: 'redirect', location: `${target.url}/v1beta/models/x:generateContent` });
        const err = await failure(call({ stream: mode }));
        expect(err.code).toBe('bad_response');
        expect(err.message).toMatch(/redirect \(302\) to http:\/\/127\.0\.0\.1:\d+.*never follows redirects/);
        expect(target.seen).toEqual([]);
        expect(fake.requests).toHaveLength(1);
      } finally {
        await target.close();
      }
    });
  }

  it('a redirect loop costs one request, not 136', async () => {
    fake.enqueue({ kind: 'broken', how: 'redirect' });
    await failure(call());
    expect(fake.requests).toHaveLength(1);
  });

  it('listModels (the key test) does not follow a redirect either', async () => {
    const target = await countingServer((_req, res) => res.end('{"models":[]}'));
    const redirector = await countingServer((_req, res) => {
      res.writeHead(307, { location: `${target.url}/v1beta/models` });
      res.end();
    });
    try {
      const via = new GeminiGateway({ getKey: async () => KEY, getBaseUrl: () => redirector.url });
      const err = await failure(via.listModels());
      expect(err.code).toBe('bad_response');
      expect(target.seen).toEqual([]);
      expect(redirector.seen).toHaveLength(1);
    } finally {
      await Promise.all([target.close(), redirector.close()]);
    }
  });
});

describe("can't reach vs reached but broken", () => {
  it('connection refused is network (the only offline case)', async () => {
    const port = await closedPort();
    const via = new GeminiGateway({ getKey: async () => KEY, getBaseUrl: () => `http://127.0.0.1:${port}` });
    expect(await failure(call({}, via))).toMatchObject({ code: 'network', message: expect.stringMatching(/Can't reach Gemini \(ECONNREFUSED\)/) });
  });

  it('an unknown host is network', async () => {
    const via = new GeminiGateway({ getKey: async () => KEY, getBaseUrl: () => 'http://atelier-no-such-host.invalid' });
    expect((await failure(call({}, via))).code).toBe('network');
  });

  const broken: Array<[string, Outcome, string, RegExp]> = [
    ['closes without answering', { kind: 'drop' }, 'bad_response', /closed before an answer came/],
    ['truncates the body', { kind: 'broken', how: 'truncate' }, 'bad_response', /broke in the middle of the answer/],
    ['resets mid-body', { kind: 'broken', how: 'reset' }, 'bad_response', /broke in the middle of the answer/],
    ['sends a bad gzip', { kind: 'broken', how: 'badGzip' }, 'bad_response', /compressed body was corrupt/],
    ['sends a 100 KB header', { kind: 'broken', how: 'bigHeader' }, 'bad_response', /headers were too large/],
    ['answers a captive portal page', { kind: 'broken', how: 'html200' }, 'bad_response', /web page \(“Hotel Wi-Fi — Sign in”\).*captive portal/],
    ['answers an empty 200', { kind: 'broken', how: 'empty200' }, 'bad_response', /not valid.*captive portal.*empty/],
    ['answers malformed JSON', { kind: 'broken', how: 'badJson' }, 'bad_response', /not valid.*not JSON/],
    ['answers an error object inside a 200', { kind: 'broken', how: 'error200' }, 'bad_response', /body was an error \(backend error\)/],
  ];
  for (const stream of [false, true]) {
    for (const [name, outcome, code, message] of broken) {
      it(`${stream ? 'streamed' : 'unary'}: a server that ${name} → ${code}, named`, async () => {
        fake.enqueue(outcome);
        const err = await failure(call({ stream }));
        expect(err.code).toBe(code);
        expect(err.message).toMatch(message);
        expect(err.message).not.toMatch(/Unexpected error|Can't reach/);
      });
    }
  }

  it('an HTML 502 from a load balancer is a short status line, never markup', async () => {
    fake.enqueue({ kind: 'broken', how: 'html502' });
    const err = await failure(call());
    expect(err.code).toBe('server');
    expect(err.message).toMatch(/answered 502 and a web page \(“502 Bad Gateway”\)/);
    expect(err.message).not.toContain('<');
    expect(err.message.length).toBeLessThan(250);
  });
});

describe('an overall deadline per request, headers and whole body', () => {
  it('headers that never come: timeout, its own outcome', async () => {
    fake.enqueue({ kind: 'hang' });
    const err = await failure(call({ deadlineMs: 300 }));
    expect(err).toMatchObject({ code: 'timeout', message: expect.stringMatching(/did not finish answering within 0 s|within \d+ s/) });
  });

  it('a unary body that streams for ever', async () => {
    fake.enqueue({ kind: 'broken', how: 'endless' });
    const started = Date.now();
    expect((await failure(call({ stream: false, deadlineMs: 400 }))).code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a stream that never ends', async () => {
    fake.enqueue({ kind: 'streamBroken', how: 'hang' });
    expect((await failure(call({ deadlineMs: 400 }))).code).toBe('timeout');
  });

  it('a user cancel is still a cancel, not a timeout', async () => {
    fake.enqueue({ kind: 'hang' });
    const ac = new AbortController();
    const pending = call({ signal: ac.signal, deadlineMs: 10_000 });
    await expect.poll(() => fake.requests.length).toBe(1);
    ac.abort();
    expect((await failure(pending)).code).toBe('cancelled');
  });
});

describe('streams that go wrong', () => {
  it('ends without a final image: incomplete, nothing kept', async () => {
    fake.enqueue({ kind: 'streamBroken', how: 'noFinal' });
    const raw = await call({ params: { ...PARAMS, includeThoughts: true } });
    expect(() => readGeneration(raw)).toThrow(expect.objectContaining({ code: 'bad_response', message: expect.stringMatching(/incomplete/) }));
  });

  it('is cut mid-event', async () => {
    fake.enqueue({ kind: 'streamBroken', how: 'cut' });
    expect((await failure(call({ params: { ...PARAMS, includeThoughts: true } }))).code).toBe('bad_response');
  });
});

describe('answers that are well-formed but wrong', () => {
  it('negative and absurd token counts are clamped at the edge', async () => {
    fake.enqueue({ kind: 'success', usage: { promptTokenCount: -12, thoughtsTokenCount: 1e300, candidatesTokenCount: Number.MAX_SAFE_INTEGER } });
    const g = readGeneration(await call());
    expect(g.usage).toEqual({ promptTokens: 0, outputTokens: 0, thoughtTokens: 0, imageTokens: expect.any(Number) });
    for (const v of Object.values(g.usage)) expect(Number.isFinite(v) && v >= 0).toBe(true);
  });

  it('an unknown finishReason is a failure that names it', async () => {
    fake.enqueue({ kind: 'success', finishReason: 'WEIRD_NEW_REASON' });
    const raw = await call();
    expect(() => readGeneration(raw)).toThrow(expect.objectContaining({ code: 'no_image', message: expect.stringContaining('WEIRD_NEW_REASON') }));
  });

  it('a missing finishReason on a final answer is an incomplete answer', async () => {
    fake.enqueue({ kind: 'success', finishReason: null });
    const raw = await call({ stream: false });
    expect(() => readGeneration(raw)).toThrow(expect.objectContaining({ code: 'bad_response', message: expect.stringMatching(/incomplete/) }));
  });

  it('a text-only answer that stopped for MAX_TOKENS is not a result', async () => {
    fake.enqueue({ kind: 'success', images: 0, text: 'half a sent', finishReason: 'MAX_TOKENS' });
    const raw = await call();
    expect(() => readGeneration(raw)).toThrow(expect.objectContaining({ code: 'no_image', message: expect.stringContaining('MAX_TOKENS') }));
  });

  it('a 429 with no details says "rate limit" and is marked sparse (its retries are capped)', async () => {
    fake.enqueue({ kind: 'error', status: 429, bare: true });
    const err = (await failure(call())) as { code: string; message: string; extra?: { sparse429?: boolean } };
    expect(err.code).toBe('quota');
    expect(err.message).toMatch(/rate limit/);
    expect(err.extra?.sparse429).toBe(true);
  });

  it('JPEG bytes labelled PNG are read as JPEG', async () => {
    fake.enqueue({ kind: 'success', format: 'jpeg', mimeType: 'image/png' });
    const g = readGeneration(await call());
    expect(g.images[0]!.mime).toBe('image/jpeg');
  });
});

describe('issue 17 §7: answers of the wrong JSON types and nesting', () => {
  const shapes: Array<[string, 'partsObject' | 'textNumber' | 'deepNesting', RegExp]> = [
    ['parts as an object', 'partsObject', /parts.*not a list/],
    ['text as a number', 'textNumber', /text.*not a string/],
    ['a field nested 100,000 deep', 'deepNesting', /nested/],
  ];
  for (const stream of [false, true]) {
    for (const [name, how, what] of shapes) {
      it(`${stream ? 'streamed' : 'unary'}: ${name} is bad_response "not in the expected form", retried once at most`, async () => {
        fake.enqueue({ kind: 'broken', how });
        // readGeneration is part of the path: a shape slipping through the gateway would break there.
        const err = (await failure(call({ stream }).then(readGeneration))) as AppError;
        expect(err).toBeInstanceOf(AppError);
        expect(err.code).toBe('bad_response');
        expect(err.message).toMatch(/^Gemini's answer was not in the expected form/);
        expect(err.message).toMatch(what);
        expect(err.message).not.toMatch(/connection|iterable|call stack/);
        const ctx = { quotaRetries: 0, policy: DEFAULT_BACKOFF, random: () => 0 };
        expect(classifyFailure(err, { ...ctx, attempt: 1 }).action).toBe('backoff');
        expect(classifyFailure(err, { ...ctx, attempt: 2 }).action).toBe('fail');
      });
    }
  }
});

/**
 * The fake Gemini server, driven through the real @google/genai SDK (never mocked) and, where
 * the SDK would hide what is on the wire (snake_case bodies, finishMessage, ?key=), raw fetch.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ApiError, GoogleGenAI, type GenerateContentResponse, type Part } from '@google/genai';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeModel, gemini25FlashImage } from '../../fake-gemini/models';
import { makePng, readPngInfo } from '../../fake-gemini/png';
import { type FakeGemini, startFakeGemini } from '../../fake-gemini/server';
import { FakeClock } from '../../support/fakeClock';

const KEY = 'test-key-123';
const PRO = 'gemini-3-pro-image';
const FLASH = 'gemini-3.1-flash-image';
const TEXT = 'gemini-2.5-flash';
const NB21 = 'gemini-nano-banana-2.1';
const LITE = 'gemini-3.1-flash-lite-image';
const RETIRED = [
  'gemini-2.5-flash-image',
  'gemini-3-pro-image-preview',
  'gemini-2.5-flash-image-preview',
  'gemini-3.1-flash-image-preview',
];

let fake: FakeGemini;
let ai: GoogleGenAI;

const client = (apiKey = KEY, apiVersion = 'v1beta'): GoogleGenAI =>
  new GoogleGenAI({ apiKey, httpOptions: { baseUrl: fake.url, apiVersion } });

beforeAll(async () => {
  fake = await startFakeGemini();
  ai = client();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

function partsOf(r: GenerateContentResponse): Part[] {
  return r.candidates?.[0]?.content?.parts ?? [];
}

function pngOf(p: Part): Buffer {
  expect(p.inlineData?.mimeType).toBe('image/png');
  return Buffer.from(p.inlineData?.data ?? '', 'base64');
}

/** Runs `fn`, expects the SDK's ApiError, returns it with its JSON body parsed (wire §3.3). */
async function apiError(
  fn: () => Promise<unknown>,
): Promise<{ status: number; error: { code: number; message: string; status: string; details?: Record<string, unknown>[] } }> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ApiError);
  const err = caught as ApiError;
  const body = JSON.parse(err.message) as { error: { code: number; message: string; status: string; details?: Record<string, unknown>[] } };
  expect(body.error.code).toBe(err.status);
  return { status: err.status, error: body.error };
}

async function rawPost(path: string, body: unknown, headers: Record<string, string> = { 'x-goog-api-key': KEY }): Promise<Response> {
  return fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function topLeftPixel(png: Buffer): Promise<number[]> {
  return [...(await sharp(png).extract({ left: 0, top: 0, width: 1, height: 1 }).removeAlpha().raw().toBuffer())];
}

const notFoundText = (id: string, ver = 'v1beta'): string =>
  `models/${id} is not found for API version ${ver}, or is not supported for generateContent. ` +
  'Call ListModels to see the list of available models and their supported methods.';

describe('models list / get', () => {
  it('lists current models through the SDK pager, honouring pageSize, without retired ids', async () => {
    const pager = await ai.models.list({ config: { pageSize: 1 } });
    const names: string[] = [];
    for await (const m of pager) names.push(m.name ?? '');
    expect(names).toEqual([`models/${TEXT}`, `models/${PRO}`, `models/${FLASH}`, `models/${NB21}`, `models/${LITE}`]);
    for (const id of RETIRED) expect(names).not.toContain(`models/${id}`);
    // One request per page, the later ones carrying the opaque token from the previous page.
    const listCalls = fake.requests.filter((r) => r.path === '/v1beta/models');
    expect(listCalls).toHaveLength(5);
    expect(listCalls.map((r) => r.query['pageSize'])).toEqual(['1', '1', '1', '1', '1']);
    expect(listCalls[0]?.query['pageToken']).toBeUndefined();
    expect(listCalls[1]?.query['pageToken']).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('paginates over raw HTTP with nextPageToken only while more remain', async () => {
    const h = { 'x-goog-api-key': KEY };
    const p1 = (await (await fetch(`${fake.url}/v1beta/models?pageSize=3`, { headers: h })).json()) as {
      models: { name: string }[];
      nextPageToken?: string;
    };
    expect(p1.models.map((m) => m.name)).toEqual([`models/${TEXT}`, `models/${PRO}`, `models/${FLASH}`]);
    expect(p1.nextPageToken).toBeTruthy();
    const p2 = (await (
      await fetch(`${fake.url}/v1beta/models?pageSize=3&pageToken=${p1.nextPageToken}`, { headers: h })
    ).json()) as { models: { name: string }[]; nextPageToken?: string };
    expect(p2.models.map((m) => m.name)).toEqual([`models/${NB21}`, `models/${LITE}`]);
    expect(p2.nextPageToken).toBeUndefined();
  });

  it('lets clients tell image models from text models', async () => {
    const pager = await ai.models.list();
    const models = [...pager.page];
    const pro = models.find((m) => m.name === `models/${PRO}`);
    expect(pro).toMatchObject({
      displayName: 'Nano Banana Pro',
      version: '3.0',
      inputTokenLimit: 131072,
      outputTokenLimit: 32768,
      thinking: true,
    });
    expect(pro?.supportedActions).toEqual(['generateContent', 'countTokens', 'batchGenerateContent']);
    const flash = models.find((m) => m.name === `models/${FLASH}`);
    expect(flash).toMatchObject({ displayName: 'Nano Banana 2', version: '3.1', thinking: true });
  });

  it('gets one model, and 404s a retired one', async () => {
    const m = await ai.models.get({ model: FLASH });
    expect(m.name).toBe(`models/${FLASH}`);
    expect(m.displayName).toBe('Nano Banana 2');
    const { status, error } = await apiError(() => ai.models.get({ model: 'gemini-3-pro-image-preview' }));
    expect(status).toBe(404);
    expect(error.status).toBe('NOT_FOUND');
  });
});

describe('generateContent success', () => {
  it('answers Pro with commentary then a signed 1:1 1K PNG carrying the prompt', async () => {
    const r = await ai.models.generateContent({ model: PRO, contents: 'a red fox in fresh snow' });
    const c = r.candidates?.[0];
    expect(c?.finishReason).toBe('STOP');
    expect(c?.index).toBe(0);
    const parts = partsOf(r);
    expect(parts).toHaveLength(2);
    expect(parts[0]?.text).toBe('Here is your image: a red fox in fresh snow');
    expect(parts[0]?.thoughtSignature).toBeTruthy();
    expect(parts[1]?.thoughtSignature).toBeTruthy();
    const info = readPngInfo(pngOf(parts[1]!));
    expect(info).toMatchObject({ width: 1024, height: 1024 });
    expect(info.text['fake-gemini:prompt']).toBe('a red fox in fresh snow');
    expect(info.text['fake-gemini:model']).toBe(PRO);
    expect(r.modelVersion).toBe(PRO);
    expect(r.responseId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(fake.issuedSignatures.has(parts[1]!.thoughtSignature!)).toBe(true);
    // §2.7 usage: image tokens 1120 at 1K, text tokens on top, thoughts billed, total is the sum.
    const u = r.usageMetadata!;
    const textTokens = Math.ceil('Here is your image: a red fox in fresh snow'.length / 4);
    expect(u.candidatesTokenCount).toBe(1120 + textTokens);
    expect(u.thoughtsTokenCount).toBeGreaterThanOrEqual(160);
    expect(u.thoughtsTokenCount).toBeLessThanOrEqual(400);
    expect(u.totalTokenCount).toBe(u.promptTokenCount! + u.candidatesTokenCount! + u.thoughtsTokenCount!);
    expect(u.candidatesTokensDetails).toEqual([{ modality: 'IMAGE', tokenCount: 1120 }]);
    expect(u.promptTokensDetails?.[0]?.modality).toBe('TEXT');
  });

  it.each([
    [PRO, '16:9', '2K', 2752, 1536, 1120],
    [PRO, '21:9', '4K', 6336, 2688, 2000],
    [PRO, '4:5', undefined, 928, 1152, 1120],
    [FLASH, '1:1', '512', 512, 512, 747],
    [FLASH, '9:16', '2K', 1536, 2752, 1680],
    [FLASH, '1:4', '1K', 512, 2048, 1120],
    [FLASH, '8:1', '1K', 2896, 368, 1120],
  ])('%s %s %s → %ix%i PNG, %i image tokens', async (model, aspectRatio, imageSize, w, h, tokens) => {
    const r = await ai.models.generateContent({
      model,
      contents: `size check ${aspectRatio} ${imageSize ?? ''}`,
      config: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio, ...(imageSize ? { imageSize } : {}) } },
    });
    const parts = partsOf(r);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.thoughtSignature).toBeTruthy();
    expect(readPngInfo(pngOf(parts[0]!))).toMatchObject({ width: w, height: h });
    expect(r.usageMetadata?.candidatesTokensDetails).toEqual([{ modality: 'IMAGE', tokenCount: tokens }]);
  });

  it('draws different prompts in different colours', async () => {
    const a = await ai.models.generateContent({ model: FLASH, contents: 'a lighthouse at dusk', config: { responseModalities: ['IMAGE'] } });
    const b = await ai.models.generateContent({ model: FLASH, contents: 'a teapot on a desk', config: { responseModalities: ['IMAGE'] } });
    const pa = pngOf(partsOf(a)[0]!);
    const pb = pngOf(partsOf(b)[0]!);
    expect(await topLeftPixel(pa)).not.toEqual(await topLeftPixel(pb));
    expect(readPngInfo(pb).text['fake-gemini:prompt']).toBe('a teapot on a desk');
  });

  it('serves prerendered images when told: one drawing, every answer distinct bytes of the right size', async () => {
    const res = await fetch(`${fake.url}/__fake/config`, { method: 'POST', body: JSON.stringify({ prerenderedImages: 'yes' }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('prerenderedImages must be a boolean');
    expect(fake.prerenderedImages).toBe(false);
    await fetch(`${fake.url}/__fake/config`, { method: 'POST', body: JSON.stringify({ prerenderedImages: true }) });
    expect(fake.prerenderedImages).toBe(true);
    const ask = async (prompt: string): Promise<Buffer> =>
      pngOf(partsOf(await ai.models.generateContent({ model: FLASH, contents: prompt, config: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9' } } }))[0]!);
    const [a, b, again] = [await ask('a lighthouse at dusk'), await ask('a teapot on a desk'), await ask('a teapot on a desk')];
    expect(await topLeftPixel(a)).toEqual(await topLeftPixel(b));
    expect(new Set([a, b, again].map((p) => p.toString('base64'))).size).toBe(3);
    expect(readPngInfo(b)).toMatchObject({ width: 1376, height: 768 });
    expect(readPngInfo(b).text['fake-gemini:prompt']).toBe('a teapot on a desk');
    expect((await sharp(b).stats()).isOpaque).toBe(true); // decodes: the chunks' CRCs are right
    fake.reset();
    expect(fake.prerenderedImages).toBe(false);
  });

  it('shows thoughts when asked: thought text and image first, unsigned; deliverables signed', async () => {
    const r = await ai.models.generateContent({
      model: PRO,
      contents: 'a castle on a hill',
      config: { thinkingConfig: { includeThoughts: true }, imageConfig: { aspectRatio: '3:2' } },
    });
    const parts = partsOf(r);
    expect(parts.map((p) => [p.thought === true, p.text !== undefined ? 'text' : 'image', !!p.thoughtSignature])).toEqual([
      [true, 'text', false],
      [true, 'image', false],
      [false, 'text', true],
      [false, 'image', true],
    ]);
    expect(parts[0]?.text).toMatch(/^\*\*Planning the composition\*\*\n/);
    const thought = readPngInfo(pngOf(parts[1]!));
    const final = readPngInfo(pngOf(parts[3]!));
    expect(thought).toMatchObject({ width: 1264, height: 848 });
    expect(final).toMatchObject({ width: 1264, height: 848 });
    expect(thought.text['fake-gemini:kind']).toBe('thought');
    expect(final.text['fake-gemini:kind']).toBe('final');
    expect(parts[1]?.inlineData?.data).not.toBe(parts[3]?.inlineData?.data);
  });

  it('adds grounding metadata when the googleSearch tool is on', async () => {
    const r = await ai.models.generateContent({
      model: PRO,
      contents: 'Weather in Paris next week as an infographic',
      config: { tools: [{ googleSearch: {} }] },
    });
    const g = r.candidates?.[0]?.groundingMetadata;
    expect(g?.searchEntryPoint?.renderedContent).toContain('<style>');
    expect(g?.groundingChunks).toHaveLength(2);
    for (const ch of g?.groundingChunks ?? []) {
      expect(ch.web?.uri).toMatch(/^https:\/\/vertexaisearch\.cloud\.google\.com\/grounding-api-redirect\/.+/);
      expect(ch.web?.title).toBeTruthy();
    }
    expect(g?.webSearchQueries?.[0]).toContain('paris');
    expect(r.usageMetadata?.toolUsePromptTokenCount).toBeGreaterThan(0);
  });

  it('returns several final images when scripted, each signed and distinct', async () => {
    fake.enqueue({ kind: 'success', images: 2, text: null });
    const r = await ai.models.generateContent({ model: FLASH, contents: 'two cats' });
    const parts = partsOf(r);
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.inlineData && p.thoughtSignature)).toBe(true);
    expect(parts.map((p) => readPngInfo(pngOf(p)).text['fake-gemini:index'])).toEqual(['0', '1']);
    expect(r.usageMetadata?.candidatesTokenCount).toBe(2 * 1120);
  });

  it('follows the input image shape when no aspectRatio is given, and bills input image tokens', async () => {
    const input = await makePng({ width: 1600, height: 900, label: 'fixture' });
    const r = await ai.models.generateContent({
      model: PRO,
      contents: [{ role: 'user', parts: [{ text: 'make it night' }, { inlineData: { mimeType: 'image/png', data: input.toString('base64') } }] }],
    });
    const img = partsOf(r).find((p) => p.inlineData)!;
    expect(readPngInfo(pngOf(img))).toMatchObject({ width: 1376, height: 768 });
    expect(r.usageMetadata?.promptTokensDetails).toContainEqual({ modality: 'IMAGE', tokenCount: 560 });
  });

  it('answers the text model with text only', async () => {
    const r = await ai.models.generateContent({ model: TEXT, contents: 'hello' });
    expect(partsOf(r)).toHaveLength(1);
    expect(r.text).toContain('hello');
    expect(partsOf(r)[0]?.thoughtSignature).toBeUndefined();
  });

  it('counts tokens the same way it bills them', async () => {
    const r = await ai.models.countTokens({ model: PRO, contents: 'abcdefgh' });
    expect(r.totalTokens).toBe(2);
  });
});

describe('scripted non-image outcomes', () => {
  it('textOnly: STOP with prose and no image', async () => {
    fake.enqueue({ kind: 'textOnly', text: 'Which breed of cat?' });
    const r = await ai.models.generateContent({ model: PRO, contents: 'a cat' });
    expect(r.candidates?.[0]?.finishReason).toBe('STOP');
    expect(partsOf(r).map((p) => p.text)).toEqual(['Which breed of cat?']);
    expect(partsOf(r)[0]?.thoughtSignature).toBeTruthy();
  });

  it('noImage: finishReason NO_IMAGE', async () => {
    fake.enqueue({ kind: 'noImage' });
    const r = await ai.models.generateContent({ model: FLASH, contents: 'a cat' });
    expect(r.candidates?.[0]?.finishReason).toBe('NO_IMAGE');
    expect(partsOf(r).some((p) => p.inlineData)).toBe(false);
  });

  it.each([
    ['absent', undefined],
    ['empty', {}],
    ['roleOnly', { role: 'model' }],
    ['emptyParts', { role: 'model', parts: [] }],
  ] as const)('imageBlocked with content %s', async (contentShape, expected) => {
    fake.enqueue({ kind: 'imageBlocked', reason: 'IMAGE_OTHER', contentShape });
    const r = await ai.models.generateContent({ model: PRO, contents: 'blocked please' });
    expect(r.candidates?.[0]?.finishReason).toBe('IMAGE_OTHER');
    expect(r.candidates?.[0]?.content).toEqual(expected);
    expect(r.data).toBeUndefined();
  });

  it('imageBlocked carries finishMessage on the wire (the SDK drops it)', async () => {
    fake.enqueue({ kind: 'imageBlocked' });
    const res = await rawPost(`/v1beta/models/${PRO}:generateContent`, { contents: [{ parts: [{ text: 'x' }] }] });
    const body = (await res.json()) as { candidates: { finishReason: string; finishMessage: string }[] };
    expect(body.candidates[0]?.finishReason).toBe('IMAGE_SAFETY');
    expect(body.candidates[0]?.finishMessage).toMatch(/^Unable to show the generated image\. The image was filtered out/);
  });

  it('promptBlocked: HTTP 200, no candidates, promptFeedback', async () => {
    fake.enqueue({ kind: 'promptBlocked', reason: 'SAFETY' });
    const r = await ai.models.generateContent({ model: PRO, contents: 'bad' });
    expect(r.candidates).toBeUndefined();
    expect(r.promptFeedback?.blockReason).toBe('SAFETY');
    expect(r.text).toBeUndefined();
  });
});

describe('scripted errors surface as the SDK ApiError', () => {
  it.each([
    [400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.'],
    [403, 'PERMISSION_DENIED', 'The caller does not have permission'],
    [404, 'NOT_FOUND', notFoundText(PRO)],
    [500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting'],
    [503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'],
    [504, 'DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.'],
  ] as const)('%i %s', async (status, rpcStatus, message) => {
    fake.enqueue({ kind: 'error', status });
    const e = await apiError(() => ai.models.generateContent({ model: PRO, contents: 'x' }));
    expect(e.status).toBe(status);
    expect(e.error).toEqual({ code: status, message, status: rpcStatus });
  });

  it('429 carries Help, QuotaFailure and RetryInfo, and the retry sentence', async () => {
    fake.enqueue({ kind: 'error', status: 429, retryDelaySeconds: 7 });
    const e = await apiError(() => ai.models.generateContent({ model: FLASH, contents: 'x' }));
    expect(e.status).toBe(429);
    expect(e.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(e.error.message).toMatch(/Please retry in 7s\.$/);
    const byType = Object.fromEntries((e.error.details ?? []).map((d) => [String(d['@type']).split('.').pop(), d]));
    expect(Object.keys(byType)).toEqual(['Help', 'QuotaFailure', 'RetryInfo']);
    expect(byType['RetryInfo']).toMatchObject({ retryDelay: '7s' });
    expect(byType['QuotaFailure']).toMatchObject({
      violations: [
        {
          quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
          quotaDimensions: { location: 'global', model: FLASH },
          quotaValue: expect.any(String),
        },
      ],
    });
  });

  it('429 defaults to a 20 s retry delay', async () => {
    fake.enqueue({ kind: 'error', status: 429 });
    const e = await apiError(() => ai.models.generateContent({ model: PRO, contents: 'x' }));
    expect(e.error.details?.find((d) => String(d['@type']).endsWith('RetryInfo'))).toMatchObject({ retryDelay: '20s' });
    expect(e.error.message).toContain('Please retry in 20s.');
  });

  it('consumes outcomes FIFO, honours a model filter, then falls back to the default', async () => {
    fake.enqueue({ kind: 'error', status: 503, model: PRO }, { kind: 'textOnly', text: 'first' });
    const flash = await ai.models.generateContent({ model: FLASH, contents: 'x' });
    expect(flash.text).toBe('first');
    expect((await apiError(() => ai.models.generateContent({ model: PRO, contents: 'x' }))).status).toBe(503);
    const pro = await ai.models.generateContent({ model: PRO, contents: 'x' });
    expect(partsOf(pro).some((p) => p.inlineData)).toBe(true);
  });

  it('setDefault applies to every call until reset; a model default only to that model', async () => {
    fake.setDefault({ kind: 'error', status: 503, model: PRO });
    expect((await apiError(() => ai.models.generateContent({ model: PRO, contents: 'x' }))).status).toBe(503);
    expect((await apiError(() => ai.models.generateContent({ model: PRO, contents: 'x' }))).status).toBe(503);
    await expect(ai.models.generateContent({ model: FLASH, contents: 'x' })).resolves.toBeDefined();
    fake.reset();
    await expect(ai.models.generateContent({ model: PRO, contents: 'x' })).resolves.toBeDefined();
  });

  it('hang never answers; the client abort ends it and the server keeps serving', async () => {
    fake.enqueue({ kind: 'hang' });
    const ac = new AbortController();
    const pending = ai.models.generateContent({ model: PRO, contents: 'x', config: { abortSignal: ac.signal } });
    await expect.poll(() => fake.requests.length).toBe(1); // it reached the server, which holds it
    ac.abort();
    await expect(pending).rejects.toThrow();
    await expect(ai.models.generateContent({ model: PRO, contents: 'x' })).resolves.toBeDefined();
  });

  it('hang is released by close()', async () => {
    const other = await startFakeGemini();
    other.enqueue({ kind: 'hang' });
    const sdk = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: other.url, apiVersion: 'v1beta' } });
    const pending = sdk.models.generateContent({ model: PRO, contents: 'x' });
    const settled = pending.then(
      () => 'resolved',
      (e: unknown) => (e instanceof ApiError ? 'api-error' : 'network-error'),
    );
    await expect.poll(() => other.requests.length).toBe(1);
    await other.close();
    expect(await settled).toBe('network-error');
  });

  it('drop destroys the socket: a network error, not an ApiError', async () => {
    fake.enqueue({ kind: 'drop' });
    let caught: unknown;
    try {
      await ai.models.generateContent({ model: PRO, contents: 'x' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(caught).not.toBeInstanceOf(ApiError);
  });

  it('applies latency before answering, on the clock it is given', async () => {
    const clock = new FakeClock();
    const timed = await startFakeGemini({ clock });
    try {
      timed.latencyMs = 130;
      const sdk = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: timed.url, apiVersion: 'v1beta' } });
      let answered = false;
      const call = sdk.models.generateContent({ model: FLASH, contents: 'slow', config: { responseModalities: ['IMAGE'] } }).then((r) => ((answered = true), r));
      await expect.poll(() => clock.pending).toBe(1); // the request is sleeping out its latency
      await clock.advance(129);
      expect(answered).toBe(false);
      await clock.advance(1);
      await expect(call).resolves.toBeDefined();
      expect(timed.requests[0]!.at).toBe(clock.now() - 130);
    } finally {
      await timed.close();
    }
  });
});

describe('auth', () => {
  it('bad key → 400 API_KEY_INVALID with ErrorInfo and LocalizedMessage', async () => {
    fake.badKeys.add('revoked');
    const e = await apiError(() => client('revoked').models.generateContent({ model: PRO, contents: 'x' }));
    expect(e.status).toBe(400);
    expect(e.error).toEqual({
      code: 400,
      message: 'API key not valid. Please pass a valid API key.',
      status: 'INVALID_ARGUMENT',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'generativelanguage.googleapis.com' },
        },
        {
          '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
          locale: 'en-US',
          message: 'API key not valid. Please pass a valid API key.',
        },
      ],
    });
  });

  it('missing key → 403 PERMISSION_DENIED "unregistered callers"', async () => {
    const e = await apiError(() => client('').models.generateContent({ model: PRO, contents: 'x' }));
    expect(e.status).toBe(403);
    expect(e.error.status).toBe('PERMISSION_DENIED');
    expect(e.error.message).toMatch(/^Method doesn't allow unregistered callers/);
    const raw = await fetch(`${fake.url}/v1beta/models`);
    expect(raw.status).toBe(403);
  });

  it('leaked key → 403 with the leaked text', async () => {
    fake.leakedKeys.add('leaky');
    const e = await apiError(() => client('leaky').models.list());
    expect(e.status).toBe(403);
    expect(e.error.message).toBe('Your API key was reported as leaked. Please use another API key.');
  });

  it('accepts the legacy ?key= query parameter', async () => {
    const res = await fetch(`${fake.url}/v1beta/models?key=${KEY}`);
    expect(res.status).toBe(200);
  });
});

describe('request log and routing', () => {
  it('records method, path, model, version, headers (with the key) and the parsed body', async () => {
    await ai.models.generateContent({
      model: PRO,
      contents: 'logged prompt',
      config: { imageConfig: { aspectRatio: '4:3' } },
    });
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req).toMatchObject({
      method: 'POST',
      path: `/v1beta/models/${PRO}:generateContent`,
      model: PRO,
      action: 'generateContent',
      apiVersion: 'v1beta',
    });
    expect(req.headers['x-goog-api-key']).toBe(KEY);
    expect(req.headers['content-type']).toContain('application/json');
    expect(req.body).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: 'logged prompt' }] }],
      generationConfig: { imageConfig: { aspectRatio: '4:3' } },
    });
    expect(req.at).toBeGreaterThan(0);
  });

  it('routes /v1 like /v1beta, and the 404 text names the version used', async () => {
    const v1 = client(KEY, 'v1');
    const r = await v1.models.generateContent({ model: FLASH, contents: 'v1 call' });
    expect(partsOf(r).some((p) => p.inlineData)).toBe(true);
    expect(fake.requests.at(-1)).toMatchObject({ apiVersion: 'v1', path: `/v1/models/${FLASH}:generateContent` });
    const e = await apiError(() => v1.models.generateContent({ model: 'gemini-2.5-flash-image', contents: 'x' }));
    expect(e.error.message).toBe(notFoundText('gemini-2.5-flash-image', 'v1'));
  });

  it.each(RETIRED)('retired %s → 404 with the exact NOT_FOUND text', async (id) => {
    const e = await apiError(() => ai.models.generateContent({ model: id, contents: 'x' }));
    expect(e.status).toBe(404);
    expect(e.error).toEqual({ code: 404, message: notFoundText(id), status: 'NOT_FOUND' });
  });

  it('streams thoughts, a draft, the final image and a closing event as separate SSE events (wire §9)', async () => {
    const res = await fetch(`${fake.url}/v1beta/models/${PRO}:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'a lighthouse' }] }], generationConfig: { thinkingConfig: { includeThoughts: true } } }),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const text = await res.text();
    expect(text).not.toContain('[DONE]');
    const events = text.split('\r\n\r\n').filter(Boolean).map((e) => JSON.parse(e.replace(/^data: /, '')) as GenerateContentResponse);
    const kinds = events.map((e) => {
      const p = e.candidates?.[0]?.content?.parts?.[0];
      return p ? `${p.thought ? 'thought-' : ''}${p.inlineData ? 'image' : 'text'}` : `end:${e.candidates?.[0]?.finishReason}`;
    });
    expect(kinds).toEqual(['thought-text', 'thought-image', 'text', 'image', 'end:STOP']);
    expect(new Set(events.map((e) => e.responseId)).size).toBe(1);
    expect(events.at(-1)!.usageMetadata!.candidatesTokenCount).toBeGreaterThan(1000);
  });

  it('streams through the SDK, and a streamBroken outcome stops after the thoughts', async () => {
    const chunks: GenerateContentResponse[] = [];
    for await (const c of await ai.models.generateContentStream({ model: PRO, contents: 'x' })) chunks.push(c);
    expect(chunks.some((c) => partsOf(c).some((p) => p.inlineData))).toBe(true);

    fake.enqueue({ kind: 'streamBroken', how: 'noFinal' });
    const res = await fetch(`${fake.url}/v1beta/models/${PRO}:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'x' }] }], generationConfig: { thinkingConfig: { includeThoughts: true } } }),
    });
    const text = await res.text();
    expect(text).toContain('"thought":true');
    expect(text).not.toContain('finishReason');
  });
});

describe('request validation', () => {
  it('rejects an aspect ratio the model does not have, naming it', async () => {
    const e = await apiError(() =>
      ai.models.generateContent({ model: PRO, contents: 'x', config: { imageConfig: { aspectRatio: '9:21' } } }),
    );
    expect(e.status).toBe(400);
    expect(e.error.status).toBe('INVALID_ARGUMENT');
    expect(e.error.message).toContain("'9:21'");
    // 3.1 Flash's extreme ratios are not Pro's.
    const e2 = await apiError(() =>
      ai.models.generateContent({ model: PRO, contents: 'x', config: { imageConfig: { aspectRatio: '1:8' } } }),
    );
    expect(e2.status).toBe(400);
  });

  it.each([
    [PRO, '1k'],
    [PRO, '512'],
    [FLASH, '512px'],
  ])('rejects imageSize %s / %s', async (model, imageSize) => {
    const e = await apiError(() =>
      ai.models.generateContent({ model, contents: 'x', config: { imageConfig: { imageSize } } }),
    );
    expect(e.status).toBe(400);
    expect(e.error.message).toContain(`'${imageSize}'`);
  });

  it('rejects the IMAGE modality on a text model', async () => {
    const e = await apiError(() =>
      ai.models.generateContent({ model: TEXT, contents: 'x', config: { responseModalities: ['IMAGE'] } }),
    );
    expect(e.error).toEqual({
      code: 400,
      message: 'Model does not support the requested response modalities: image',
      status: 'INVALID_ARGUMENT',
    });
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await rawPost(`/v1beta/models/${PRO}:generateContent`, '{"contents": [');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(((await res.json()) as { error: { status: string } }).error.status).toBe('INVALID_ARGUMENT');
  });

  it('accepts a snake_case body with mixed-case enums', async () => {
    const input = await makePng({ width: 64, height: 64, label: 'in' });
    const res = await rawPost(`/v1beta/models/${PRO}:generateContent`, {
      contents: [{ parts: [{ text: 'snake case' }, { inline_data: { mime_type: 'image/png', data: input.toString('base64') } }] }],
      tools: [{ google_search: {} }],
      generation_config: {
        response_modalities: ['Image'],
        image_config: { aspect_ratio: '16:9', image_size: '2K' },
        thinking_config: { include_thoughts: false },
      },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      candidates: { content: { parts: { inlineData?: { data: string } }[] }; groundingMetadata?: unknown }[];
    };
    const parts = body.candidates[0]!.content.parts;
    expect(parts).toHaveLength(1);
    const info = readPngInfo(Buffer.from(parts[0]!.inlineData!.data, 'base64'));
    expect(info).toMatchObject({ width: 2752, height: 1536 });
    expect(body.candidates[0]!.groundingMetadata).toBeDefined();
  });
});

describe('strict thought signatures', () => {
  it('accepts history the SDK chat round-trips', async () => {
    fake.strictSignatures = true;
    const chat = ai.chats.create({ model: PRO });
    await chat.sendMessage({ message: 'draw a cat' });
    const r2 = await chat.sendMessage({ message: 'make it blue' });
    expect(partsOf(r2).some((p) => p.inlineData)).toBe(true);
    const sent = fake.requests.at(-1)?.body as { contents: { role: string; parts: Part[] }[] };
    expect(sent.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(sent.contents[1]?.parts.filter((p) => p.thoughtSignature)).toHaveLength(2);
  });

  it('rejects a model image part without its signature, 1-based positions', async () => {
    fake.strictSignatures = true;
    const first = await ai.models.generateContent({ model: PRO, contents: 'draw a dog' });
    const [text, image] = partsOf(first);
    const history = (imagePart: Part) => [
      { role: 'user', parts: [{ text: 'draw a dog' }] },
      { role: 'model', parts: [text!, imagePart] },
      { role: 'user', parts: [{ text: 'now in the rain' }] },
    ];
    const stripped: Part = { inlineData: image!.inlineData! };
    const e = await apiError(() => ai.models.generateContent({ model: PRO, contents: history(stripped) }));
    expect(e.error.message).toBe(
      'Image part is missing a thought_signature in content position 2, part position 2. ' +
        'Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures#model-behavior for more details.',
    );
    const e2 = await apiError(() =>
      ai.models.generateContent({ model: PRO, contents: history({ ...stripped, thoughtSignature: 'bm90IG91cnM=' }) }),
    );
    expect(e2.error.message).toBe('Corrupted thought signature.');
    const ok = await ai.models.generateContent({
      model: PRO,
      contents: history({ ...stripped, thoughtSignature: 'context_engineering_is_the_way_to_go' }),
    });
    expect(ok.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('rejects an unsigned first text part of a model turn', async () => {
    fake.strictSignatures = true;
    const e = await apiError(() =>
      ai.models.generateContent({
        model: PRO,
        contents: [
          { role: 'user', parts: [{ text: 'hi' }] },
          { role: 'model', parts: [{ text: 'plan', thought: true }, { text: 'Here you go' }] },
          { role: 'user', parts: [{ text: 'again' }] },
        ],
      }),
    );
    expect(e.error.message).toMatch(/^Text part is missing a thought_signature in content position 2, part position 2\./);
  });

  it('is off by default', async () => {
    const r = await ai.models.generateContent({
      model: PRO,
      contents: [
        { role: 'user', parts: [{ text: 'hi' }] },
        { role: 'model', parts: [{ text: 'unsigned' }] },
        { role: 'user', parts: [{ text: 'again' }] },
      ],
    });
    expect(r.candidates?.[0]?.finishReason).toBe('STOP');
  });
});

describe('runtime model table and control API', () => {
  it('addModel makes a new model listable and usable; retireModel 404s it', async () => {
    const legacy: FakeModel = gemini25FlashImage();
    fake.addModel(legacy);
    expect((await ai.models.get({ model: legacy.id })).displayName).toBe('Nano Banana');
    const r = await ai.models.generateContent({
      model: legacy.id,
      contents: 'legacy',
      config: { imageConfig: { aspectRatio: '16:9' } },
    });
    const parts = partsOf(r);
    expect(parts.every((p) => !p.thoughtSignature)).toBe(true);
    expect(readPngInfo(pngOf(parts.find((p) => p.inlineData)!))).toMatchObject({ width: 1344, height: 768 });
    expect(r.usageMetadata?.candidatesTokensDetails).toEqual([{ modality: 'IMAGE', tokenCount: 1290 }]);
    fake.retireModel(legacy.id);
    expect((await apiError(() => ai.models.generateContent({ model: legacy.id, contents: 'x' }))).status).toBe(404);
  });

  it('scripts over HTTP: enqueue, bad-key, requests, reset', async () => {
    const post = (p: string, b?: unknown) =>
      fetch(`${fake.url}/__fake/${p}`, { method: 'POST', ...(b === undefined ? {} : { body: JSON.stringify(b) }) });
    expect((await post('enqueue', [{ kind: 'error', status: 503 }])).status).toBe(200);
    expect((await post('enqueue', { kind: 'nope' })).status).toBe(400);
    // A 429 that names its cause (issue 17 §4) is scripted over HTTP too; a made-up cause is refused.
    expect((await post('enqueue', { kind: 'error', status: 429, cause: 'prepaid_depleted', model: 'nobody' })).status).toBe(200);
    expect((await post('enqueue', { kind: 'error', status: 429, cause: 'broke' })).status).toBe(400);
    expect((await post('enqueue', { kind: 'error', status: 503, cause: 'tier_cap' })).status).toBe(400);
    expect((await apiError(() => ai.models.generateContent({ model: PRO, contents: 'x' }))).status).toBe(503);
    await post('bad-key', { key: 'remote-bad' });
    expect((await apiError(() => client('remote-bad').models.list())).status).toBe(400);
    const log = (await (await fetch(`${fake.url}/__fake/requests`)).json()) as { requests: { path: string }[] };
    expect(log.requests.map((r) => r.path)).toEqual([`/v1beta/models/${PRO}:generateContent`, '/v1beta/models']);
    await post('reset');
    expect(fake.requests).toHaveLength(0);
    expect(fake.badKeys.size).toBe(0);
  });
});

describe('png helpers', () => {
  it('round-trips size and Latin-1 and UTF-8 text chunks', async () => {
    const png = await makePng({ width: 40, height: 30, text: { 'fake-gemini:prompt': 'café ☕ 日本', plain: 'abc' } });
    expect(readPngInfo(png)).toEqual({ width: 40, height: 30, text: { 'fake-gemini:prompt': 'café ☕ 日本', plain: 'abc' } });
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 40, 30]);
    expect(() => readPngInfo(Buffer.from('not a png at all, definitely not'))).toThrow();
  });
});

describe('cli', () => {
  it('prints exactly its URL and exits cleanly on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../../fake-gemini/cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/v1beta/models`, { headers: { 'x-goog-api-key': KEY } });
    expect(res.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(out).toBe(`${url}\n`);
  }, 15000);
});

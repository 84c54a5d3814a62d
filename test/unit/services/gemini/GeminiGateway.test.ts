/** The real @google/genai SDK against the local fake Gemini server: no SDK mocks anywhere. */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GEMINI_API_VERSION, GeminiGateway, type GenerateCall } from '../../../../electron/services/gemini/GeminiGateway';
import { readGeneration, type Generation } from '../../../../electron/services/gemini/response';
import { ModelCatalog } from '../../../../electron/services/gemini/ModelCatalog';
import { classifyListedModel } from '../../../../shared/models/catalogue';
import { gemini3ProImage } from '../../../fake-gemini/models';
import { readPngInfo } from '../../../fake-gemini/png';
import { startFakeGemini, type FakeGemini } from '../../../fake-gemini/server';
import { closedPort, memoryLogger, tempDir } from '../../../support/tmp';

const KEY = 'AIzaUnitTestKey0000000000000000000000';
let fake: FakeGemini;
let gateway: GeminiGateway;

beforeAll(async () => {
  fake = await startFakeGemini();
  gateway = new GeminiGateway({ getKey: async () => KEY, getBaseUrl: () => fake.url });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

type Params = GenerateCall['params'];
const PARAMS: Params = { aspectRatio: '16:9', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false };

/** One request through the gateway and the response reader, as the generation service does it. */
async function run(
  over: { model?: string; prompt?: string; params?: Partial<Params>; signal?: AbortSignal; via?: GeminiGateway } = {},
): Promise<Generation> {
  const raw = await (over.via ?? gateway).generate({
    model: over.model ?? 'gemini-3-pro-image',
    contents: [{ role: 'user', parts: [{ text: over.prompt ?? 'a red fox in snow' }] }],
    params: { ...PARAMS, ...over.params },
    ...(over.signal ? { signal: over.signal } : {}),
  });
  return readGeneration(raw);
}
const generate = (over: { model?: string; signal?: AbortSignal } = {}) => run(over);

describe('GeminiGateway.generate + readGeneration', () => {
  it('sends the pinned API version, the key header and the image config', async () => {
    await generate();
    const req = fake.requests.find((r) => r.action === 'streamGenerateContent')!;
    expect(req.apiVersion).toBe(GEMINI_API_VERSION);
    expect(req.path).toBe('/v1beta/models/gemini-3-pro-image:streamGenerateContent');
    expect(req.query).toMatchObject({ alt: 'sse' });
    expect(req.headers['x-goog-api-key']).toBe(KEY);
    expect(req.body).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: 'a red fox in snow' }] }],
      generationConfig: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '16:9' } },
    });
  });

  it('returns the final image at the documented size, its text and usage', async () => {
    const g = await generate();
    expect(g.images).toHaveLength(1);
    const info = readPngInfo(g.images[0]!.data);
    expect([info.width, info.height]).toEqual([1376, 768]);
    expect(info.text['fake-gemini:prompt']).toBe('a red fox in snow');
    expect(g.text).toMatch(/red fox/);
    expect(g.usage.outputTokens).toBeGreaterThan(1000);
    expect(g.finishReason).toBe('STOP');
  });

  it('keeps thought images out of the deliverables', async () => {
    // A thinking answer has an interim thought image before the final one (wire §2.3).
    fake.enqueue({ kind: 'success', images: 2 });
    const g = await run({ model: 'gemini-3.1-flash-image', prompt: 'two kites', params: { aspectRatio: '1:1', includeThoughts: true } });
    expect(g.images).toHaveLength(2);
    for (const img of g.images) expect(readPngInfo(img.data).text['fake-gemini:kind']).toBe('final');
    expect(g.thoughtImages.length).toBeGreaterThan(0);
    for (const img of g.thoughtImages) expect(readPngInfo(img.data).text['fake-gemini:kind']).toBe('thought');
    expect(g.thoughtText.join(' ')).toMatch(/\w/);
    // Signatures stay on the parts they came on, thought parts carry none (wire §2.3).
    expect(g.content.parts.filter((p) => p.thought).every((p) => !p.thoughtSignature)).toBe(true);
    expect(g.content.parts.filter((p) => !p.thought && p.inlineData).every((p) => fake.issuedSignatures.has(p.thoughtSignature!))).toBe(true);
  });

  const failures: Array<[string, Parameters<FakeGemini['enqueue']>[0], string, RegExp]> = [
    ['429 quota with retry delay', { kind: 'error', status: 429, retryDelaySeconds: 47 }, 'quota', /rate limit.*requests-per-minute.*47 s/],
    ['500', { kind: 'error', status: 500 }, 'server', /internal error \(500\)/],
    ['503', { kind: 'error', status: 503 }, 'server', /overloaded/],
    ['504', { kind: 'error', status: 504 }, 'server', /too long to answer \(504\)/],
    ['403 leaked key', { kind: 'error', status: 403, message: 'Your API key was reported as leaked. Please use another API key.' }, 'invalid_key', /leaked/],
    ['404', { kind: 'error', status: 404 }, 'model_not_found', /not available/],
    ['image safety', { kind: 'imageBlocked', reason: 'IMAGE_SAFETY' }, 'image_blocked', /safety policy \(IMAGE_SAFETY\)/],
    ['image prohibited, no content', { kind: 'imageBlocked', reason: 'IMAGE_PROHIBITED_CONTENT', contentShape: 'absent' }, 'image_blocked', /third-party/],
    ['prompt blocked', { kind: 'promptBlocked', reason: 'PROHIBITED_CONTENT' }, 'prompt_blocked', /blocked the prompt itself \(PROHIBITED_CONTENT\)/],
    ['no image', { kind: 'noImage', text: null }, 'no_image', /without making an image \(NO_IMAGE\)/],
    // The host answered the connection and then closed it: broken, not offline (issue 10).
    ['dropped connection', { kind: 'drop' }, 'bad_response', /closed before an answer came/],
  ];
  for (const [name, outcome, code, message] of failures) {
    it(`maps ${name} to ${code} with a clear message`, async () => {
      fake.enqueue(outcome);
      const err = await generate().catch((e: unknown) => e);
      expect(err).toMatchObject({ code });
      expect((err as Error).message).toMatch(message);
    });
  }

  it('gives each failure kind a different message', async () => {
    const messages = new Set<string>();
    for (const [, outcome] of failures) {
      fake.enqueue(outcome);
      messages.add(((await generate().catch((e: unknown) => e)) as Error).message);
    }
    expect(messages.size).toBe(failures.length);
  });

  it('returns a text-only answer as a result, not an error', async () => {
    fake.enqueue({ kind: 'textOnly', text: 'Which fox do you mean?' });
    const g = await generate();
    expect(g).toMatchObject({ images: [], text: 'Which fox do you mean?', finishReason: 'STOP' });
  });

  it('carries Google’s finishMessage (which the SDK drops) into the blocked message', async () => {
    fake.enqueue({ kind: 'imageBlocked', reason: 'IMAGE_OTHER' });
    await expect(generate()).rejects.toMatchObject({ code: 'image_blocked', message: expect.stringContaining('Gemini said: “Unable to show the generated image') });
  });

  it('sends size, output, grounding and thinking options, and reads grounding back', async () => {
    const g = await run({ params: { imageSize: '2K', modalities: 'IMAGE', grounding: true, includeThoughts: true } });
    const body = fake.requests.at(-1)!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      tools: [{ googleSearch: {} }],
      generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9', imageSize: '2K' }, thinkingConfig: { includeThoughts: true } },
    });
    expect(readPngInfo(g.images[0]!.data)).toMatchObject({ width: 2752, height: 1536 });
    expect(g.text).toBeNull();
    expect(g.grounding!.sources.length).toBeGreaterThan(0);
    expect(g.grounding!.sources.every((s) => s.uri.startsWith('https://'))).toBe(true);
    expect(g.grounding!.queries.length).toBeGreaterThan(0);
    expect(g.grounding!.entryPointHtml).toContain('<');
    expect(g.usage.imageTokens).toBe(1120);
  });

  it('names a bad key for what it is', async () => {
    fake.badKeys.add(KEY);
    await expect(generate()).rejects.toMatchObject({ code: 'invalid_key', message: expect.stringMatching(/not valid/) });
  });

  it('reports a retired model as not found', async () => {
    await expect(generate({ model: 'gemini-3-pro-image-preview' })).rejects.toMatchObject({ code: 'model_not_found' });
  });

  it('says no_key when there is no key, without calling Gemini', async () => {
    const keyless = new GeminiGateway({ getKey: async () => null, getBaseUrl: () => fake.url });
    await expect(run({ via: keyless })).rejects.toMatchObject({ code: 'no_key' });
    expect(fake.requests).toHaveLength(0);
  });

  it('cancels a request in flight through its abort signal', async () => {
    fake.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const pending = generate({ signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('reports an unreachable endpoint as a network error', async () => {
    const port = await closedPort();
    const offline = new GeminiGateway({ getKey: async () => KEY, getBaseUrl: () => `http://127.0.0.1:${port}` });
    await expect(run({ via: offline })).rejects.toMatchObject({ code: 'network' });
  });
});

describe('models list and tiers', () => {
  it('lists models with the given key; a bad key is invalid_key', async () => {
    const models = await gateway.listModels('AIzaAnotherKey000000000000000000000000');
    expect(models.filter((m) => classifyListedModel(m) !== null).map((m) => m.id).sort()).toEqual(['gemini-3-pro-image', 'gemini-3.1-flash-image', 'gemini-3.1-flash-lite-image', 'gemini-nano-banana-2.1']);
    expect(fake.requests.at(-1)!.headers['x-goog-api-key']).toBe('AIzaAnotherKey000000000000000000000000');
    fake.badKeys.add('AIzaBadKey');
    await expect(gateway.listModels('AIzaBadKey')).rejects.toMatchObject({ code: 'invalid_key' });
  });

  it('resolves tiers from the list and caches it for offline starts', async () => {
    const file = path.join(tempDir(), 'models.json');
    const catalog = new ModelCatalog(gateway, file, memoryLogger());
    expect(catalog.get().fetchedAt).toBeNull();
    const models = await catalog.refresh();
    expect(models.tiers).toEqual({ flash: 'gemini-nano-banana-2.1', pro: 'gemini-3-pro-image', lite: 'gemini-3.1-flash-lite-image' });
    expect(models.resolution.flash.source).toBe('list');
    expect(models.models.map((m) => m.id)).not.toContain('gemini-2.5-flash');

    const offline = new ModelCatalog(new GeminiGateway({ getKey: async () => KEY, getBaseUrl: () => 'http://127.0.0.1:9' }), file, memoryLogger());
    expect(offline.get().models).toEqual(models.models);
    expect(offline.get().resolution.flash).toMatchObject({ modelId: 'gemini-nano-banana-2.1', source: 'cache' });
  });

  it('follows Google when the known id disappears from the list', async () => {
    fake.retireModel('gemini-3-pro-image');
    fake.addModel({ ...gemini3ProImage(), id: 'gemini-4-pro-image', displayName: 'Nano Banana Pro 2' });
    const catalog = new ModelCatalog(gateway, path.join(tempDir(), 'm.json'), memoryLogger());
    const models = await catalog.refresh();
    expect(models.tiers.pro).toBe('gemini-4-pro-image');
    expect(models.tiers.flash).toBe('gemini-nano-banana-2.1');
  });
});

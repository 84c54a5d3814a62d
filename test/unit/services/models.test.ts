/**
 * Today's image models end to end in Node: createAtelier, the router, the real SDK and the fake.
 * Recognition by metadata, classes that move, deprecation and gone models, chats moved to a
 * successor, and the request options that came with Nano Banana 2.1.
 */
import { describe, expect, it } from 'vitest';
import type { Conversation, GenerationDetail, Job, Models } from '../../../shared/ipc/contract';
import { gemini3ProImage, gemini31FlashImage, unknownImageModels, gemini25Flash } from '../../fake-gemini/models';
import { atelierFixture } from '../../support/atelierFixture';
import { tempDir } from '../../support/tmp';

const KEY = 'AQ.Ab8RN6ModelsTestKey000000000000000000';
const NB21 = 'gemini-nano-banana-2.1';
const FLASH31 = 'gemini-3.1-flash-image';
const PRO = 'gemini-3-pro-image';
const LITE = 'gemini-3.1-flash-lite-image';
const fx = atelierFixture({ key: KEY, fake: true, options: { backoff: { baseMs: 50, maxMs: 200, maxAttempts: 3 } } });

async function start(userDataDir = tempDir()) {
  const session = await fx.start({ userDataDir });
  const notices: string[] = [];
  session.atelier.events.onAny((event, payload) => event === 'notice' && notices.push((payload as { message: string }).message));
  const finish = async (job: Job) => {
    await session.atelier.queue.whenIdle();
    return session.atelier.queue.get(job.id);
  };
  return { ...session, finish, notices };
}

const generateCalls = () => fx.fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));
type Body = { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }>; generationConfig: Record<string, unknown>; tools?: unknown[] };
const lastBody = () => generateCalls().at(-1)!.body as Body;

describe('recognising image models', () => {
  it('offers image models it has never heard of by their metadata, and Flash and Pro still generate', async () => {
    fx.fake.setModels([gemini25Flash(), ...unknownImageModels()]);
    const s = await start();
    const models = await s.call<Models>('models.list', { refresh: true });
    expect(models.models.map((m) => m.id).sort()).toEqual(['gemini-nano-banana-3', 'gemini-nano-banana-3-pro']);
    expect(models.tiers).toMatchObject({ flash: 'gemini-nano-banana-3', pro: 'gemini-nano-banana-3-pro' });
    expect(models.resolution.flash).toMatchObject({ source: 'list', reason: expect.stringContaining("newest Flash model in Gemini's models list") });
    // Nothing of the Lite class is listed: the built-in choice, and the list says why.
    expect(models.resolution.lite).toMatchObject({ modelId: LITE, source: 'fallback', reason: expect.stringContaining('no current Lite model') });
    // Unknown models get their class's conservative defaults.
    const pro = models.models.find((m) => m.id === 'gemini-nano-banana-3-pro')!;
    expect(pro).toMatchObject({ tier: 'pro', displayName: 'Nano Banana 3 Pro', capabilities: { known: false, imageSizes: ['1K'], searchGrounding: false, thinkingLevels: [] } });

    const flashJob = await s.finish(await s.generate({ prompt: 'a lantern' }));
    const proJob = await s.finish(await s.generate({ prompt: 'a lighthouse', tier: 'pro' }));
    expect(flashJob).toMatchObject({ state: 'succeeded', modelId: 'gemini-nano-banana-3' });
    expect(proJob).toMatchObject({ state: 'succeeded', modelId: 'gemini-nano-banana-3-pro' });
    // The conservative defaults keep unknown options off the wire.
    expect(lastBody().generationConfig).not.toHaveProperty('thinkingConfig');
  });

  it('never offers a text-only model, whatever the list says', async () => {
    const s = await start();
    const models = await s.call<Models>('models.list', { refresh: true });
    expect(models.models.map((m) => m.id)).not.toContain('gemini-2.5-flash');
    expect(models.tiers).toEqual({ flash: NB21, pro: PRO, lite: LITE });
  });

  it('moves a class to another model when its model leaves the list between two starts, and says so', async () => {
    const newer = { ...gemini3ProImage(), id: 'gemini-3.5-pro-image', displayName: 'Nano Banana Pro 2', description: 'Gemini 3.5 Pro Image' };
    fx.fake.addModel(newer);
    const dir = tempDir();
    const first = await start(dir);
    expect((await first.call<Models>('models.list', { refresh: true })).tiers.pro).toBe('gemini-3.5-pro-image');
    await first.stop();

    fx.fake.retireModel('gemini-3.5-pro-image');
    const second = await start(dir);
    // Before the list is fetched again, the cached list decides, and says it is the cache.
    expect((await second.call<Models>('models.list')).resolution.pro).toMatchObject({ modelId: 'gemini-3.5-pro-image', source: 'cache' });
    const models = await second.call<Models>('models.list', { refresh: true });
    expect(models.resolution.pro).toMatchObject({ modelId: PRO, source: 'list' });
    expect(second.notices).toContainEqual(expect.stringContaining('Pro now uses gemini-3-pro-image: gemini-3.5-pro-image is no longer'));
    expect(await second.finish(await second.generate({ prompt: 'a quay', tier: 'pro' }))).toMatchObject({ state: 'succeeded', modelId: PRO });
  });
});

describe('issue 17 §4: gone means the live list dropped it or it answered 404', () => {
  it('a model that leaves the live list is gone without a 404, and back once listed again', async () => {
    const s = await start();
    const goneIds = (m: Models) => m.gone.map((g) => g.id);
    expect(goneIds(await s.call<Models>('models.list', { refresh: true }))).not.toContain(FLASH31);
    fx.fake.retireModel(FLASH31);
    const dropped = await s.call<Models>('models.list', { refresh: true });
    expect(goneIds(dropped)).toContain(FLASH31);
    expect(dropped.gone.find((g) => g.id === FLASH31)!.status.state).toBe('gone');
    fx.fake.addModel(gemini31FlashImage());
    expect(goneIds(await s.call<Models>('models.list', { refresh: true }))).not.toContain(FLASH31);
  });
});

describe('deprecated and gone models', () => {
  it('shows a deprecated model with its shutdown day and successor', async () => {
    const s = await start();
    const models = await s.call<Models>('models.list', { refresh: true });
    const old = models.models.find((m) => m.id === FLASH31)!;
    expect(old.status).toEqual({ state: 'deprecated', shutdownOn: '2026-10-29', shutdownConfirmed: false, successor: NB21 });
    expect(models.models.find((m) => m.id === NB21)!.status.state).toBe('current');
    // Deprecated models are never what a class resolves to.
    expect(models.tiers.flash).toBe(NB21);
  });

  it('marks a model that answers 404 as gone; its jobs say so and move to the successor in one call', async () => {
    const s = await start();
    await s.call('models.list', { refresh: true });
    fx.fake.retireModel(FLASH31);
    const failed = await s.finish(await s.generate({ prompt: 'a kite', modelId: FLASH31 }));
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'model_not_found', message: expect.stringContaining(`${FLASH31} is gone`) });
    expect(failed.error!.message).toContain(`Switch to Nano Banana 2.1 (${NB21})`);
    const models = await s.call<Models>('models.list');
    expect(models.gone.map((m) => m.id)).toContain(FLASH31);
    // A new request for it is refused before anything is sent.
    const sent = generateCalls().length;
    expect(await s.tryCall('generate.start', { tier: 'flash', aspectRatio: '1:1', prompt: 'again', modelId: FLASH31 })).toMatchObject({ ok: false, code: 'model_not_found' });
    expect(generateCalls()).toHaveLength(sent);

    expect(await s.call('queue.switchModel', { fromModelId: FLASH31 })).toEqual({ moved: 1, toModelId: NB21 });
    expect(await s.finish(failed)).toMatchObject({ state: 'succeeded', modelId: NB21 });
  });

  it('continues a chat pinned to a gone model on its successor, sending the history without the old signatures', async () => {
    fx.fake.strictSignatures = true;
    const s = await start();
    await s.call('models.list', { refresh: true });
    const conv = await s.call<Conversation>('chat.create', { tier: 'flash', modelId: FLASH31 });
    const send = (prompt: string) => s.call<Job>('chat.send', { conversationId: conv.id, prompt, aspectRatio: '1:1', includeThoughts: true });
    expect(await s.finish(await send('a red boat'))).toMatchObject({ state: 'succeeded', modelId: FLASH31 });
    const firstAnswer = generateCalls().at(-1)!;
    expect(firstAnswer.status).toBe(200);

    fx.fake.retireModel(FLASH31);
    const lost = await s.finish(await send('make it blue'));
    expect(lost.error).toMatchObject({ code: 'model_not_found' });

    const moved = await s.call<Conversation>('chat.moveToModel', { id: conv.id });
    expect(moved).toMatchObject({ modelId: NB21, movedAtTurn: 3 });
    expect(await s.finish(await s.call<Job>('jobs.retry', { id: lost.id }))).toMatchObject({ state: 'succeeded', modelId: NB21 });
    const body = lastBody();
    expect(generateCalls().at(-1)!.model).toBe(NB21);
    const modelTurn = body.contents.find((c) => c.role === 'model')!;
    // The old model's thoughts stay behind; its signatures are replaced by the documented stand-in.
    expect(modelTurn.parts.some((p) => p.thought)).toBe(false);
    expect(modelTurn.parts.map((p) => p.thoughtSignature)).toContain('context_engineering_is_the_way_to_go');
    for (const sig of modelTurn.parts.map((p) => p.thoughtSignature)) {
      if (sig !== undefined) expect(fx.fake.issuedSignatures.has(sig as string)).toBe(false);
    }
    // The next turn on the new model carries the new model's own signatures again, and is accepted.
    expect(await s.finish(await send('add a moon'))).toMatchObject({ state: 'succeeded' });
    const third = lastBody().contents.filter((c) => c.role === 'model');
    expect(third.at(-1)!.parts.some((p) => typeof p.thoughtSignature === 'string' && fx.fake.issuedSignatures.has(p.thoughtSignature))).toBe(true);

    // A branch of the moved chat keeps the mark: its copied turns from before the move still go out
    // without the old model's signatures, which the strict fake would refuse.
    const branch = await s.call<Conversation>('chat.branch', { conversationId: conv.id, turnIndex: 1 });
    expect(branch).toMatchObject({ modelId: NB21, movedAtTurn: 2 });
    expect(await s.finish(await s.call<Job>('chat.send', { conversationId: branch.id, prompt: 'a green boat', aspectRatio: '1:1' }))).toMatchObject({ state: 'succeeded' });
  });

  it('the fake refuses another model’s signatures (what moving a chat without stripping would do)', async () => {
    fx.fake.strictSignatures = true;
    const s = await start();
    const conv = await s.call<Conversation>('chat.create', { tier: 'flash', modelId: FLASH31 });
    await s.finish(await s.call<Job>('chat.send', { conversationId: conv.id, prompt: 'a red boat', aspectRatio: '1:1' }));
    // Point the chat at another model behind the service's back: the history keeps its signatures.
    s.atelier.db.prepare('UPDATE conversations SET model_id = ? WHERE id = ?').run(NB21, conv.id);
    const job = await s.finish(await s.call<Job>('chat.send', { conversationId: conv.id, prompt: 'make it blue', aspectRatio: '1:1' }));
    expect(job.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('was not issued by this model') });
  });
});

describe('capabilities and request options', () => {
  it('refuses 512 on Nano Banana 2.1 before sending, and the server would refuse it too', async () => {
    const s = await start();
    expect(await s.tryCall('generate.start', { tier: 'flash', prompt: 'tiny', aspectRatio: '1:1', imageSize: '512' })).toMatchObject({
      ok: false,
      code: 'unsupported',
      message: `${NB21} cannot make 512 images. Choose one of 1K, 2K, 4K.`,
    });
    expect(generateCalls()).toHaveLength(0);
    // The deprecated 3.1 Flash still takes 512: the refusal is the model's, not the app's.
    expect(await s.finish(await s.generate({ prompt: 'tiny', modelId: FLASH31, imageSize: '512' }))).toMatchObject({ state: 'succeeded' });
    const direct = await fetch(`${fx.fake.url}/v1beta/models/${NB21}:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'x' }] }], generationConfig: { imageConfig: { imageSize: '512' } } }),
    });
    expect(direct.status).toBe(400);
  });

  it('sends a thinking level only where the model has levels', async () => {
    const s = await start();
    await s.finish(await s.generate({ prompt: 'a map', thinkingLevel: 'high' }));
    expect(lastBody().generationConfig.thinkingConfig).toEqual({ thinkingLevel: 'HIGH' });
    expect(await s.tryCall('generate.start', { tier: 'pro', prompt: 'x', aspectRatio: '1:1', thinkingLevel: 'high' })).toMatchObject({ ok: false, code: 'unsupported', message: expect.stringContaining('no thinking level') });
    expect(await s.tryCall('generate.start', { tier: 'lite', prompt: 'x', aspectRatio: '1:1', thinkingLevel: 'medium' })).toMatchObject({ ok: false, message: expect.stringContaining('minimal, high') });
    expect(await s.tryCall('generate.start', { tier: 'flash', prompt: 'x', aspectRatio: '1:1', thinkingLevel: 'extreme' })).toMatchObject({ ok: false, code: 'bad_input' });
  });

  it('refuses grounding on Lite before sending; the server answers 400 for it', async () => {
    const s = await start();
    expect(await s.tryCall('generate.start', { tier: 'lite', prompt: 'news', aspectRatio: '1:1', grounding: true })).toMatchObject({ ok: false, code: 'unsupported', message: expect.stringContaining('cannot ground') });
    expect(await s.tryCall('generate.start', { tier: 'lite', prompt: 'news', aspectRatio: '1:1', imageSize: '2K' })).toMatchObject({ ok: false, code: 'unsupported' });
    const direct = await fetch(`${fx.fake.url}/v1beta/models/${LITE}:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'x' }] }], tools: [{ googleSearch: {} }] }),
    });
    expect(direct.status).toBe(400);
    expect(await s.finish(await s.generate({ prompt: 'a pear', tier: 'lite' }))).toMatchObject({ state: 'succeeded', modelId: LITE });
  });

  it('grounds with image search: the tool on the wire, the image queries kept, the search fee in the cost', async () => {
    const s = await start();
    const done = await s.finish(await s.generate({ prompt: 'the Eiffel tower at dusk', grounding: true, imageSearch: true }));
    expect(lastBody().tools).toEqual([{ googleSearch: { searchTypes: { webSearch: {}, imageSearch: {} } } }]);
    const gen = await s.call<GenerationDetail>('generation.get', { id: done.generationId });
    expect(gen.grounding!.imageQueries.length).toBeGreaterThan(0);
    expect(gen.grounding!.entryPointUrl).toMatch(/^\/grounding\//);
    const plain = await s.finish(await s.generate({ prompt: 'the Eiffel tower at dusk' }));
    // Each search query costs $0.014 on top of the tokens.
    expect(done.costUsd! - plain.costUsd!).toBeGreaterThanOrEqual(0.014 * gen.grounding!.queries.length - 0.005);
    expect(await s.tryCall('generate.start', { tier: 'pro', prompt: 'x', aspectRatio: '1:1', grounding: true, imageSearch: true })).toMatchObject({ ok: false, message: expect.stringContaining('cannot search Google Images') });
  });
});

describe('quota naming', () => {
  it('says which quota a 429 hit, the 10-minute spend cap included', async () => {
    const s = await start();
    fx.fake.enqueue({ kind: 'error', status: 429, quotaId: 'GenerateContentSpendPer10MinutesPerBillingAccount', retryDelaySeconds: 30 });
    const job = await s.generate({ prompt: 'a stamp' });
    await expect.poll(() => s.atelier.queue.get(job.id).error?.message ?? '').toContain('the 10-minute spend cap');
    expect(s.atelier.queue.get(job.id).error!.message).toContain('Settings → Quota');
    await s.call('jobs.cancel', { id: job.id });
  });
});

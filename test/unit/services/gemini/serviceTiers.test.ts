/**
 * Issue 17 §3 on the wire: `config.serviceTier` goes out through GeminiGateway.requestConfig,
 * the tier that served comes back from `x-gemini-service-tier` (read from the SDK's own
 * `sdkHttpResponse.headers`), and a shed Flex call is named as one. Real SDK, fake server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/services/errors';
import { GeminiGateway, type GenerateCall } from '../../../../electron/services/gemini/GeminiGateway';
import type { ServiceTier } from '../../../../shared/domain/serviceTiers';
import { startFakeGemini, type FakeGemini } from '../../../fake-gemini/server';

let fake: FakeGemini;
beforeAll(async () => void (fake = await startFakeGemini()));
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const FLASH = 'gemini-nano-banana-2.1';
const LITE = 'gemini-3.1-flash-lite-image';

function gateway(): GeminiGateway {
  return new GeminiGateway({ getKey: async () => 'AIzaServiceTierTestKey000000000000000000', getBaseUrl: () => fake.url });
}

async function send(o: { tier?: ServiceTier; stream: boolean; model?: string }): Promise<ServiceTier | null | 'unset'> {
  let served: ServiceTier | null | 'unset' = 'unset';
  const call: GenerateCall = {
    model: o.model ?? FLASH,
    contents: [{ role: 'user', parts: [{ text: 'a paper boat' }] }],
    params: { aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, ...(o.tier ? { serviceTier: o.tier } : {}) },
    stream: o.stream,
    onServedTier: (t) => (served = t),
  };
  await gateway().generate(call);
  return served;
}

const generative = () => fake.requests.filter((r) => r.action === 'generateContent' || r.action === 'streamGenerateContent');

describe('service tiers on the wire', () => {
  for (const stream of [false, true]) {
    const how = stream ? 'streamed' : 'unstreamed';
    it(`Economy sends serviceTier "flex" and records the tier the header names (${how})`, async () => {
      expect(await send({ tier: 'flex', stream })).toBe('flex');
      expect(generative().map((r) => r.serviceTier)).toEqual(['flex']);
      expect((generative()[0]!.body as Record<string, unknown>).serviceTier).toBe('flex');
    });

    it(`Standard sends no serviceTier (Google's default) and the header says standard (${how})`, async () => {
      expect(await send({ stream })).toBe('standard');
      expect(generative()[0]!.serviceTier).toBeUndefined();
    });

    it(`a Priority call Google downgrades is recorded as served at Standard (${how})`, async () => {
      fake.tiers.downgradePriority = true;
      expect(await send({ tier: 'priority', stream })).toBe('standard');
      expect(generative()[0]!.serviceTier).toBe('priority');
    });
  }

  it('a shed Flex call (503) is an AppError marked flexShed, in words a person reads', async () => {
    fake.tiers.shedFlex = 1;
    const err = await send({ tier: 'flex', stream: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).extra.flexShed).toBe(true);
    expect((err as AppError).message).toMatch(/Economy \(Flex\).*half price/);
    // Shed only once: the next Flex call is served.
    expect(await send({ tier: 'flex', stream: false })).toBe('flex');
  });

  it('on a Flex call, a 429 that speaks of capacity is a shed, while a rate limit stays a rate limit', async () => {
    fake.enqueue({ kind: 'error', status: 429, bare: true, message: 'The Flex tier is out of capacity right now.' });
    const shed = (await send({ tier: 'flex', stream: false }).catch((e: unknown) => e)) as AppError;
    expect(shed.extra.flexShed).toBe(true);
    fake.enqueue({ kind: 'error', status: 429, retryDelaySeconds: 7 });
    const limited = (await send({ tier: 'flex', stream: false }).catch((e: unknown) => e)) as AppError;
    expect(limited.code).toBe('quota');
    expect(limited.extra.flexShed).toBeUndefined();
    expect(limited.extra.retryAfterMs).toBe(7_000);
  });

  it('a Standard call that answers 503 is not a shed', async () => {
    fake.enqueue({ kind: 'error', status: 503 });
    const err = (await send({ stream: false }).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('server');
    expect(err.extra.flexShed).toBeUndefined();
  });

  it('the fake refuses Flex on Lite, as its model card says', async () => {
    const err = (await send({ tier: 'flex', stream: false, model: LITE }).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(/flex is not supported/i);
  });
});

/**
 * `POST /{ver}/models/{model}:generateContent`: validate (§11 item 4) → plan the turn →
 * quota (§6.2) → flap → scripted outcome → latency → body. Validation runs before an outcome is
 * consumed, so a test's queued outcome is never eaten by a request the real server would have
 * rejected anyway; the quota check comes next for the same reason (a 429 is the front door's
 * answer, before any model work), then a flap, and only an admitted request takes an outcome —
 * which may still be a scripted error: quota and scripting compose, quota first.
 */
import { type FakeState, type Handler, type Reply, json, sleep } from './context';
import { invalidArgument, modelNotFound, quotaViolationError, scriptedError } from './errors';
import { brokenReply } from './hostile';
import { sampleLatency } from './latency';
import { type FakeModel, type ImageOutputSpec, sortedRatios } from './models';
import { imageSize as readImageSize } from './png';
import {
  type GenerateRequest,
  type HttpRequest,
  allText,
  inputImageParts,
  lastUserImage,
  hasGoogleSearch,
  lastUserText,
  parseGenerateRequest,
} from './request';
import {
  type ImagePlan,
  type Turn,
  finalImageCount,
  imageBlockedResponse,
  noImageResponse,
  promptBlockedResponse,
  successResponse,
  textOnlyResponse,
} from './responses';
import { brokenStream, sseReply, streamEvents } from './stream';
import type { Outcome } from './types';
import { SERVED_TIER_HEADER, checkTierAllowed, flexShedError, requestedTier, servedTier } from './tiers';

/** §4.2 escape hatches: the Gemini API's documented dummy, and the Vertex spelling clients also send. */
export const DUMMY_SIGNATURES: ReadonlySet<string> = new Set([
  'context_engineering_is_the_way_to_go',
  'skip_thought_signature_validator',
]);

/** 404 for unknown and retired ids alike (§3.2), worded with the version the caller used. */
export function requireModel(state: FakeState, id: string | undefined, apiVersion: string, method: string): FakeModel {
  const model = id ? state.models.get(id) : undefined;
  if (!model || !model.supportedGenerationMethods.includes(method)) throw modelNotFound(id ?? '', apiVersion, method);
  return model;
}

export function parseBody(req: HttpRequest, apiVersion: string): GenerateRequest {
  if (req.bodyError !== undefined) {
    throw invalidArgument(`Invalid JSON payload received. ${req.bodyError}`);
  }
  return parseGenerateRequest(req.body, apiVersion);
}

export const generateContent: Handler = (state, req, params, signal) => generate(state, req, params, signal, false);
/** wire §9: the same pipeline, answered as SSE events. */
export const streamGenerateContent: Handler = (state, req, params, signal) => generate(state, req, params, signal, true);

async function generate(state: FakeState, req: HttpRequest, params: Parameters<Handler>[2], signal: AbortSignal, stream: boolean): Promise<Reply> {
  const model = requireModel(state, params.model, params.apiVersion, 'generateContent');
  const turn = await prepareTurn(state, model, parseBody(req, params.apiVersion));
  const tier = requestedTier(req.body);
  checkTierAllowed(model, tier);
  const wantsImage = turn.image !== undefined;

  // Front door (§3.2 / §6.2): answered at once, no latency, not counted, no outcome consumed.
  const now = state.clock.now();
  const violations = state.quota.check(model.id, now, wantsImage);
  if (violations.length > 0) {
    state.quota.noteRejected(model.id);
    throw quotaViolationError(model.id, violations);
  }

  const delay = sampleLatency(state.latencies.for(model.id, state.latencyMs), state.random.latency) + (tier === 'flex' ? state.tiers.flexLatencyMs : 0);
  if (tier === 'flex' && state.tiers.shedFlex > 0) {
    // Shed after waiting its turn, like a real best-effort call; not counted against quota.
    state.tiers.shedFlex--;
    if (!(await sleep(state.clock, delay, signal))) return { type: 'none' };
    throw flexShedError();
  }
  const flap = state.flaps.roll(model.id, state.random.flaps);
  if (flap !== undefined) {
    // A backend failure: takes its time like any call, but never counts against quota.
    state.quota.noteFlapped(model.id);
    if (!(await sleep(state.clock, delay, signal))) return { type: 'none' };
    throw scriptedError(flap, { model: model.id, apiVersion: params.apiVersion });
  }

  const admission = state.quota.admit(model.id, now, wantsImage);
  const outcome = state.script.next(model.id);
  let images = 0;
  // Streamed, the thoughts come after a quarter of the latency and the image at the end.
  const before = stream ? Math.round(delay / 4) : delay;
  try {
    if (!(await sleep(state.clock, before, signal))) return { type: 'none' };
    const selfUrl = `http://${req.headers['host'] ?? '127.0.0.1'}${req.path}`;
    const reply = await perform(outcome, turn, params.apiVersion, signal, stream ? { restMs: delay - before } : null, selfUrl);
    images = finalImageCount(turn, outcome);
    return withServedTier(reply, servedTier(tier, state.tiers));
  } finally {
    // IPM counts images actually returned (§6.2); errors, blocks and aborts return none.
    admission.settleImages(images);
  }
};

/** The header naming the tier that served the call, on every answer that has headers of its own. */
function withServedTier(reply: Reply, tier: string): Reply {
  if (reply.type === 'json' || reply.type === 'sse') return { ...reply, headers: { ...reply.headers, [SERVED_TIER_HEADER]: tier } };
  return reply;
}

/** Parse → plan → (strict) signature check: everything the real server rejects before generating. */
export async function prepareTurn(state: FakeState, model: FakeModel, request: GenerateRequest): Promise<Turn> {
  const turn = await planTurn(state, model, request);
  if (state.strictSignatures && model.thoughtSignatures) checkThoughtSignatures(request, state.issued, state.signedBy, model.id);
  return turn;
}

/** Outcomes that produce a body, i.e. everything but the transport-level ones. */
export type BodyOutcome = Exclude<Outcome, { kind: 'hang' } | { kind: 'drop' } | { kind: 'broken' } | { kind: 'streamBroken' }>;

/**
 * The GenerateContentResponse for an outcome (§2), or the RpcError it stands for (thrown).
 * Shared by generateContent and batch items so both answer with identical bytes.
 */
export async function outcomeBody(outcome: BodyOutcome, turn: Turn, apiVersion: string): Promise<Record<string, unknown>> {
  switch (outcome.kind) {
    case 'success':
      return successResponse(turn, outcome);
    case 'textOnly':
      return textOnlyResponse(turn, outcome.text);
    case 'noImage':
      return noImageResponse(turn, outcome.text);
    case 'imageBlocked':
      return imageBlockedResponse(turn, outcome.reason, outcome.contentShape);
    case 'promptBlocked':
      return promptBlockedResponse(turn, outcome.reason);
    case 'error':
      throw scriptedError(outcome.status, { model: turn.model.id, apiVersion }, outcome);
  }
}

async function perform(outcome: Outcome, turn: Turn, apiVersion: string, signal: AbortSignal, stream: { restMs: number } | null, selfUrl: string): Promise<Reply> {
  switch (outcome.kind) {
    case 'broken':
      return brokenReply(outcome.how, outcome.location, selfUrl, stream !== null);
    case 'streamBroken': {
      const body = await successResponse(turn, { images: 1 });
      if (!stream) return json(body);
      return brokenStream(streamEvents(body), outcome.how, 0);
    }
    case 'hang':
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      return { type: 'none' };
    case 'drop':
      return { type: 'drop' };
    default: {
      const body = await outcomeBody(outcome, turn, apiVersion);
      return stream ? sseReply(streamEvents(body), 0, stream.restMs) : json(body);
    }
  }
}

export async function planTurn(state: FakeState, model: FakeModel, request: GenerateRequest): Promise<Turn> {
  // §1.2: image models answer with text and image unless told otherwise.
  const modalities = request.responseModalities ?? (model.image ? ['TEXT', 'IMAGE'] : ['TEXT']);
  const unsupported = modalities.filter((m) => m === 'AUDIO' || (m === 'IMAGE' && !model.image));
  if (unsupported.length > 0) {
    throw invalidArgument(
      `Model does not support the requested response modalities: ${[...new Set(unsupported)].map((m) => m.toLowerCase()).join(', ')}`,
    );
  }
  // §1.2: third-party reports of 400 for any thinkingConfig on a non-thinking model.
  if (request.thinkingConfig && !model.thinking) throw invalidArgument('Thinking is not enabled for this model');
  const level = request.thinkingConfig?.thinkingLevel?.toUpperCase();
  if (level !== undefined && model.thinkingLevels !== undefined && !model.thinkingLevels.includes(level)) {
    throw invalidArgument(
      model.thinkingLevels.length === 0
        ? 'Thinking level is not supported for this model.'
        : `* GenerateContentRequest.generation_config.thinking_config.thinking_level: thinking_level must be ${oneOf(model.thinkingLevels)} (got '${level}').\n`,
    );
  }
  const search = hasGoogleSearch(request);
  if (search && model.grounding === 'none') throw invalidArgument('Search Grounding is not supported for this model.');
  const searchTypes = search?.searchTypes as Record<string, unknown> | undefined;
  if (searchTypes && 'imageSearch' in searchTypes && model.grounding === 'web') {
    throw invalidArgument('Image Search is not supported for this model.');
  }

  let image: ImagePlan | undefined;
  if (model.image) {
    const spec = model.image;
    validateImageConfig(spec, request);
    if (modalities.includes('IMAGE')) {
      const aspectRatio = request.aspectRatio ?? (await ratioFromInput(spec, request));
      const imageSize = request.imageSize ?? spec.defaultImageSize;
      image = {
        aspectRatio,
        imageSize,
        dims: spec.pixels[aspectRatio]![imageSize]!,
        tokens: spec.outputTokens[imageSize] ?? 0,
      };
    }
  }

  return {
    model,
    request,
    prompt: lastUserText(request),
    ...(image ? { image } : {}),
    wantsText: modalities.includes('TEXT'),
    includeThoughts: request.thinkingConfig?.includeThoughts === true,
    promptTokens: {
      text: Math.max(1, Math.ceil(allText(request).length / 4)),
      image: inputImageParts(request).length * model.inputImageTokens,
    },
    sign: () => state.sign(model.id),
    prerendered: state.prerenderedImages,
  };
}

function oneOf(values: readonly string[]): string {
  const q = values.map((v) => `'${v}'`);
  return q.length <= 1 ? (q[0] ?? "''") : `one of ${q.slice(0, -1).join(', ')}, or ${q[q.length - 1]}`;
}

/**
 * Texts modelled on the real field-violation format ("* GenerateContentRequest.<path>: …\n"),
 * with the offending value appended so a failing test says what it sent.
 */
function validateImageConfig(spec: ImageOutputSpec, request: GenerateRequest): void {
  const { aspectRatio, imageSize } = request;
  if (aspectRatio !== undefined && !(aspectRatio in spec.pixels)) {
    throw invalidArgument(
      `* GenerateContentRequest.generation_config.image_config.aspect_ratio: aspect_ratio must be ${oneOf(sortedRatios(spec))}` +
        ` (got '${aspectRatio}').\n`,
    );
  }
  if (imageSize !== undefined) {
    if (spec.imageSizes.length === 0) throw invalidArgument('Image size is not enabled for this model');
    // §1.2 / §10: upper-case K only; "1k" and "512px" are not accepted values.
    if (!spec.imageSizes.includes(imageSize)) {
      throw invalidArgument(
        `* GenerateContentRequest.generation_config.image_config.image_size: image_size must be ${oneOf(spec.imageSizes)}` +
          ` (got '${imageSize}').\n`,
      );
    }
  }
}

/** §5.1: with an input image and no aspectRatio the output follows the input's shape; else 1:1. */
async function ratioFromInput(spec: ImageOutputSpec, request: GenerateRequest): Promise<string> {
  const fallback = '1:1' in spec.pixels ? '1:1' : Object.keys(spec.pixels)[0]!;
  const img = lastUserImage(request);
  if (!img) return fallback;
  const size = await readImageSize(img);
  if (!size) return fallback;
  const target = Math.log(size.width / size.height);
  let best = fallback;
  let bestDist = Infinity;
  for (const r of Object.keys(spec.pixels)) {
    const [w, h] = r.split(':').map(Number) as [number, number];
    const dist = Math.abs(Math.log(w / h) - target);
    if (dist < bestDist - 1e-9) {
      best = r;
      bestDist = dist;
    }
  }
  return best;
}

/**
 * §4.2 strict mode. Consecutive `model` contents form one turn (the SDK's streaming Chat stores
 * one Content per chunk, §4.1), so "first non-thought part" is counted per turn, not per Content.
 * Positions in the message are 1-based.
 */
export function checkThoughtSignatures(
  request: GenerateRequest,
  issued: ReadonlySet<string>,
  /** Which model issued each signature: one model's signatures mean nothing to another (§4.2). */
  signedBy?: ReadonlyMap<string, string>,
  modelId?: string,
): void {
  let turnNeedsFirst = true;
  let previousRole = '';
  request.contents.forEach((content, ci) => {
    if (content.role !== 'model') {
      previousRole = content.role;
      return;
    }
    if (previousRole !== 'model') turnNeedsFirst = true;
    previousRole = 'model';
    content.parts.forEach((part, pi) => {
      if (part.thought) return;
      const required = turnNeedsFirst || part.inlineData !== undefined || part.fileData !== undefined;
      turnNeedsFirst = false;
      const sig = part.thoughtSignature;
      if (sig === undefined || sig === '') {
        if (!required) return;
        const kind = part.inlineData || part.fileData ? 'Image' : part.functionCall ? 'Function call' : 'Text';
        throw invalidArgument(
          `${kind} part is missing a thought_signature in content position ${ci + 1}, part position ${pi + 1}. ` +
            'Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures#model-behavior for more details.',
        );
      }
      if (!issued.has(sig) && !DUMMY_SIGNATURES.has(sig)) {
        throw invalidArgument('Corrupted thought signature.');
      }
      const issuer = signedBy?.get(sig);
      if (issuer !== undefined && modelId !== undefined && issuer !== modelId) {
        throw invalidArgument(
          `Thought signature in content position ${ci + 1}, part position ${pi + 1} was not issued by this model. ` +
            'Signatures cannot be carried over when a conversation moves to another model.',
        );
      }
    });
  });
}

/**
 * GenerateContentResponse bodies (wire §2), one builder per scripted outcome. Shapes, part
 * order, signature placement and usage arithmetic follow §2.3–§2.8; the numbers are fake but
 * internally consistent so cost/usage code can be tested against them.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Dim, FakeModel } from './models';
import { colourFor, makePng, toJpeg, type Rgb } from './png';
import { rememberDrawn } from './embed';
import { hasGoogleSearch, type GenerateRequest } from './request';
import type { ImageBlockReason, PromptBlockReason } from './types';

/** The `signed` format's bytes: a PNG with a manifest signed by c2pa-rs's test certificate (test/fixtures/c2pa/README.md). */
export const SIGNED_IMAGE = path.join(__dirname, '../fixtures/c2pa/signed.png');

export interface ImagePlan {
  aspectRatio: string;
  imageSize: string;
  dims: Dim;
  /** Output tokens per final image (§5.1). */
  tokens: number;
}

/** Everything a builder needs about the request being answered. */
export interface Turn {
  model: FakeModel;
  request: GenerateRequest;
  /** Last user text; seeds colours, commentary and search queries. */
  prompt: string;
  /** Undefined when the answer cannot contain images (text model, or IMAGE not requested). */
  image?: ImagePlan;
  wantsText: boolean;
  includeThoughts: boolean;
  promptTokens: { text: number; image: number };
  /** Issues (and records) a fresh opaque thought signature. */
  sign(): string;
  /** Serve the picture drawn once per size and kind (see FakeGemini.prerenderedImages). */
  prerendered: boolean;
}

export interface ResponsePart {
  text?: string;
  inlineData?: { mimeType: string; data: string };
  thought?: boolean;
  thoughtSignature?: string;
}

type Json = Record<string, unknown>;

const textTokens = (s: string): number => (s === '' ? 0 : Math.ceil(s.length / 4));
const short = (s: string, n: number): string => (s.length > n ? s.slice(0, n) : s);

function seedNumber(seed: string, min: number, max: number): number {
  const h = createHash('sha256').update(seed).digest();
  return min + (h.readUInt32BE(0) % (max - min + 1));
}

/** Thinking models always think (§1.2: it cannot be switched off), so they always bill thoughts. */
const thoughtTokens = (t: Turn): number => (t.model.thinking ? seedNumber(`thoughts:${t.prompt}`, 160, 400) : 0);

function envelope(t: Turn, body: Json): Json {
  return {
    ...body,
    modelVersion: t.model.id,
    // Real ids are ~23 url-safe base64 characters (§2.1).
    responseId: randomBytes(17).toString('base64url'),
  };
}

interface UsageInput {
  candidateText?: number;
  candidateImage?: number;
  thoughts?: number;
  toolUse?: number;
}

/** §2.7: zero fields omitted; candidatesTokensDetails lists only IMAGE when an image was made. */
function usageMetadata(t: Turn, u: UsageInput): Json {
  const prompt = t.promptTokens.text + t.promptTokens.image;
  const cText = u.candidateText ?? 0;
  const cImage = u.candidateImage ?? 0;
  const candidates = cText + cImage;
  const thoughts = u.thoughts ?? 0;
  const toolUse = u.toolUse ?? 0;
  const usage: Json = { promptTokenCount: prompt };
  if (candidates > 0) usage.candidatesTokenCount = candidates;
  if (thoughts > 0) usage.thoughtsTokenCount = thoughts;
  if (toolUse > 0) usage.toolUsePromptTokenCount = toolUse;
  usage.totalTokenCount = prompt + candidates + thoughts + toolUse;
  const promptDetails: Json[] = [{ modality: 'TEXT', tokenCount: t.promptTokens.text }];
  if (t.promptTokens.image > 0) promptDetails.push({ modality: 'IMAGE', tokenCount: t.promptTokens.image });
  usage.promptTokensDetails = promptDetails;
  if (cImage > 0) usage.candidatesTokensDetails = [{ modality: 'IMAGE', tokenCount: cImage }];
  else if (cText > 0) usage.candidatesTokensDetails = [{ modality: 'TEXT', tokenCount: cText }];
  return usage;
}

/**
 * §2.3 (Gemini 3): the first non-thought part and every non-thought image carry a signature;
 * thought parts never do.
 */
function applySignatures(t: Turn, parts: ResponsePart[]): ResponsePart[] {
  if (!t.model.thoughtSignatures) return parts;
  let first = true;
  for (const p of parts) {
    if (p.thought) continue;
    if (first || p.inlineData) p.thoughtSignature = t.sign();
    first = false;
  }
  return parts;
}

const PRERENDERED_COLOUR: Rgb = { r: 70, g: 96, b: 140 };

function darker(c: Rgb): Rgb {
  return { r: Math.round(c.r * 0.45), g: Math.round(c.g * 0.45), b: Math.round(c.b * 0.45) };
}

/** The images sent with the last user turn, and the @Names in its words. */
function referencesOf(t: Turn): { count: number; names: string[] } {
  const contents = (t.request as { contents?: Array<{ role?: string; parts?: Array<{ inlineData?: unknown; text?: string }> }> }).contents ?? [];
  const last = [...contents].reverse().find((c) => c.role !== 'model');
  const parts = last?.parts ?? [];
  const words = parts.map((p) => p.text ?? '').join(' ');
  return { count: parts.filter((p) => p.inlineData).length, names: [...new Set(words.match(/@[^\s@,.;:!?]+/g) ?? [])] };
}

async function imagePart(t: Turn, plan: ImagePlan, kind: 'final' | 'thought', index: number): Promise<ResponsePart> {
  const seed = index === 0 ? t.prompt : `${t.prompt}#${index + 1}`;
  const { width, height } = plan.dims;
  const text: Record<string, string> = {
    'fake-gemini:prompt': t.prompt,
    'fake-gemini:model': t.model.id,
    'fake-gemini:aspect-ratio': plan.aspectRatio,
    'fake-gemini:image-size': plan.imageSize,
    'fake-gemini:kind': kind,
    'fake-gemini:index': String(index),
  };
  // Prerendered: the label and colour name the size, not the prompt, so makePng's cache serves
  // one drawing; a per-answer nonce keeps every file distinct even for a repeated prompt, so no
  // content-addressed shortcut in the client can skip the work a real answer costs.
  if (t.prerendered) text['fake-gemini:answer'] = randomBytes(8).toString('hex');
  // The references honoured enough to show (issue 18 §3): how many images came with the last
  // user turn, and the @Names its text used, printed on the card and kept in its metadata.
  const refs = referencesOf(t);
  if (refs.count > 0) text['fake-gemini:references'] = `${refs.count}${refs.names.length ? ` ${refs.names.join(', ')}` : ''}`;
  const label = t.prerendered ? `${plan.imageSize} ${plan.aspectRatio}` : t.prompt || '(no prompt)';
  const colour = t.prerendered ? PRERENDERED_COLOUR : colourFor(seed);
  const png = await makePng({
    width,
    height,
    background: kind === 'thought' ? darker(colour) : colour,
    label: kind === 'thought' ? `draft: ${label}` : label,
    caption: `${t.prerendered ? 'prerendered' : t.model.id} · ${plan.aspectRatio} · ${plan.imageSize} · ${width}×${height}${index > 0 ? ` · #${index + 1}` : ''}${refs.count > 0 ? ` · ${refs.count} ref${refs.count === 1 ? '' : 's'}${refs.names.length ? `: ${refs.names.join(', ')}` : ''}` : ''}`,
    text,
  });
  if (kind === 'final' && !t.prerendered) rememberDrawn(png, t.prompt);
  const part: ResponsePart = { inlineData: { mimeType: 'image/png', data: png.toString('base64') } };
  if (kind === 'thought') part.thought = true;
  return part;
}

function thoughtText(t: Turn): ResponsePart {
  return {
    text:
      '**Planning the composition**\n' +
      `I'm working out how to depict "${short(t.prompt, 80)}". ` +
      'I will settle the framing first, then the palette and lighting, before rendering the final image.',
    thought: true,
  };
}

/** §2.6, shaped like a real grounded answer: a rendered chip, redirect-URL chunks, queries. */
function groundingMetadata(t: Turn, textPartIndex: number | undefined, commentary: string): Json | undefined {
  const gs = hasGoogleSearch(t.request);
  if (!gs) return undefined;
  const query = t.prompt.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean).slice(0, 8).join(' ');
  const queries = [query || 'image reference'];
  const redirect = (i: number): string =>
    'https://vertexaisearch.cloud.google.com/grounding-api-redirect/' +
    createHash('sha256').update(`${t.prompt}:${i}`).digest('base64url').slice(0, 40);
  const chunks: Json[] = [
    { web: { uri: redirect(0), title: 'wikipedia.org' } },
    { web: { uri: redirect(1), title: 'example.com' } },
  ];
  const meta: Json = {
    searchEntryPoint: {
      renderedContent:
        '<style>.container{display:flex;align-items:center;border-radius:16px;padding:4px 12px;' +
        'background:#f2f2f2;font-family:Roboto,Arial,sans-serif;font-size:14px}.chip{color:#1a73e8;' +
        'text-decoration:none;margin-left:8px}</style><div class="container"><span>Google</span>' +
        queries.map((q) => `<a class="chip" href="https://www.google.com/search?q=${encodeURIComponent(q)}">${escapeHtml(q)}</a>`).join('') +
        '</div>',
    },
    groundingChunks: chunks,
    webSearchQueries: queries,
  };
  if (textPartIndex !== undefined && commentary !== '') {
    meta.groundingSupports = [
      {
        segment: { startIndex: 0, endIndex: Buffer.byteLength(commentary), partIndex: textPartIndex, text: commentary },
        groundingChunkIndices: [0, 1],
        confidenceScores: [0.93, 0.71],
      },
    ];
  }
  // §2.6: 3.1 Flash's image search adds image chunks and imageSearchQueries.
  const searchTypes = gs.searchTypes as Record<string, unknown> | undefined;
  if (searchTypes && typeof searchTypes === 'object' && 'imageSearch' in searchTypes) {
    chunks.push({
      image: {
        imageUri: `https://images.example.com/${encodeURIComponent(queries[0]!)}.jpg`,
        sourceUri: redirect(2),
        title: 'example.com',
        domain: 'example.com',
      },
    });
    meta.imageSearchQueries = queries;
  }
  return meta;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const toolUseTokens = (t: Turn): number => (hasGoogleSearch(t.request) ? seedNumber(`search:${t.prompt}`, 200, 400) : 0);

function candidate(content: Json | undefined, finishReason: string, extra: Json = {}): Json {
  const c: Json = {};
  if (content !== undefined) c.content = content;
  c.finishReason = finishReason;
  Object.assign(c, extra);
  c.index = 0;
  return c;
}

export function defaultCommentary(t: Turn): string {
  return t.image ? `Here is your image: ${short(t.prompt, 60)}` : `Fake answer from ${t.model.id}: ${short(t.prompt, 60)}`;
}

/** Final (non-thought) images an outcome puts in the answer — what IPM quota counts (§6.2). */
export function finalImageCount(t: Turn, outcome: { kind: string; images?: number }): number {
  return outcome.kind === 'success' && t.image ? (outcome.images ?? 1) : 0;
}

export interface SuccessOptions {
  images?: number;
  text?: string | null;
  format?: 'png' | 'jpeg' | 'corrupt' | 'signed';
  mimeType?: string;
  usage?: Record<string, unknown>;
  finishReason?: string | null;
}

export async function successResponse(t: Turn, opts: SuccessOptions): Promise<Json> {
  const parts: ResponsePart[] = [];
  const plan = t.image;
  const finalImages = finalImageCount(t, { kind: 'success', ...opts });
  if (t.includeThoughts && t.model.thinking) {
    parts.push(thoughtText(t));
    if (plan && finalImages > 0) parts.push(await imagePart(t, plan, 'thought', 0));
  }
  const commentary = t.wantsText && opts.text !== null ? (opts.text ?? defaultCommentary(t)) : '';
  const textIndex = commentary !== '' ? parts.length : undefined;
  if (commentary !== '') parts.push({ text: commentary });
  for (let i = 0; plan && i < finalImages; i++) {
    const part = await imagePart(t, plan, 'final', i);
    if (opts.format === 'jpeg') part.inlineData!.data = (await toJpeg(Buffer.from(part.inlineData!.data, 'base64'))).toString('base64');
    if (opts.format === 'corrupt') part.inlineData!.data = Buffer.from(part.inlineData!.data, 'base64').subarray(0, 64).toString('base64');
    if (opts.format === 'signed') part.inlineData!.data = (await fs.promises.readFile(SIGNED_IMAGE)).toString('base64');
    if (opts.mimeType !== undefined) part.inlineData!.mimeType = opts.mimeType;
    else if (opts.format === 'jpeg') part.inlineData!.mimeType = 'image/jpeg';
    parts.push(part);
  }
  applySignatures(t, parts);

  const toolUse = toolUseTokens(t);
  const grounding = groundingMetadata(t, textIndex, commentary);
  const c = candidate({ role: 'model', parts }, opts.finishReason ?? 'STOP', grounding ? { groundingMetadata: grounding } : {});
  if (opts.finishReason === null) delete c.finishReason;
  return envelope(t, {
    candidates: [c],
    usageMetadata: {
      ...usageMetadata(t, {
        candidateText: textTokens(commentary),
        candidateImage: plan ? finalImages * plan.tokens : 0,
        thoughts: thoughtTokens(t),
        toolUse,
      }),
      ...opts.usage,
    },
  });
}

export function textOnlyResponse(t: Turn, text?: string): Json {
  const answer =
    text ?? `I can't create that exact image yet. Could you tell me more about what you'd like to see in "${short(t.prompt, 60)}"?`;
  const parts = applySignatures(t, [{ text: answer }]);
  return envelope(t, {
    candidates: [candidate({ role: 'model', parts }, 'STOP')],
    usageMetadata: usageMetadata(t, { candidateText: textTokens(answer), thoughts: thoughtTokens(t) }),
  });
}

export function noImageResponse(t: Turn, text?: string | null): Json {
  const answer = text === null ? '' : (text ?? 'I was unable to generate an image for this request.');
  const content: Json = { role: 'model' };
  if (answer !== '') content.parts = applySignatures(t, [{ text: answer }]);
  return envelope(t, {
    candidates: [candidate(content, 'NO_IMAGE')],
    usageMetadata: usageMetadata(t, { candidateText: textTokens(answer), thoughts: thoughtTokens(t) }),
  });
}

/** §2.4 finishMessage texts (dropped by the SDK converters; visible in the raw body). */
export const FINISH_MESSAGES: Record<ImageBlockReason, string> = {
  IMAGE_SAFETY:
    "Unable to show the generated image. The image was filtered out because it violated Google's Generative AI " +
    'Prohibited Use policy. You will not be charged for blocked images. Try rephrasing the prompt. ' +
    'If you think this was an error, send feedback.',
  IMAGE_PROHIBITED_CONTENT:
    'Unable to show the generated image due to interests of third-party content providers. ' +
    'You will not be charged for blocked images. Try rephrasing the prompt. Support code: 60218418',
  IMAGE_RECITATION:
    'Unable to show the generated image. The image was filtered out because it is too similar to existing content. ' +
    'You will not be charged for blocked images. Try rephrasing the prompt.',
  IMAGE_OTHER:
    'Unable to show the generated image. The model could not generate the image based on the prompt provided. ' +
    'You will not be charged for this request. Try rephrasing the prompt.',
};

export function imageBlockedResponse(
  t: Turn,
  reason: ImageBlockReason = 'IMAGE_SAFETY',
  shape: 'absent' | 'empty' | 'roleOnly' | 'emptyParts' = 'roleOnly',
): Json {
  const content: Json | undefined =
    shape === 'absent' ? undefined : shape === 'empty' ? {} : shape === 'roleOnly' ? { role: 'model' } : { role: 'model', parts: [] };
  return envelope(t, {
    candidates: [candidate(content, reason, { finishMessage: FINISH_MESSAGES[reason] })],
    usageMetadata: usageMetadata(t, {}),
  });
}

export function promptBlockedResponse(t: Turn, reason: PromptBlockReason = 'PROHIBITED_CONTENT'): Json {
  const feedback: Json = { blockReason: reason };
  if (reason !== 'OTHER' && reason !== 'BLOCKLIST') {
    feedback.safetyRatings = [
      { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'HIGH', ...(reason === 'SAFETY' ? { blocked: true } : {}) },
      { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
      { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
      { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'NEGLIGIBLE' },
    ];
  }
  return envelope(t, { promptFeedback: feedback, usageMetadata: usageMetadata(t, {}) });
}

/**
 * `embedContent` / `batchEmbedContents` for gemini-embedding-2, deterministic and with meaning:
 * - a text embeds from its words (each word a fixed pseudo-random direction, summed, normalised);
 * - an image this fake drew embeds from the words of the prompt it drew (known by the sha256 of
 *   the bytes it sent), so "lighthouse" really finds the lighthouse pictures;
 * - any other photo embeds from the name of its mean colour ("red", "blue"…) and "photo".
 * Limits as documented for the model: output size 128–3072 (default 3072), at most 6 images in
 * one content (Vertex AI's model page: "Maximum images per prompt: 6").
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import { type FakeState, type Handler, json, type Reply, type RouteParams } from './context';
import { invalidArgument, modelNotFound, scriptedError } from './errors';

export const EMBEDDING_MODELS = ['gemini-embedding-2'];
const DEFAULT_DIMENSIONS = 3072;
const MAX_IMAGES_PER_CONTENT = 6;

/** sha256 of every final image this process's fakes drew → its prompt. */
const drawn = new Map<string, string>();

export function rememberDrawn(png: Buffer, prompt: string): void {
  drawn.set(crypto.createHash('sha256').update(png).digest('hex'), prompt);
}

const STOP = new Set(['a', 'an', 'the', 'of', 'at', 'in', 'on', 'and', 'with', 'to', 'for', 'by', 'is', 'photo', 'image', 'picture']);

export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
}

/** A word's direction: a seeded stream of ±1s, the same in every run. */
function direction(word: string, dims: number): Float64Array {
  const out = new Float64Array(dims);
  let block = Buffer.alloc(0);
  for (let i = 0, n = 0; i < dims; i++) {
    if (i % 256 === 0) block = crypto.createHash('sha256').update(`${word}#${n++}`).digest();
    out[i] = (block[(i % 256) >> 3]! >> (i % 8)) & 1 ? 1 : -1;
  }
  return out;
}

export function embedWords(words: readonly string[], dims: number): number[] {
  const sum = new Float64Array(dims);
  for (const w of words.length ? words : ['(empty)']) {
    const d = direction(w, dims);
    for (let i = 0; i < dims; i++) sum[i]! += d[i]!;
  }
  const norm = Math.hypot(...sum) || 1;
  return Array.from(sum, (v) => v / norm);
}

const COLOURS: Array<[string, [number, number, number]]> = [
  ['red', [200, 40, 40]], ['orange', [230, 140, 40]], ['yellow', [230, 210, 60]], ['green', [60, 160, 70]],
  ['blue', [50, 90, 200]], ['purple', [130, 60, 170]], ['pink', [230, 130, 180]], ['brown', [120, 80, 50]],
  ['black', [20, 20, 20]], ['white', [240, 240, 240]], ['grey', [128, 128, 128]],
];

async function wordsOfImage(bytes: Buffer): Promise<string[]> {
  const prompt = drawn.get(crypto.createHash('sha256').update(bytes).digest('hex'));
  if (prompt !== undefined) return wordsOf(prompt);
  try {
    const { channels } = await sharp(bytes).stats();
    const mean = channels.slice(0, 3).map((c) => c.mean);
    const [name] = COLOURS.reduce((best, c) => {
      const d = c[1].reduce((s, v, i) => s + (v - mean[i]!) ** 2, 0);
      return d < best[1] ? [c[0], d] : best;
    }, ['grey', Infinity] as [string, number]);
    return [name];
  } catch {
    throw invalidArgument('Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
  }
}

interface Part {
  text?: string;
  inlineData?: { mimeType?: string; data?: string };
}

async function embedOne(content: unknown, dims: number): Promise<number[]> {
  const parts = ((content as { parts?: Part[] } | undefined)?.parts ?? []) as Part[];
  if (!parts.length) throw invalidArgument('* EmbedContentRequest.content: contents is not specified\n');
  const images = parts.filter((p) => p.inlineData);
  if (images.length > MAX_IMAGES_PER_CONTENT) throw invalidArgument(`At most ${MAX_IMAGES_PER_CONTENT} images are allowed per content (got ${images.length}).`);
  const words: string[] = [];
  for (const p of parts) {
    if (p.text) words.push(...wordsOf(p.text));
    if (p.inlineData?.data) words.push(...(await wordsOfImage(Buffer.from(p.inlineData.data, 'base64'))));
  }
  return embedWords(words, dims);
}

function dimensionsOf(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_DIMENSIONS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 128 || n > 3072) throw invalidArgument(`* EmbedContentRequest.output_dimensionality: must be between 128 and 3072 (got ${String(value)}).\n`);
  return n;
}

function checkModel(model: string | undefined, apiVersion: string, method: string): void {
  if (!model || !EMBEDDING_MODELS.includes(model)) throw modelNotFound(model ?? '', apiVersion, method);
}

/**
 * A scripted failure addressed to the embedding model: an error (`enqueue({ kind: 'error', status:
 * 429, model: 'gemini-embedding-2' })`) or a dropped connection (`kind: 'drop'`, the network gone).
 */
function scriptedFailure(state: FakeState, params: RouteParams): Reply | undefined {
  const o = state.script.takeNamed(params.model!);
  if (o?.kind === 'error') throw scriptedError(o.status, { model: params.model!, apiVersion: params.apiVersion }, o);
  return o?.kind === 'drop' ? { type: 'drop' } : undefined;
}

export const embedContent: Handler = async (state, req, params) => {
  checkModel(params.model, params.apiVersion, 'embedContent');
  const failure = scriptedFailure(state, params);
  if (failure) return failure;
  const body = (req.body ?? {}) as { content?: unknown; outputDimensionality?: unknown; output_dimensionality?: unknown };
  return json({ embedding: { values: await embedOne(body.content, dimensionsOf(body.outputDimensionality ?? body.output_dimensionality)) } });
};

export const batchEmbedContents: Handler = async (state, req, params) => {
  checkModel(params.model, params.apiVersion, 'batchEmbedContents');
  const failure = scriptedFailure(state, params);
  if (failure) return failure;
  const requests = ((req.body ?? {}) as { requests?: Array<{ model?: string; content?: unknown; outputDimensionality?: unknown }> }).requests ?? [];
  if (!requests.length) throw invalidArgument('* BatchEmbedContentsRequest.requests: requests is not specified\n');
  if (requests.length > 100) throw invalidArgument('* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n');
  const embeddings = [];
  for (const r of requests) embeddings.push({ values: await embedOne(r.content, dimensionsOf(r.outputDimensionality)) });
  return json({ embeddings });
};

/**
 * Turning bytes into something handlers can trust: the HTTP envelope (path, key, JSON body)
 * and the normalised GenerateContentRequest (wire §1).
 */
import type { IncomingMessage } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { invalidArgument } from './errors';

export interface HttpRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body; undefined when empty or unparseable. */
  body: unknown;
  /** Set when a non-empty body was not valid JSON (reported as 400 by routes that take a body). */
  bodyError?: string;
  /** The body's bytes as sent (resumable upload chunks are not JSON). */
  raw: Buffer;
}

export interface ApiPath {
  apiVersion: string;
  model?: string;
  action?: string;
}

const MAX_BODY = 110 * 1024 * 1024; // §5.2: 100 MB inline request cap, plus JSON overhead.

export async function readHttpRequest(req: IncomingMessage): Promise<HttpRequest> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    const b = c as Buffer;
    size += b.length;
    if (size > MAX_BODY) throw invalidArgument('Request payload size exceeds the limit: 104857600 bytes.');
    chunks.push(b);
  }
  let raw = Buffer.concat(chunks);
  const encoding = headers['content-encoding'];
  try {
    if (encoding === 'gzip') raw = gunzipSync(raw);
    else if (encoding === 'deflate') raw = inflateSync(raw);
  } catch {
    throw invalidArgument(`Request body is not valid ${encoding} data.`);
  }

  const out: HttpRequest = { method: req.method ?? 'GET', path: url.pathname, query, headers, body: undefined, raw };
  // Upload chunks are bytes, not JSON: the upload route reads `raw` and ignores `body`.
  const isChunk = query['upload_id'] !== undefined;
  const text = isChunk ? '' : raw.toString('utf8');
  if (text.trim() !== '') {
    try {
      out.body = JSON.parse(text);
    } catch (e) {
      out.bodyError = e instanceof Error ? e.message : String(e);
    }
  }
  return out;
}

/** `/v1beta/models/gemini-3-pro-image:generateContent` → {apiVersion, model, action}. */
export function parseApiPath(path: string): ApiPath {
  const m = /^\/(?:upload\/|download\/)?(v1[a-z0-9]*)(?:\/|$)(.*)$/.exec(path);
  if (!m) return { apiVersion: '' };
  const out: ApiPath = { apiVersion: m[1]! };
  const rest = safeDecode(m[2] ?? '');
  const mm = /^(?:models|tunedModels)\/([^/:]+)(?::([A-Za-z]+))?$/.exec(rest);
  if (mm) {
    out.model = mm[1]!;
    if (mm[2]) out.action = mm[2];
  } else {
    const action = /:([A-Za-z]+)$/.exec(rest);
    if (action) out.action = action[1]!;
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The API key as Google's front end reads it (§0): header first, legacy `?key=` second. */
export function apiKeyOf(req: HttpRequest): string | undefined {
  const key = req.headers['x-goog-api-key'] ?? req.query['key'];
  return key && key.trim() !== '' ? key : undefined;
}

// ---------------------------------------------------------------------------------------------
// GenerateContentRequest

export interface Part {
  text?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: unknown;
}

export interface Content {
  role: 'user' | 'model';
  parts: Part[];
}

export interface ThinkingConfig {
  includeThoughts?: boolean;
  thinkingBudget?: number;
  thinkingLevel?: string;
}

export interface GenerateRequest {
  contents: Content[];
  systemInstruction?: Content;
  tools: Record<string, unknown>[];
  /** Upper-cased (§1.2: enum names match case-insensitively). */
  responseModalities?: string[];
  aspectRatio?: string;
  imageSize?: string;
  thinkingConfig?: ThinkingConfig;
}

/**
 * §0: the real server parses proto3 JSON, which accepts snake_case and camelCase field names
 * alike; normalising once here means nothing downstream has to care. (It would also rename
 * user-chosen keys inside function-declaration schemas — irrelevant to what this fake reads.)
 */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = camelizeKeys(v);
  }
  return out;
}

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
// Proto JSON bytes accept standard and URL-safe base64, padding optional.
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

const KNOWN_MODALITIES = new Set(['TEXT', 'IMAGE', 'AUDIO']);

export function parseGenerateRequest(body: unknown, apiVersion: string): GenerateRequest {
  if (!isObject(body)) throw invalidArgument('Invalid JSON payload received. Expected an object at the top level.');
  const b = camelizeKeys(body) as Record<string, unknown>;

  if (b.contents === undefined || (Array.isArray(b.contents) && b.contents.length === 0)) {
    throw invalidArgument('* GenerateContentRequest.contents: contents is not specified\n');
  }
  if (!Array.isArray(b.contents)) {
    throw invalidArgument(`Invalid value at 'contents' (type.googleapis.com/google.ai.generativelanguage.${apiVersion}.Content), expected a list`);
  }
  const contents = b.contents.map((c, i) => parseContent(c, `contents[${i}]`));

  const req: GenerateRequest = { contents, tools: [] };
  if (isObject(b.systemInstruction)) req.systemInstruction = parseContent(b.systemInstruction, 'system_instruction', true);
  if (Array.isArray(b.tools)) req.tools = b.tools.filter(isObject);

  const gc = isObject(b.generationConfig) ? b.generationConfig : {};
  if (gc.responseModalities !== undefined) {
    if (!Array.isArray(gc.responseModalities)) {
      throw invalidArgument(`Invalid value at 'generation_config.response_modalities', expected a list`);
    }
    req.responseModalities = gc.responseModalities.map((m, i) => {
      const up = typeof m === 'string' ? m.toUpperCase() : '';
      if (!KNOWN_MODALITIES.has(up)) {
        throw invalidArgument(
          `Invalid value at 'generation_config.response_modalities[${i}]' ` +
            `(type.googleapis.com/google.ai.generativelanguage.${apiVersion}.GenerationConfig.Modality), ${JSON.stringify(m)}`,
        );
      }
      return up;
    });
  }
  if (isObject(gc.imageConfig)) {
    const ic = gc.imageConfig;
    if (ic.aspectRatio !== undefined && ic.aspectRatio !== '') req.aspectRatio = String(ic.aspectRatio);
    if (ic.imageSize !== undefined && ic.imageSize !== '') req.imageSize = String(ic.imageSize);
  }
  if (isObject(gc.thinkingConfig)) {
    const tc = gc.thinkingConfig;
    const t: ThinkingConfig = {};
    if (typeof tc.includeThoughts === 'boolean') t.includeThoughts = tc.includeThoughts;
    if (typeof tc.thinkingBudget === 'number') t.thinkingBudget = tc.thinkingBudget;
    if (typeof tc.thinkingLevel === 'string') t.thinkingLevel = tc.thinkingLevel;
    req.thinkingConfig = t;
  }
  return req;
}

function parseContent(c: unknown, where: string, system = false): Content {
  if (!isObject(c)) throw invalidArgument(`Invalid value at '${where}', expected an object`);
  // §1.2: a missing role means user; the real server rejects anything but user/model.
  const role = typeof c.role === 'string' && c.role !== '' ? c.role.toLowerCase() : 'user';
  if (role !== 'user' && role !== 'model') throw invalidArgument('Please use a valid role: user, model.');
  const rawParts = Array.isArray(c.parts) ? c.parts : [];
  if (rawParts.length === 0 && !system) {
    throw invalidArgument(`* GenerateContentRequest.${where}.parts: contents.parts must not be empty.\n`);
  }
  const parts = rawParts.map((p, j): Part => {
    if (!isObject(p)) throw invalidArgument(`Invalid value at '${where}.parts[${j}]', expected an object`);
    const part: Part = {};
    if (typeof p.text === 'string') part.text = p.text;
    if (isObject(p.inlineData)) {
      const data = typeof p.inlineData.data === 'string' ? p.inlineData.data : '';
      if (!BASE64.test(data)) {
        throw invalidArgument(
          `Invalid value at '${where}.parts[${j}].inline_data.data' (TYPE_BYTES), Base64 decoding failed for ${JSON.stringify(data.slice(0, 40))}`,
        );
      }
      part.inlineData = { mimeType: typeof p.inlineData.mimeType === 'string' ? p.inlineData.mimeType : '', data };
    }
    if (isObject(p.fileData) && typeof p.fileData.fileUri === 'string') {
      part.fileData = { fileUri: p.fileData.fileUri };
      if (typeof p.fileData.mimeType === 'string') part.fileData.mimeType = p.fileData.mimeType;
    }
    if (p.thought === true) part.thought = true;
    if (typeof p.thoughtSignature === 'string') part.thoughtSignature = p.thoughtSignature;
    if (p.functionCall !== undefined) part.functionCall = p.functionCall;
    return part;
  });
  return { role, parts };
}

/** The text the user asked for most recently — what the picture is "of". */
export function lastUserText(req: GenerateRequest): string {
  for (let i = req.contents.length - 1; i >= 0; i--) {
    const c = req.contents[i]!;
    if (c.role !== 'user') continue;
    const text = c.parts
      .map((p) => p.text ?? '')
      .filter((t) => t !== '')
      .join(' ')
      .trim();
    if (text !== '') return text;
  }
  return '';
}

/** All text the model reads (for the chars/4 token estimate). */
export function allText(req: GenerateRequest): string {
  const texts: string[] = [];
  for (const c of [...(req.systemInstruction ? [req.systemInstruction] : []), ...req.contents]) {
    for (const p of c.parts) if (p.text && !p.thought) texts.push(p.text);
  }
  return texts.join('\n');
}

export function inputImageParts(req: GenerateRequest): Part[] {
  return req.contents.flatMap((c) => c.parts.filter((p) => !p.thought && (p.inlineData || p.fileData)));
}

/** Last image the user supplied (§5.1: with an input image the output follows its ratio). */
export function lastUserImage(req: GenerateRequest): Buffer | undefined {
  for (let i = req.contents.length - 1; i >= 0; i--) {
    const c = req.contents[i]!;
    if (c.role !== 'user') continue;
    for (let j = c.parts.length - 1; j >= 0; j--) {
      const data = c.parts[j]!.inlineData?.data;
      if (data) return Buffer.from(data, 'base64');
    }
  }
  return undefined;
}

export function hasGoogleSearch(req: GenerateRequest): Record<string, unknown> | undefined {
  for (const t of req.tools) {
    const gs = t.googleSearch ?? t.googleSearchRetrieval;
    if (isObject(gs)) return gs;
  }
  return undefined;
}

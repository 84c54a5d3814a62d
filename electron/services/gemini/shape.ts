/**
 * Checks that a generateContent answer (or one event of its stream) has the JSON types Atelier
 * reads, before anything iterates or re-serialises it. Issue 17 §7: `parts` sent as an object,
 * a `text` that is a number, or a field nested 100,000 deep used to surface as "the connection
 * failed (parts is not iterable)" or "(Maximum call stack size exceeded)" and be retried five
 * times. They are malformed answers: one more try may meet a healthier backend, a fifth will not.
 *
 * Only the fields read in response.ts / stream.ts are checked; anything else passes untouched.
 */
import { AppError } from '../errors';

/**
 * Far deeper than any real answer (the deepest path Atelier reads is about 6 levels), and far
 * shallower than where recursive code (JSON.stringify, the SDK's converters) overflows the stack.
 * V8's JSON.parse is iterative, so the parse itself survives; everything after it would not.
 */
export const MAX_ANSWER_DEPTH = 64;

/** Attempts in all, the first included: one retry, then the failure stands. */
export const MISSHAPEN_MAX_ATTEMPTS = 2;

export function misshapen(what: string): AppError {
  return new AppError('bad_response', `Gemini's answer was not in the expected form (${what}). Nothing from it was kept.`, {
    maxAttempts: MISSHAPEN_MAX_ATTEMPTS,
  });
}

/** The nesting depth of a parsed value, measured without recursion; stops counting past the limit. */
function tooDeep(root: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Throws `bad_response` when a parsed body nests deeper than any Gemini answer does. */
export function checkDepth(parsed: unknown): void {
  if (tooDeep(parsed, MAX_ANSWER_DEPTH)) misshapenThrow(`it was nested more than ${MAX_ANSWER_DEPTH} levels deep`);
}

function misshapenThrow(what: string): never {
  throw misshapen(what);
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

type Want = 'string' | 'boolean' | 'object' | 'list';
const WANT_WORD: Record<Want, string> = { string: 'a string', boolean: 'true or false', object: 'an object', list: 'a list' };

function fits(v: unknown, want: Want): boolean {
  if (want === 'list') return Array.isArray(v);
  if (want === 'object') return v !== null && typeof v === 'object' && !Array.isArray(v);
  return typeof v === want;
}

/** An optional field: absent is fine, present must be of the wanted type. */
function optional(holder: Record<string, unknown>, key: string, want: Want, path: string): void {
  const v = holder[key];
  if (v === undefined) return;
  if (!fits(v, want)) misshapenThrow(`${path}.${key} was ${kind(v)}, not ${WANT_WORD[want]}`);
}

function eachObject(list: unknown[], path: string, check: (item: Record<string, unknown>, at: string) => void): void {
  list.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (!fits(item, 'object')) misshapenThrow(`${at} was ${kind(item)}, not an object`);
    check(item as Record<string, unknown>, at);
  });
}

function checkPart(part: Record<string, unknown>, at: string): void {
  optional(part, 'text', 'string', at);
  optional(part, 'thought', 'boolean', at);
  optional(part, 'thoughtSignature', 'string', at);
  optional(part, 'inlineData', 'object', at);
  if (part['inlineData'] !== undefined) {
    const data = part['inlineData'] as Record<string, unknown>;
    optional(data, 'mimeType', 'string', `${at}.inlineData`);
    optional(data, 'data', 'string', `${at}.inlineData`);
  }
}

function checkGrounding(g: Record<string, unknown>, at: string): void {
  optional(g, 'searchEntryPoint', 'object', at);
  if (g['searchEntryPoint'] !== undefined) optional(g['searchEntryPoint'] as Record<string, unknown>, 'renderedContent', 'string', `${at}.searchEntryPoint`);
  for (const key of ['groundingChunks', 'webSearchQueries', 'imageSearchQueries']) optional(g, key, 'list', at);
  if (Array.isArray(g['groundingChunks'])) {
    eachObject(g['groundingChunks'], `${at}.groundingChunks`, (chunk, c) => {
      for (const source of ['web', 'image']) {
        optional(chunk, source, 'object', c);
        const s = chunk[source] as Record<string, unknown> | undefined;
        if (s) for (const field of ['uri', 'sourceUri', 'title']) optional(s, field, 'string', `${c}.${source}`);
      }
    });
  }
  for (const key of ['webSearchQueries', 'imageSearchQueries']) {
    const list = g[key];
    if (Array.isArray(list) && list.some((q) => typeof q !== 'string')) misshapenThrow(`${at}.${key} held something other than text`);
  }
}

/**
 * Throws `bad_response` ("not in the expected form", one retry at most) unless `body` has the
 * types Atelier reads from a GenerateContentResponse (wire §2).
 */
export function checkAnswerShape(body: Record<string, unknown>): void {
  checkDepth(body);
  optional(body, 'candidates', 'list', 'the answer');
  optional(body, 'promptFeedback', 'object', 'the answer');
  optional(body, 'usageMetadata', 'object', 'the answer');
  optional(body, 'modelVersion', 'string', 'the answer');
  if (body['promptFeedback'] !== undefined) optional(body['promptFeedback'] as Record<string, unknown>, 'blockReason', 'string', 'promptFeedback');
  if (body['usageMetadata'] !== undefined) optional(body['usageMetadata'] as Record<string, unknown>, 'candidatesTokensDetails', 'list', 'usageMetadata');
  if (!Array.isArray(body['candidates'])) return;
  eachObject(body['candidates'], 'candidates', (candidate, at) => {
    optional(candidate, 'content', 'object', at);
    optional(candidate, 'finishReason', 'string', at);
    optional(candidate, 'finishMessage', 'string', at);
    optional(candidate, 'groundingMetadata', 'object', at);
    const content = candidate['content'] as Record<string, unknown> | undefined;
    if (content) {
      optional(content, 'role', 'string', `${at}.content`);
      optional(content, 'parts', 'list', `${at}.content`);
      if (Array.isArray(content['parts'])) eachObject(content['parts'], `${at}.content.parts`, checkPart);
    }
    const grounding = candidate['groundingMetadata'] as Record<string, unknown> | undefined;
    if (grounding) checkGrounding(grounding, `${at}.groundingMetadata`);
  });
}

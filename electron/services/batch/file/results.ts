/**
 * What one line of a batch's results file means, worked out on the results worker's thread
 * (resultsWorker.ts): the line as text, its JSON, its shape and its base64 images are ~100 KB of
 * short-lived garbage each, and on main's heap their collection held its event loop past 20 ms.
 * Only the verdict and the decoded image bytes (transferred, not copied) reach main.
 */
import { AppError } from '../../errors';
import { toAppError } from '../../gemini/errors';
import { readGeneration, type Generation } from '../../gemini/response';
import type { RawResponse } from '../../gemini/wire';

/** A results line's verdict: what Gemini made, or the reason the row failed, in the user's words. */
export type ResultLine = {
  /** Counting non-blank lines from the top of the file: the row it stands for when the key does not say. */
  index: number;
  /** The line's key when it had one (`row-<n>`). */
  key: string | null;
} & ({ reason: string } | { ok: Pick<Generation, 'text' | 'usage' | 'finishReason' | 'grounding'>; images: ArrayBuffer[] });

/** Messages from the worker to main. */
export type FromWorker = { kind: 'line'; line: ResultLine } | { kind: 'done' } | { kind: 'error'; message: string; code?: string | undefined };

export interface ResultsJob {
  file: string;
  /** Lines before this index were committed by an earlier run: skipped unread. */
  from: number;
  chunkBytes?: number | undefined;
  /** The credits' shared counter (Credits.shared). */
  credits: SharedArrayBuffer;
}

type Parsed = { key?: unknown; response?: unknown; error?: { message?: unknown } };

/** One results line, or null when it is not a JSON object (a broken line). */
function parse(text: string): Parsed | null {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Parsed) : null;
  } catch {
    return null;
  }
}

/**
 * A Buffer decoded from base64 may be a view into a larger allocation; transferring that would
 * move (and detach) bytes that are not the image's, so such a view is copied to its own.
 */
function ownBytes(b: Buffer): ArrayBuffer {
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer) return b.buffer;
  const copy = new ArrayBuffer(b.byteLength);
  new Uint8Array(copy).set(b);
  return copy;
}

export function readResultLine(index: number, text: string): ResultLine {
  const parsed = parse(text);
  const key = typeof parsed?.key === 'string' ? parsed.key : null;
  if (!parsed) return { index, key, reason: 'Gemini’s results file has a broken line here; Atelier could not read it.' };
  if (!parsed.response) return { index, key, reason: typeof parsed.error?.message === 'string' ? parsed.error.message : 'Gemini returned no answer for this row.' };
  try {
    const { images, text: words, usage, finishReason, grounding } = readGeneration(parsed.response as RawResponse);
    if (images.length === 0) throw new AppError('no_image', words ? `Gemini answered in words only: “${words.slice(0, 160)}”` : 'Gemini made no image for this row.');
    return { index, key, ok: { text: words, usage, finishReason, grounding }, images: images.map((x) => ownBytes(x.data)) };
  } catch (err) {
    return { index, key, reason: toAppError(err).message };
  }
}

/** The transfer list of a verdict: its images' bytes move to main instead of being copied. */
export const transferOf = (line: ResultLine): ArrayBuffer[] => ('images' in line ? line.images : []);

/** ES2024's Atomics.waitAsync (Node ≥ 16), typed here: the project's `lib` is older. */
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: false } | { async: true; value: Promise<string> } }).waitAsync;

/**
 * Credits given by main, spent one per line sent, counted in shared memory: giving one is an
 * atomic add on main, not a message (2,000 credit messages cost main ~0.25 ms each under load,
 * as much as the whole transaction). A line is read and decoded only once a credit is there for
 * it, so at most the credit's worth of decoded images waits for main.
 */
export class Credits {
  /** [0]: credits given so far, ever. */
  private readonly given: Int32Array;
  private spent = 0;
  private waiting = false;
  private idleWaiters: Array<() => void> = [];

  constructor(shared: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.given = new Int32Array(shared);
  }

  get shared(): SharedArrayBuffer {
    return this.given.buffer as SharedArrayBuffer;
  }

  give(n: number): void {
    Atomics.add(this.given, 0, n);
    Atomics.notify(this.given, 0);
  }

  async take(): Promise<void> {
    for (let seen = Atomics.load(this.given, 0); seen <= this.spent; seen = Atomics.load(this.given, 0)) {
      const wait = waitAsync(this.given, 0, seen);
      if (!wait.async) continue;
      this.waiting = true;
      for (const w of this.idleWaiters.splice(0)) w();
      await wait.value;
      this.waiting = false;
    }
    this.spent += 1;
  }

  /** Resolves once the pump has spent every credit and waits for more (a fact tests wait on). */
  idle(): Promise<void> {
    const stuck = this.waiting && Atomics.load(this.given, 0) <= this.spent;
    return stuck ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

/**
 * The worker's loop, apart from the thread so it can be tested as it is: skips the lines an
 * earlier run committed, then sends one verdict per credit. Blank lines count as no line, as they
 * always have (a restart's `imported` count is in these indexes).
 */
export async function pumpResults(lines: AsyncIterable<string>, from: number, credits: Credits, send: (line: ResultLine) => void): Promise<void> {
  const reader = lines[Symbol.asyncIterator]();
  let index = 0;
  for (;;) {
    // The next line is read only with a credit in hand (the end of the file too: main keeps giving).
    await credits.take();
    for (;;) {
      const next = await reader.next();
      if (next.done) return;
      if (next.value.trim() === '') continue;
      const i = index++;
      if (i < from) continue;
      send(readResultLine(i, next.value));
      break;
    }
  }
}

/**
 * The fake's Files API and file-sourced batches (wire §7.3), through the real @google/genai SDK:
 * resumable upload, get, delete, download, a JSONL batch with a results file, and the hostile
 * variants (an upload cut off mid-way, an expired file, a results file with broken lines).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, GoogleGenAI, type BatchJob } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../../fake-gemini/server';
import { FakeClock } from '../../support/fakeClock';

const KEY = 'test-key-files';
const FLASH = 'gemini-nano-banana-2.1';

let fake: FakeGemini;
let ai: GoogleGenAI;
let dir: string;
const clock = new FakeClock();

beforeAll(async () => {
  fake = await startFakeGemini({ clock });
  fake.prerenderedImages = true;
  ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: fake.url, apiVersion: 'v1beta' } });
  dir = mkdtempSync(join(tmpdir(), 'fake-files-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.reset();
  fake.prerenderedImages = true;
  fake.batchTiming = { pendingMs: 0, runningMs: 0 };
});

function jsonl(lines: Array<{ key: string; request: unknown }>): Blob {
  return new Blob([lines.map((l) => JSON.stringify(l)).join('\n') + '\n'], { type: 'application/jsonl' });
}

const textRequest = (text: string, extra: Record<string, unknown> = {}) => ({ contents: [{ role: 'user', parts: [{ text }] }], generationConfig: { responseModalities: ['IMAGE'] }, ...extra });

async function pollDone(name: string): Promise<BatchJob> {
  for (let i = 0; i < 200; i++) {
    const job = await ai.batches.get({ name });
    if (['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'].includes(String(job.state))) return job;
    await clock.advance(20);
  }
  throw new Error(`batch ${name} did not finish`);
}

async function download(name: string): Promise<string[]> {
  const path = join(dir, `${name.replace(/\W/g, '_')}.jsonl`);
  await ai.files.download({ file: name, downloadPath: path });
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
}

describe('fake Files API', () => {
  it('uploads through the resumable protocol, then gets, downloads and deletes the file', async () => {
    const bytes = 'x'.repeat(1000);
    const file = await ai.files.upload({ file: new Blob([bytes], { type: 'text/plain' }), config: { displayName: 'notes' } });
    expect(file).toMatchObject({ mimeType: 'text/plain', sizeBytes: '1000', state: 'ACTIVE', displayName: 'notes' });
    expect(file.name).toMatch(/^files\/[0-9a-z]+$/);
    const start = fake.requests.find((r) => r.path === '/upload/v1beta/files' && r.headers['x-goog-upload-command'] === 'start');
    expect(start?.headers['x-goog-upload-protocol']).toBe('resumable');
    expect((await ai.files.get({ name: file.name! })).sizeBytes).toBe('1000');
    expect(await download(file.name!)).toEqual([bytes]);
    await ai.files.delete({ name: file.name! });
    await expect(ai.files.get({ name: file.name! })).rejects.toMatchObject({ status: 403 });
  });

  it('cuts an upload off mid-way, keeps what arrived, and answers a query with the bytes received', async () => {
    const start = await fetch(`${fake.url}/upload/v1beta/files`, {
      method: 'POST',
      headers: { 'x-goog-api-key': KEY, 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start', 'x-goog-upload-header-content-length': '100', 'x-goog-upload-header-content-type': 'application/jsonl', 'content-type': 'application/json' },
      body: JSON.stringify({ file: { displayName: 'cut' } }),
    });
    const url = start.headers.get('x-goog-upload-url')!;
    expect(url).toContain('upload_id=');
    fake.files.hostile.cutUploadAt = 40;
    const send = (offset: number, body: string, command: string) =>
      fetch(url, { method: 'POST', headers: { 'x-goog-api-key': KEY, 'x-goog-upload-command': command, 'x-goog-upload-offset': String(offset) }, body });
    await expect(send(0, 'a'.repeat(60), 'upload')).rejects.toThrow();
    const query = await send(0, '', 'query');
    expect(query.headers.get('x-goog-upload-size-received')).toBe('40');
    expect(fake.files.openSessions).toBe(1);
    const wrong = await send(0, 'a'.repeat(100), 'upload, finalize');
    expect(wrong.status).toBe(400);
    const done = await send(40, 'b'.repeat(60), 'upload, finalize');
    expect(done.headers.get('x-goog-upload-status')).toBe('final');
    const { file } = (await done.json()) as { file: { name: string; sizeBytes: string } };
    expect(file.sizeBytes).toBe('100');
    expect(fake.files.get(file.name)?.data.toString()).toBe('a'.repeat(40) + 'b'.repeat(60));
  });

  it('takes the hostile switches over the control API too, and refuses bad ones', async () => {
    const post = (body: unknown) => fetch(`${fake.url}/__fake/files`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ cutUploadAt: 10, brokenResultLines: [0, 2] })).status).toBe(200);
    expect(fake.files.hostile).toEqual({ cutUploadAt: 10, brokenResultLines: [0, 2] });
    expect((await post({ cutUploadAt: -1 })).status).toBe(400);
    expect((await post({ brokenResultLines: ['x'] })).status).toBe(400);
  });

  it('answers an expired file as gone (403), as Google does 48 h after upload', async () => {
    const file = await ai.files.upload({ file: new Blob(['hi'], { type: 'text/plain' }) });
    fake.files.expire(file.name!);
    const err = await ai.files.get({ name: file.name! }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(403);
  });
});

describe('fake file-sourced batches', () => {
  it('runs a JSONL input file and writes one keyed result line per request, in order', async () => {
    fake.enqueueBatchItemOutcome({ kind: 'success' }, { kind: 'error', status: 400, message: 'bad one' });
    const input = await ai.files.upload({ file: jsonl([{ key: 'row-1', request: textRequest('a pear') }, { key: 'row-2', request: textRequest('a plum') }, { key: 'row-3', request: textRequest('a fig', { store: false }) }]), config: { mimeType: 'application/jsonl' } });
    const job = await ai.batches.create({ model: FLASH, src: input.name!, config: { displayName: 'from a file' } });
    expect(fake.batches[0]?.inputFile).toBe(input.name);
    const done = await pollDone(job.name!);
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    expect(done.dest?.inlinedResponses).toBeUndefined();
    const resultsName = done.dest?.fileName;
    expect(resultsName).toMatch(/^files\/batch-/);
    const lines = (await download(resultsName!)).map((l) => JSON.parse(l) as { key: string; response?: { candidates: unknown[] }; error?: { message: string } });
    expect(lines.map((l) => l.key)).toEqual(['row-1', 'row-2', 'row-3']);
    expect(lines[0]?.response?.candidates.length).toBe(1);
    expect(lines[1]?.error?.message).toContain('bad one');
    expect(lines[2]?.response).toBeDefined();
  });

  it('fails a request whose reference file expired, and writes broken lines when told to', async () => {
    const ref = await ai.files.upload({ file: new Blob([Buffer.from('89504e47', 'hex')], { type: 'image/png' }) });
    const withRef = { contents: [{ role: 'user', parts: [{ fileData: { fileUri: ref.uri, mimeType: 'image/png' } }, { text: 'like this' }] }] };
    const input = await ai.files.upload({ file: jsonl([{ key: 'a', request: withRef }, { key: 'b', request: textRequest('plain') }, { key: 'c', request: textRequest('plain too') }]), config: { mimeType: 'application/jsonl' } });
    fake.files.expire(ref.name!);
    fake.files.hostile.brokenResultLines = [2];
    const job = await ai.batches.create({ model: FLASH, src: input.name! });
    const done = await pollDone(job.name!);
    const lines = await download(done.dest!.fileName!);
    expect(JSON.parse(lines[0]!)).toMatchObject({ key: 'a', error: { code: 3, message: expect.stringContaining('expired') } });
    expect(JSON.parse(lines[1]!)).toHaveProperty('response');
    expect(() => JSON.parse(lines[2]!)).toThrow();
  });

  it('refuses a batch whose input file expired', async () => {
    const input = await ai.files.upload({ file: jsonl([{ key: 'a', request: textRequest('x') }]), config: { mimeType: 'application/jsonl' } });
    fake.files.expire(input.name!);
    await expect(ai.batches.create({ model: FLASH, src: input.name! })).rejects.toMatchObject({ status: 400 });
  });
});

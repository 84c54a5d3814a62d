/**
 * The Files API's resumable upload, driven by hand (wire §7.3): the SDK's uploader sends the
 * file in one go with no progress and cannot pick up a session after a restart.
 *
 *   start:  POST /upload/{ver}/files  X-Goog-Upload-Protocol: resumable, X-Goog-Upload-Command: start
 *           → x-goog-upload-url (the session; kept in the database so a restart carries on)
 *   chunks: POST <session>  X-Goog-Upload-Command: upload (the last: "upload, finalize"),
 *           X-Goog-Upload-Offset: <bytes sent so far>
 *   resume: POST <session>  X-Goog-Upload-Command: query → x-goog-upload-size-received
 *   cancel: POST <session>  X-Goog-Upload-Command: cancel
 *
 * Names as in the SDK's `fetchUploadUrl` and node uploader and Google's ResumableUploadCommand
 * (google-api-client: `query`, `X-Goog-Upload-Size-Received`, statuses active/final/cancelled).
 */
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError } from '../../errors';

export interface UploadEndpoint {
  baseUrl: string;
  apiKey: string;
  apiVersion: string;
}

export interface RemoteFile {
  name: string;
  uri: string;
  mimeType: string;
  /** ms since epoch; Google keeps uploads 48 h. */
  expiresAt: number;
}

/** 8 MiB, the SDK's chunk size; tests pass smaller ones to see progress move. */
export const CHUNK_BYTES = 8 * 1024 * 1024;
const FILE_TTL_MS = 48 * 3_600_000;

export type Fetch = typeof fetch;

async function answer(res: Response, what: string): Promise<void> {
  if (res.ok) return;
  const text = await res.text().catch(() => '');
  let message = text.slice(0, 300);
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    /* not JSON: keep the text */
  }
  const code = res.status === 401 ? 'invalid_key' : res.status === 429 ? 'quota' : res.status >= 500 ? 'server' : 'bad_input';
  throw new AppError(code, `Gemini refused the ${what} (${res.status}): ${message}`);
}

/** The session URL on the configured host, as the SDK does (a proxy or the fake stands in for Google). */
function onBase(url: string, baseUrl: string): string {
  const u = new URL(url);
  const b = new URL(baseUrl);
  u.protocol = b.protocol;
  u.host = b.host;
  return u.toString();
}

export async function startUpload(ep: UploadEndpoint, file: { size: number; mimeType: string; displayName: string }, fetchImpl: Fetch = fetch): Promise<string> {
  const res = await fetchImpl(`${ep.baseUrl.replace(/\/$/, '')}/upload/${ep.apiVersion}/files`, {
    method: 'POST',
    headers: {
      'x-goog-api-key': ep.apiKey,
      'content-type': 'application/json',
      'x-goog-upload-protocol': 'resumable',
      'x-goog-upload-command': 'start',
      'x-goog-upload-header-content-length': String(file.size),
      'x-goog-upload-header-content-type': file.mimeType,
    },
    body: JSON.stringify({ file: { displayName: file.displayName } }),
    signal: AbortSignal.timeout(60_000),
  });
  await answer(res, 'upload');
  const url = res.headers.get('x-goog-upload-url');
  if (!url) throw new AppError('server', 'Gemini did not open an upload session (no upload address came back).');
  return onBase(url, ep.baseUrl);
}

/** How many bytes of the session Google has; null when the session is gone (expired, finished or cancelled). */
export async function queryUpload(ep: UploadEndpoint, session: string, fetchImpl: Fetch = fetch): Promise<number | null> {
  const res = await fetchImpl(session, { method: 'POST', headers: { 'x-goog-api-key': ep.apiKey, 'x-goog-upload-command': 'query' }, signal: AbortSignal.timeout(60_000) });
  if (!res.ok || res.headers.get('x-goog-upload-status') !== 'active') return null;
  const n = Number(res.headers.get('x-goog-upload-size-received'));
  return Number.isFinite(n) ? n : null;
}

export async function cancelUpload(ep: UploadEndpoint, session: string, fetchImpl: Fetch = fetch): Promise<void> {
  await fetchImpl(session, { method: 'POST', headers: { 'x-goog-api-key': ep.apiKey, 'x-goog-upload-command': 'cancel' }, signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
}

export interface UploadRun {
  session: string;
  path: string;
  size: number;
  /** Bytes Google already has (0, or what a query answered after a restart). */
  offset: number;
  chunkBytes?: number;
  signal?: AbortSignal;
  /** After every chunk Google confirmed: the caller records it so a restart resumes there. */
  onProgress?: (received: number) => void;
  now: () => number;
}

/**
 * Sends the file from `offset` in chunks. A chunk that fails in transit (the connection cut
 * mid-way) is not retried blind: Google is asked how much arrived and the upload carries on
 * from there, three times at most in a row.
 */
export async function sendChunks(ep: UploadEndpoint, run: UploadRun, fetchImpl: Fetch = fetch): Promise<RemoteFile> {
  const chunkBytes = run.chunkBytes ?? CHUNK_BYTES;
  const fh = await open(run.path, 'r');
  let offset = run.offset;
  let failures = 0;
  try {
    for (;;) {
      if (run.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
      const length = Math.min(chunkBytes, run.size - offset);
      const last = offset + length >= run.size;
      const buf = Buffer.alloc(length);
      if (length > 0) await fh.read(buf, 0, length, offset);
      let res: Response;
      try {
        res = await fetchImpl(run.session, {
          method: 'POST',
          headers: { 'x-goog-api-key': ep.apiKey, 'x-goog-upload-command': last ? 'upload, finalize' : 'upload', 'x-goog-upload-offset': String(offset), 'content-type': 'application/octet-stream' },
          body: buf,
          signal: run.signal ? AbortSignal.any([run.signal, AbortSignal.timeout(120_000)]) : AbortSignal.timeout(120_000),
        });
      } catch (err) {
        if (run.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
        failures += 1;
        const received = await queryUpload(ep, run.session, fetchImpl).catch(() => null);
        if (received === null || failures > 3) throw new AppError('network', `The upload was cut off at ${offset.toLocaleString('en')} of ${run.size.toLocaleString('en')} bytes and could not carry on (${err instanceof Error ? err.message : String(err)}).`);
        offset = received;
        run.onProgress?.(offset);
        continue;
      }
      const status = res.headers.get('x-goog-upload-status');
      if (!res.ok) {
        // An offset Google disagrees with: it says where it is; carry on from there.
        const received = Number(res.headers.get('x-goog-upload-size-received'));
        if (status === 'active' && Number.isFinite(received) && failures < 3) {
          failures += 1;
          offset = received;
          continue;
        }
        await answer(res, 'upload');
      }
      failures = 0;
      if (last) {
        if (status !== 'final') throw new AppError('server', 'Gemini did not confirm the end of the upload.');
        const body = (await res.json()) as { file?: { name?: string; uri?: string; mimeType?: string; expirationTime?: string } };
        const f = body.file;
        if (!f?.name || !f.uri) throw new AppError('server', 'Gemini finished the upload but named no file.');
        const expires = f.expirationTime ? Date.parse(f.expirationTime) : NaN;
        return { name: f.name, uri: f.uri, mimeType: f.mimeType ?? 'application/octet-stream', expiresAt: Number.isFinite(expires) ? expires : run.now() + FILE_TTL_MS };
      }
      await res.arrayBuffer().catch(() => undefined);
      offset += length;
      run.onProgress?.(offset);
    }
  } finally {
    await fh.close();
  }
}

/**
 * Streams a file's bytes to disk (`GET /download/{ver}/files/ID:download?alt=media`, wire §7.3).
 * By hand rather than the SDK's downloader: the gateway's guarded fetch reads every answer whole
 * and checks it is JSON, while a results file is JSONL of images, hundreds of megabytes. Redirects
 * are refused as everywhere else, so the key never goes to another host.
 */
export async function downloadTo(ep: UploadEndpoint, name: string, dest: string, signal?: AbortSignal, fetchImpl: Fetch = fetch): Promise<number> {
  const id = name.replace(/^files\//, '');
  const res = await fetchImpl(`${ep.baseUrl.replace(/\/$/, '')}/download/${ep.apiVersion}/files/${encodeURIComponent(id)}:download?alt=media`, {
    headers: { 'x-goog-api-key': ep.apiKey },
    redirect: 'manual',
    ...(signal ? { signal } : {}),
  });
  if (res.status >= 300 && res.status < 400) throw new AppError('bad_response', 'The service answered the download with a redirect; Atelier never follows redirects, so your key stays with the endpoint you chose.');
  if (res.status === 403 || res.status === 404) throw new AppError('not_found', 'Gemini no longer has the results file (files are kept 48 hours). Run the batch again.');
  await answer(res, 'download');
  if (!res.body) throw new AppError('bad_response', 'Gemini sent an empty results file.');
  const out = createWriteStream(dest);
  await pipeline(Readable.fromWeb(res.body as WebReadableStream), out, ...(signal ? [{ signal }] : []));
  return out.bytesWritten;
}

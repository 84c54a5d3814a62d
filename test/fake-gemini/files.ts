/**
 * The Files API (wire §7.3): the resumable upload protocol, get, list, delete and download, and
 * the hostile variants a long upload meets in the field.
 *
 *   POST /upload/{ver}/files  X-Goog-Upload-Protocol: resumable, X-Goog-Upload-Command: start
 *        → 200, x-goog-upload-url: <same path>?upload_id=…&upload_protocol=resumable
 *   POST <upload url>  X-Goog-Upload-Command: upload | upload, finalize | query | cancel,
 *        X-Goog-Upload-Offset: <bytes the client believes were received>
 *        → x-goog-upload-status: active (+ x-goog-upload-size-received) | final (+ {"file": …}) | cancelled
 *   GET    /{ver}/files/ID            → File
 *   DELETE /{ver}/files/ID            → {}
 *   GET    /(download/)?{ver}/files/ID:download?alt=media → the bytes
 *
 * Header names and commands as Google's resumable protocol uses them (the JS SDK's
 * `fetchUploadUrl` and node uploader; google-api-client's ResumableUploadCommand names `query`
 * and `x-goog-upload-size-received`). Files live in memory, like batches.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import { type FakeState, type Handler, type Reply, json } from './context';
import { RpcError, invalidArgument } from './errors';
import { isObject } from './request';

/** Files expire 48 h after upload (Files API docs; wire §6 limits table). */
export const FILE_TTL_MS = 48 * 3_600_000;

export interface FakeFile {
  /** `files/<id>` */
  name: string;
  displayName?: string;
  mimeType: string;
  data: Buffer;
  createTime: number;
  expirationTime: number;
  /** Set by `expire(name)`: the file answers as gone, as it does 48 h after upload. */
  expired?: boolean;
  /** Made by a batch (its results), not uploaded. */
  source: 'UPLOADED' | 'GENERATED';
}

interface Session {
  displayName?: string;
  mimeType: string;
  /** What the start command announced (X-Goog-Upload-Header-Content-Length). */
  declared: number;
  chunks: Buffer[];
  received: number;
  cancelled: boolean;
}

/** The hostile switches (one-shot where it says so). */
export interface FilesHostility {
  /** The next upload chunk that crosses this many bytes keeps only the bytes before it, then the connection drops. One-shot. */
  cutUploadAt?: number;
  /** 0-based line numbers of the next results file that are written broken (cut mid-JSON). One-shot. */
  brokenResultLines?: number[];
}

/** Public face of the file store (`fake.files`). */
export interface FakeFiles {
  readonly hostile: FilesHostility;
  list(): readonly FakeFile[];
  get(name: string): FakeFile | undefined;
  /** Makes a file answer as expired (403 on get, an item error when a batch uses it). */
  expire(name: string): void;
  /** Upload sessions started and not finished (an upload cut off mid-way stays here). */
  readonly openSessions: number;
}

function newId(n = 12): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return [...randomBytes(n)].map((b) => alphabet[b % 36]).join('');
}

export class FileStore implements FakeFiles {
  constructor(private readonly clock: () => Clock) {}

  hostile: FilesHostility = {};
  private readonly files = new Map<string, FakeFile>();
  private readonly sessions = new Map<string, Session>();

  get openSessions(): number {
    return [...this.sessions.values()].filter((s) => !s.cancelled).length;
  }

  list(): readonly FakeFile[] {
    return [...this.files.values()];
  }

  get(name: string): FakeFile | undefined {
    return this.files.get(name);
  }

  /** A file that exists and has not expired, or undefined. */
  live(name: string): FakeFile | undefined {
    const f = this.files.get(name);
    if (!f || f.expired || f.expirationTime <= this.clock().now()) return undefined;
    return f;
  }

  expire(name: string): void {
    const f = this.files.get(name);
    if (f) f.expired = true;
  }

  add(init: { data: Buffer; mimeType: string; displayName?: string; source: FakeFile['source']; name?: string }): FakeFile {
    const now = this.clock().now();
    const file: FakeFile = { name: init.name ?? `files/${newId()}`, mimeType: init.mimeType, data: init.data, createTime: now, expirationTime: now + FILE_TTL_MS, source: init.source };
    if (init.displayName !== undefined) file.displayName = init.displayName;
    this.files.set(file.name, file);
    return file;
  }

  delete(name: string): boolean {
    return this.files.delete(name);
  }

  startSession(s: Omit<Session, 'chunks' | 'received' | 'cancelled'>): string {
    const id = newId(24);
    this.sessions.set(id, { ...s, chunks: [], received: 0, cancelled: false });
    return id;
  }

  session(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  endSession(id: string): void {
    this.sessions.delete(id);
  }

  clear(): void {
    this.files.clear();
    this.sessions.clear();
    this.hostile = {};
  }
}

/** google.protobuf.Timestamp as RFC 3339. */
const ts = (ms: number): string => new Date(ms).toISOString();

export function fileResource(f: FakeFile, baseUrl: string, apiVersion: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: f.name,
    mimeType: f.mimeType,
    sizeBytes: String(f.data.length),
    createTime: ts(f.createTime),
    updateTime: ts(f.createTime),
    expirationTime: ts(f.expirationTime),
    sha256Hash: Buffer.from(createHash('sha256').update(f.data).digest('hex')).toString('base64'),
    uri: `${baseUrl}/${apiVersion}/${f.name}`,
    state: 'ACTIVE',
    source: f.source,
  };
  if (f.displayName !== undefined) out.displayName = f.displayName;
  return out;
}

/** What Google answers for a file that is gone or was never this project's (403, not 404). */
function fileGone(name: string): RpcError {
  return new RpcError(403, 'PERMISSION_DENIED', `You do not have permission to access the File ${name.replace(/^files\//, '')} or it may not exist.`);
}

const baseOf = (req: { headers: Record<string, string> }): string => `http://${req.headers['host'] ?? '127.0.0.1'}`;

const status = (s: 'active' | 'final' | 'cancelled', extra: Record<string, string> = {}): Record<string, string> => ({ 'x-goog-upload-status': s, ...extra });

/** Both halves of the resumable protocol live on one path; `upload_id` tells them apart. */
export const uploadFile: Handler = async (state, req, params) => {
  const files = state.files;
  const uploadId = req.query['upload_id'];
  const command = (req.headers['x-goog-upload-command'] ?? '').toLowerCase();
  if (uploadId === undefined) {
    if ((req.headers['x-goog-upload-protocol'] ?? '').toLowerCase() !== 'resumable' || command !== 'start') {
      throw invalidArgument('Only the resumable upload protocol is supported here (X-Goog-Upload-Protocol: resumable, X-Goog-Upload-Command: start).');
    }
    const declared = Number(req.headers['x-goog-upload-header-content-length']);
    if (!Number.isInteger(declared) || declared <= 0) throw invalidArgument('X-Goog-Upload-Header-Content-Length must be a positive whole number of bytes.');
    const body = isObject(req.body) && isObject(req.body.file) ? req.body.file : {};
    const displayName = typeof body.displayName === 'string' ? body.displayName : typeof body.display_name === 'string' ? body.display_name : undefined;
    const mimeType = req.headers['x-goog-upload-header-content-type'] ?? (typeof body.mimeType === 'string' ? body.mimeType : 'application/octet-stream');
    const id = files.startSession({ mimeType, declared, ...(displayName !== undefined ? { displayName } : {}) });
    const url = `${baseOf(req)}/upload/${params.apiVersion}/files?upload_id=${id}&upload_protocol=resumable`;
    return { ...json({}), headers: status('active', { 'x-goog-upload-url': url, 'x-goog-upload-control-url': url }) };
  }

  const session = files.session(uploadId);
  if (!session) throw new RpcError(404, 'NOT_FOUND', 'No upload session with that id (it finished, was cancelled, or never existed).');
  if (session.cancelled) return { ...json({}, 499), headers: status('cancelled') };
  if (command === 'query') return { ...json({}), headers: status('active', { 'x-goog-upload-size-received': String(session.received) }) };
  if (command === 'cancel') {
    session.cancelled = true;
    return { ...json({}), headers: status('cancelled') };
  }
  const parts = command.split(',').map((c) => c.trim());
  if (!parts.includes('upload')) throw invalidArgument(`Unknown X-Goog-Upload-Command "${command}".`);
  const offset = Number(req.headers['x-goog-upload-offset']);
  if (offset !== session.received) {
    // The client lost track (a cut-off chunk): tell it where to carry on from.
    return { ...json(new RpcError(400, 'INVALID_ARGUMENT', `The upload offset ${offset} does not match the ${session.received} bytes received.`).toBody(), 400), headers: status('active', { 'x-goog-upload-size-received': String(session.received) }) };
  }
  let chunk = req.raw;
  const cut = files.hostile.cutUploadAt;
  if (cut !== undefined && session.received + chunk.length > cut) {
    delete files.hostile.cutUploadAt;
    const kept = Math.max(0, cut - session.received);
    session.chunks.push(chunk.subarray(0, kept));
    session.received += kept;
    return { type: 'drop' };
  }
  session.chunks.push(chunk);
  session.received += chunk.length;
  if (session.received > session.declared) throw invalidArgument(`The upload is longer than the ${session.declared} bytes announced.`);
  if (!parts.includes('finalize')) return { ...json({}), headers: status('active', { 'x-goog-upload-size-received': String(session.received) }) };
  if (session.received !== session.declared) throw invalidArgument(`The upload ended at ${session.received} of the ${session.declared} bytes announced.`);
  chunk = Buffer.concat(session.chunks);
  files.endSession(uploadId);
  const file = files.add({ data: chunk, mimeType: session.mimeType, source: 'UPLOADED', ...(session.displayName !== undefined ? { displayName: session.displayName } : {}) });
  return { ...json({ file: fileResource(file, baseOf(req), params.apiVersion) }), headers: status('final') };
};

function requireFile(state: FakeState, id: string | undefined): FakeFile {
  const name = `files/${id ?? ''}`;
  const f = state.files.live(name);
  if (!f) throw fileGone(name);
  return f;
}

export const getFile: Handler = async (state, req, params) => json(fileResource(requireFile(state, params.id), baseOf(req), params.apiVersion));

export const listFiles: Handler = async (state, req, params) => {
  const live = state.files.list().filter((f) => state.files.live(f.name));
  return json(live.length ? { files: live.map((f) => fileResource(f, baseOf(req), params.apiVersion)) } : {});
};

export const deleteFile: Handler = async (state, _req, params) => {
  const f = requireFile(state, params.id);
  state.files.delete(f.name);
  return json({});
};

export const downloadFile: Handler = async (state, req, params): Promise<Reply> => {
  if (req.query['alt'] !== 'media') throw invalidArgument('Add alt=media to download a file’s bytes.');
  const f = requireFile(state, params.id);
  return { type: 'raw', status: 200, headers: { 'content-type': f.mimeType, 'content-length': String(f.data.length) }, body: f.data, then: 'end' };
};

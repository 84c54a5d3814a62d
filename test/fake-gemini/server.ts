/**
 * A local generativelanguage.googleapis.com for tests, reached only through the real
 * @google/genai SDK (`httpOptions: {baseUrl: fake.url, apiVersion: 'v1beta'}`) or plain HTTP.
 *
 * Pipeline per request: read → (control API) → record → route → auth → handler → send, then
 * the answered status is written back onto the recorded request. Quota, flaps and latency are
 * stages inside the generateContent handler (generate.ts); batches are routes (batch-routes.ts).
 */
import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { BatchStore } from './batch';
import { FileStore } from './files';
import { systemClock, type Clock } from './clock';
import { type FakeState, type Reply, type RouteParams, json, sleep } from './context';
import { type TierBehaviour, defaultTiers } from './tiers';
import { CONTROL_PREFIX, handleControl } from './control';
import { RpcError, invalidApiKey, leakedApiKey, missingApiKey, retryDelayMsOf } from './errors';
import { type FlapConfig, Flaps } from './flaps';
import { LatencyTable, latencyProblem } from './latency';
import { type FakeModel, ModelRegistry } from './models';
import { OutcomeScript } from './outcomes';
import { DEFAULT_SEED, Randomness } from './prng';
import { QuotaBook, type QuotaLimits, type QuotaStats } from './quota';
import { type HttpRequest, apiKeyOf, isObject, parseApiPath, readHttpRequest } from './request';
import { matchRoute, rpcName } from './routes';
import type { BatchTiming, FakeBatch, FakeGemini, Latency, Outcome, RecordedRequest } from './types';

export type {
  BatchItem,
  BatchItemResult,
  BatchState,
  BatchTiming,
  FakeBatch,
  FakeGemini,
  FlapConfig,
  FlapStatus,
  Latency,
  Outcome,
  QuotaLimits,
  QuotaStats,
  RecordedRequest,
} from './types';
export type { FakeModel } from './models';
export { QUOTA_IDS } from './quota';

const gzipAsync = promisify(gzip);

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Drives latency, quota windows and batch progress; tests pass a fake one instead of sleeping. */
  clock?: Clock;
  /** Default 127.0.0.1. */
  host?: string;
}

class FakeGeminiServer implements FakeGemini, FakeState {
  url = '';
  readonly badKeys = new Set<string>();
  readonly leakedKeys = new Set<string>();
  strictSignatures = false;
  prerenderedImages = false;
  latencyMs: Latency = 0;
  tiers: TierBehaviour = defaultTiers();
  readonly requests: RecordedRequest[] = [];
  readonly models = new ModelRegistry();
  readonly script = new OutcomeScript();
  readonly batchScript = new OutcomeScript();
  readonly latencies = new LatencyTable();
  readonly random = new Randomness();
  readonly quota = new QuotaBook(() => this.clock.now());
  readonly flaps = new Flaps();
  readonly batchStore = new BatchStore(() => this.clock);
  readonly files = new FileStore(() => this.clock);
  readonly issued = new Set<string>();
  readonly signedBy = new Map<string, string>();
  /** In-flight requests, aborted on close so hanging handlers finish. */
  readonly inFlight = new Set<AbortController>();
  server: Server | undefined;

  constructor(readonly clock: Clock = systemClock) {}

  get issuedSignatures(): ReadonlySet<string> {
    return this.issued;
  }

  sign(model?: string): string {
    // Real signatures are opaque base64 of a few hundred bytes (§2.3); length varies.
    const sig = randomBytes(48 + Math.floor(Math.random() * 64)).toString('base64');
    this.issued.add(sig);
    if (model) this.signedBy.set(sig, model);
    return sig;
  }

  enqueue(...outcomes: Outcome[]): void {
    this.script.enqueue(...outcomes);
  }

  setDefault(outcome: Outcome): void {
    this.script.setDefault(outcome);
  }

  addModel(m: FakeModel): void {
    this.models.add(m);
  }

  retireModel(id: string): void {
    this.models.retire(id.replace(/^models\//, ''));
  }

  setModels(models: readonly FakeModel[]): void {
    this.models.replace(models);
  }

  setLatency(model: string | null, latency: Latency): void {
    const problem = latencyProblem(latency);
    if (problem) throw new TypeError(problem);
    if (model === null) this.latencyMs = latency;
    else this.latencies.set(model, latency);
  }

  seed(n: number): void {
    this.random.seed(n);
  }

  setQuota(model: string, q: QuotaLimits | null): void {
    this.quota.set(model, q);
  }

  stats(model?: string): QuotaStats {
    return this.quota.stats(model);
  }

  setFlaps(f: FlapConfig | null): void {
    this.flaps.set(f);
  }

  enqueueBatchItemOutcome(...outcomes: Outcome[]): void {
    this.batchScript.enqueue(...outcomes);
  }

  get batchTiming(): BatchTiming {
    return this.batchStore.timing;
  }

  set batchTiming(t: BatchTiming) {
    this.batchStore.timing = { ...t };
  }

  get batches(): readonly FakeBatch[] {
    return this.batchStore.list();
  }

  reset(): void {
    this.script.clear();
    this.batchScript.clear();
    this.requests.length = 0;
    this.badKeys.clear();
    this.leakedKeys.clear();
    this.latencyMs = 0;
    this.latencies.clear();
    this.random.seed(DEFAULT_SEED);
    this.quota.reset();
    this.flaps.clear();
    this.batchStore.clear();
    this.files.clear();
    this.strictSignatures = false;
    this.prerenderedImages = false;
    this.tiers = defaultTiers();
    this.models.reset();
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.batchStore.clear();
    for (const ac of this.inFlight) ac.abort();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets from the SDK's fetch would otherwise hold close() open.
      server.closeAllConnections();
    });
  }
}

/** Auth stage (§0, §3.2): missing → 403, listed bad → 400 API_KEY_INVALID, leaked → 403. */
function authenticate(fake: FakeGeminiServer, req: HttpRequest, rpc: string): void {
  const key = apiKeyOf(req);
  if (key === undefined) throw missingApiKey(rpc);
  if (fake.badKeys.has(key)) throw invalidApiKey();
  if (fake.leakedKeys.has(key)) throw leakedApiKey();
}

function record(fake: FakeGeminiServer, req: HttpRequest): RecordedRequest {
  const api = parseApiPath(req.path);
  const entry: RecordedRequest = {
    method: req.method,
    path: req.path,
    query: req.query,
    apiVersion: api.apiVersion,
    headers: req.headers,
    body: req.body,
    at: fake.clock.now(),
  };
  if (api.model !== undefined) entry.model = api.model;
  if (api.action !== undefined) entry.action = api.action;
  const store = storeFlagsOf(api.action, req.body, (name) => fake.files.get(name)?.data);
  if (store) entry.store = store;
  if (api.action === 'generateContent' || api.action === 'streamGenerateContent') {
    const b = isObject(req.body) ? req.body : {};
    const tier = b.serviceTier ?? b.service_tier;
    if (typeof tier === 'string') entry.serviceTier = tier;
  }
  fake.requests.push(entry);
  return entry;
}

/**
 * The `store` flags a generative call carries: top level for generateContent, per request in a
 * batch, inline or in its JSONL input file (§7.3).
 */
function storeFlagsOf(action: string | undefined, body: unknown, fileBytes: (name: string) => Buffer | undefined): Array<boolean | undefined> | undefined {
  const flag = (o: unknown) => (isObject(o) && typeof o.store === 'boolean' ? o.store : undefined);
  if (action === 'generateContent' || action === 'streamGenerateContent') return [flag(body)];
  if (action !== 'batchGenerateContent' || !isObject(body) || !isObject(body.batch)) return undefined;
  const input = body.batch.inputConfig;
  const fileName = isObject(input) ? (input.fileName ?? input.file_name) : undefined;
  if (typeof fileName === 'string') {
    const bytes = fileBytes(fileName);
    if (!bytes) return undefined;
    return bytes
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        try {
          const line = JSON.parse(l) as unknown;
          return flag(isObject(line) ? line.request : undefined);
        } catch {
          return undefined;
        }
      });
  }
  const list = isObject(input) && isObject(input.requests) ? input.requests.requests : undefined;
  return Array.isArray(list) ? list.map((r) => flag(isObject(r) ? r.request : undefined)) : undefined;
}

/** What the fake answered, on the log entry: clients' retry behaviour is asserted from it. */
function noteAnswer(entry: RecordedRequest, reply: Reply): void {
  if (reply.type === 'raw' || reply.type === 'sse') entry.status = reply.type === 'raw' ? reply.status : 200;
  if (reply.type !== 'json') return;
  entry.status = reply.status;
  if (reply.status === 429) {
    const delay = retryDelayMsOf(reply.body);
    if (delay !== undefined) entry.retryDelayMs = delay;
  }
}

async function dispatch(fake: FakeGeminiServer, req: HttpRequest, signal: AbortSignal): Promise<Reply> {
  try {
    const match = matchRoute(req.method, req.path);
    authenticate(fake, req, rpcName(match.route, match.apiVersion));
    const params: RouteParams = { apiVersion: match.apiVersion };
    if (match.model !== undefined) params.model = match.model;
    if (match.id !== undefined) params.id = match.id;
    return await match.route.handler(fake, req, params, signal);
  } catch (e) {
    const reply = errorReply(e);
    // wire §3.1: an SSE route's error before the first byte still says text/event-stream.
    if (reply.type === 'json' && /:streamGenerateContent$/.test(req.path)) reply.contentType = 'text/event-stream';
    return reply;
  }
}

function errorReply(e: unknown): Reply {
  if (e instanceof RpcError) return { ...json(e.toBody(), e.httpStatus), ...(e.headers ? { headers: e.headers } : {}) };
  // A bug in the fake, not a scripted failure: say so on stderr (never the request, which has the key).
  process.stderr.write(`[fake-gemini] internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return json(new RpcError(500, 'INTERNAL', 'Internal error encountered.').toBody(), 500);
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-max-age': '3600',
};

/** Resolves when the client goes away (or the fake closes). */
function closed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) resolve();
    else res.once('close', () => resolve());
  });
}

async function sendRaw(req: IncomingMessage, res: ServerResponse, reply: Extract<Reply, { type: 'raw' }>): Promise<void> {
  res.writeHead(reply.status, reply.headers);
  if (reply.then === 'end') {
    res.end(reply.body);
    return;
  }
  res.write(reply.body);
  if (reply.then === 'destroy') {
    // Let the partial body reach the client before the socket goes.
    setImmediate(() => req.socket.destroy());
  } else if (reply.then === 'reset') {
    setImmediate(() => req.socket.resetAndDestroy());
  } else {
    const timer = setInterval(() => res.write(' '), 20);
    await closed(res);
    clearInterval(timer);
  }
}

async function sendSse(req: IncomingMessage, res: ServerResponse, reply: Extract<Reply, { type: 'sse' }>, signal: AbortSignal, clock: Clock): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'content-disposition': 'attachment', 'cache-control': 'no-cache', ...reply.headers });
  res.flushHeaders();
  for (const e of reply.events) {
    if (e.delayMs > 0 && !(await sleep(clock, e.delayMs, signal))) return;
    if (res.destroyed) return;
    res.write(`data: ${JSON.stringify(e.data)}\r\n\r\n`);
  }
  if (reply.end === 'close') res.end();
  else if (reply.end === 'cut') {
    res.write('data: {"candidates": [{"content": {"role": "model", "parts": [{"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo');
    setImmediate(() => req.socket.destroy());
  } else await closed(res);
}

async function send(req: IncomingMessage, res: ServerResponse, reply: Reply, signal: AbortSignal = new AbortController().signal, clock: Clock = systemClock): Promise<void> {
  if (reply.type === 'raw') return sendRaw(req, res, reply);
  if (reply.type === 'sse') return sendSse(req, res, reply, signal, clock);
  if (reply.type === 'drop') {
    req.socket.destroy();
    return;
  }
  if (reply.type === 'none') {
    if (!res.writableEnded) res.destroy();
    return;
  }
  let payload: Buffer = Buffer.from(JSON.stringify(reply.body));
  const headers: Record<string, string> = {
    // §2.1 / §3.1: the exact content type; the SDK only parses error JSON when it says application/json.
    'content-type': reply.contentType ?? 'application/json; charset=UTF-8',
    vary: 'Origin, X-Origin, Referer',
    'access-control-allow-origin': '*',
    ...reply.headers,
  };
  // Google's front end gzips for clients that ask (fetch always does); exercise that path.
  if (payload.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    payload = await gzipAsync(payload, { level: 1 });
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(payload.length);
  if (res.destroyed) return;
  res.writeHead(reply.status, headers);
  res.end(payload);
}

async function handle(fake: FakeGeminiServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ac = new AbortController();
  fake.inFlight.add(ac);
  res.on('close', () => {
    fake.inFlight.delete(ac);
    if (!res.writableFinished) ac.abort();
  });

  let http: HttpRequest;
  try {
    http = await readHttpRequest(req);
  } catch (e) {
    await send(req, res, errorReply(e));
    return;
  }

  if (http.method === 'OPTIONS') {
    res.writeHead(204, { ...CORS, 'access-control-allow-headers': http.headers['access-control-request-headers'] ?? '*' });
    res.end();
    return;
  }
  if (http.path.startsWith(CONTROL_PREFIX)) {
    await send(req, res, handleControl(fake, http, { pending: () => fake.script.pending, statsModels: () => fake.quota.models() }));
    return;
  }

  const entry = record(fake, http);
  const reply = await dispatch(fake, http, ac.signal);
  noteAnswer(entry, reply);
  await send(req, res, reply, ac.signal, fake.clock);
}

export async function startFakeGemini(opts: StartOptions = {}): Promise<FakeGemini> {
  const fake = new FakeGeminiServer(opts.clock);
  const host = opts.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(fake, req, res).catch((e: unknown) => {
      process.stderr.write(`[fake-gemini] ${e instanceof Error ? e.message : String(e)}\n`);
      if (!res.headersSent) res.destroy();
    });
  });
  fake.server = server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  fake.url = `http://${urlHost}:${port}`;
  return fake;
}

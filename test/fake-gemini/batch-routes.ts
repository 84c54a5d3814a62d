/**
 * Batch API routes (wire §0, §7) as @google/genai 2.32 calls them:
 *
 *   ai.batches.create({model, src: InlinedRequest[], config: {displayName}})
 *        → POST /{ver}/models/{model}:batchGenerateContent
 *          {"batch": {"displayName", "inputConfig": {"requests": {"requests": [{"request", "metadata"?}]}}}}
 *   ai.batches.get({name: 'batches/ID'})    → GET    /{ver}/batches/ID
 *   ai.batches.cancel({name})               → POST   /{ver}/batches/ID:cancel   (body ignored by the SDK)
 *   ai.batches.delete({name})               → DELETE /{ver}/batches/ID
 *   ai.batches.list({config: {pageSize}})   → GET    /{ver}/batches?pageSize=&pageToken=  → {operations, nextPageToken}
 *
 * File input (§7.3): `src: 'files/ID'` → `"inputConfig": {"fileName": "files/ID"}`; the file must be
 * a live upload of `{"key", "request"}` lines, and the finished batch names a results file
 * (`output.responsesFile`) instead of inlining responses.
 *
 * What is checked when: the envelope (batch, inputConfig, a non-empty request list of objects)
 * at create, answered 400 for the whole call; each request's own validation (contents, aspect
 * ratio, modalities …) when the batch runs, answered as that item's `error`, so one bad request
 * does not sink the others.
 */
import { type ItemRunner, NEVER, batchOperation } from './batch';
import { type FakeState, type Handler, json } from './context';
import { RpcError, entityNotFound, failedPrecondition, invalidArgument, scriptedError } from './errors';
import { outcomeBody, prepareTurn, requireModel } from './generate';
import type { FakeModel } from './models';
import { paginate } from './paging';
import { isObject, parseGenerateRequest } from './request';
import type { BatchItem, BatchItemResult, FakeBatch } from './types';


/** proto3 JSON: either spelling of a field name (§0); user `metadata` structs are left untouched. */
function field(o: Record<string, unknown>, camel: string): unknown {
  return o[camel] ?? o[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

function parseItems(state: FakeState, body: unknown): { displayName?: string; items: Omit<BatchItem, 'outcome'>[]; inputFile?: string } {
  if (!isObject(body) || !isObject(body.batch)) {
    throw invalidArgument('* BatchGenerateContentRequest.batch: batch is required\n');
  }
  const batch = body.batch;
  const input = field(batch, 'inputConfig');
  if (!isObject(input)) throw invalidArgument('* BatchGenerateContentRequest.batch.input_config: input_config is required\n');
  const fileName = field(input, 'fileName');
  if (fileName !== undefined) {
    const out: { displayName?: string; items: Omit<BatchItem, 'outcome'>[]; inputFile?: string } = { items: fileItems(state, fileName), inputFile: String(fileName) };
    const displayName = field(batch, 'displayName');
    if (typeof displayName === 'string') out.displayName = displayName;
    return out;
  }
  const wrapper = input.requests;
  // §7.1: note the doubled requests.requests.
  const list = isObject(wrapper) ? wrapper.requests : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    throw invalidArgument('* BatchGenerateContentRequest.batch.input_config.requests.requests: requests must not be empty\n');
  }
  const items = list.map((r, i): Omit<BatchItem, 'outcome'> => {
    if (!isObject(r) || !isObject(r.request)) {
      throw invalidArgument(`Invalid value at 'batch.input_config.requests.requests[${i}].request', expected an object`);
    }
    const item: Omit<BatchItem, 'outcome'> = { request: r.request };
    if (r.metadata !== undefined) item.metadata = r.metadata;
    return item;
  });
  const out: { displayName?: string; items: Omit<BatchItem, 'outcome'>[] } = { items };
  const displayName = field(batch, 'displayName');
  if (typeof displayName === 'string') out.displayName = displayName;
  return out;
}

/** §7.3: one `{"key", "request"}` object per line; the key comes back on the result line. */
function fileItems(state: FakeState, fileName: unknown): Omit<BatchItem, 'outcome'>[] {
  const file = typeof fileName === 'string' ? state.files.live(fileName) : undefined;
  if (!file) throw invalidArgument(`* BatchGenerateContentRequest.batch.input_config.file_name: File ${String(fileName)} not found or expired.\n`);
  const items: Omit<BatchItem, 'outcome'>[] = [];
  const lines = file.data.toString('utf8').split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw invalidArgument(`Invalid JSON on line ${i + 1} of ${file.name}.`);
    }
    if (!isObject(parsed) || !isObject(parsed.request)) throw invalidArgument(`Line ${i + 1} of ${file.name} has no request object.`);
    items.push({ request: parsed.request, metadata: { key: typeof parsed.key === 'string' ? parsed.key : String(i + 1) } });
  }
  if (items.length === 0) throw invalidArgument(`${file.name} holds no requests.`);
  return items;
}

/** A reference by Files API URI must name a live file (they expire after 48 h). */
function missingFileOf(state: FakeState, request: unknown): string | undefined {
  if (!isObject(request) || !Array.isArray(request.contents)) return undefined;
  for (const c of request.contents) {
    const parts = isObject(c) && Array.isArray(c.parts) ? c.parts : [];
    for (const p of parts) {
      const fd = isObject(p) ? (p.fileData ?? p.file_data) : undefined;
      const uri = isObject(fd) ? (fd.fileUri ?? fd.file_uri) : undefined;
      if (typeof uri !== 'string') continue;
      const name = /files\/[^/:?]+/.exec(uri)?.[0];
      if (!name || !state.files.live(name)) return name ?? uri;
    }
  }
  return undefined;
}

/** §7.3: the results file, one `{"key", "response" | "error"}` line per request in input order. */
function writeResultsFile(state: FakeState, batch: FakeBatch, results: BatchItemResult[]): void {
  const broken = new Set(state.files.hostile.brokenResultLines ?? []);
  delete state.files.hostile.brokenResultLines;
  const lines = results.map((r, i) => {
    const key = isObject(r.metadata) && typeof r.metadata.key === 'string' ? r.metadata.key : String(i + 1);
    const line = JSON.stringify('error' in r ? { key, error: r.error } : { key, response: r.response });
    return broken.has(i) ? line.slice(0, Math.max(1, Math.floor(line.length / 2))) : line;
  });
  const file = state.files.add({ name: `files/batch-${batch.name.replace(/^batches\//, '')}`, data: Buffer.from(lines.join('\n') + '\n'), mimeType: 'application/jsonl', source: 'GENERATED' });
  batch.responsesFile = file.name;
}

/** One item through the same validation and builders as generateContent (§7.2 InlinedResponse). */
function itemRunner(state: FakeState, model: FakeModel, apiVersion: string): ItemRunner {
  return async (item: BatchItem): Promise<BatchItemResult | typeof NEVER> => {
    const withMeta = (r: BatchItemResult): BatchItemResult => (item.metadata === undefined ? r : { ...r, metadata: item.metadata });
    const { outcome } = item;
    if (outcome.kind === 'hang') return NEVER;
    const missing = missingFileOf(state, item.request);
    if (missing) return withMeta({ error: new RpcError(400, 'INVALID_ARGUMENT', `File ${missing} not found or expired.`).toStatus() });
    try {
      const turn = await prepareTurn(state, model, parseGenerateRequest(item.request, apiVersion));
      // A dropped connection has no meaning inside a batch; the item fails like an internal error.
      if (outcome.kind === 'drop' || outcome.kind === 'broken' || outcome.kind === 'streamBroken') throw scriptedError(500, { model: model.id, apiVersion });
      return withMeta({ response: await outcomeBody(outcome, turn, apiVersion) });
    } catch (e) {
      if (e instanceof RpcError) return withMeta({ error: e.toStatus() });
      throw e;
    }
  };
}

export const createBatch: Handler = async (state, req, params) => {
  const model = requireModel(state, params.model, params.apiVersion, 'batchGenerateContent');
  if (req.bodyError !== undefined) throw invalidArgument(`Invalid JSON payload received. ${req.bodyError}`);
  const parsed = parseItems(state, req.body);
  // Outcomes are bound at creation so two batches created back to back get theirs in order.
  const items: BatchItem[] = parsed.items.map((i) => ({ ...i, outcome: state.batchScript.next(model.id) }));
  const init: Parameters<FakeState['batchStore']['create']>[0] = { model: model.id, apiVersion: params.apiVersion, items };
  if (parsed.displayName !== undefined) init.displayName = parsed.displayName;
  if (parsed.inputFile !== undefined) init.inputFile = parsed.inputFile;
  const onDone = parsed.inputFile !== undefined ? (results: BatchItemResult[]) => writeResultsFile(state, batch, results) : undefined;
  const batch: FakeBatch = state.batchStore.create(init, itemRunner(state, model, params.apiVersion), onDone);
  return json(batchOperation(batch));
};

function requireBatch(state: FakeState, id: string | undefined): FakeBatch {
  const batch = id ? state.batchStore.get(`batches/${id}`) : undefined;
  if (!batch) throw entityNotFound();
  return batch;
}

export const getBatch: Handler = async (state, _req, params) => json(batchOperation(requireBatch(state, params.id)));

/** Newest first; entries without inlined results (§7.2). An empty list is `{}` (proto3 JSON omits empty fields). */
export const listBatches: Handler = async (state, req) => {
  const all = state.batchStore.list().reverse();
  const { page, nextPageToken } = paginate(req, all);
  const body: Record<string, unknown> = {};
  if (page.length > 0) body.operations = page.map((b) => batchOperation(b, false));
  if (nextPageToken !== undefined) body.nextPageToken = nextPageToken;
  return json(body);
};

/** google.protobuf.Empty on success; a finished batch cannot be cancelled. */
export const cancelBatch: Handler = async (state, _req, params) => {
  const batch = requireBatch(state, params.id);
  if (!state.batchStore.cancel(batch.name)) throw failedPrecondition(`Batch ${batch.name} is already in a terminal state (${batch.state}).`);
  return json({});
};

/** Forgets the batch (google.longrunning DeleteOperation semantics: no cancel implied, no result kept). */
export const deleteBatch: Handler = async (state, _req, params) => {
  const batch = requireBatch(state, params.id);
  state.batchStore.delete(batch.name);
  return json({});
};

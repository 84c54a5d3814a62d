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
 * What is checked when: the envelope (batch, inputConfig, a non-empty request list of objects)
 * at create, answered 400 for the whole call; each request's own validation (contents, aspect
 * ratio, modalities …) when the batch runs, answered as that item's `error`, so one bad request
 * does not sink the others.
 */
import { type ItemRunner, NEVER, batchOperation } from './batch';
import { type FakeState, type Handler, json } from './context';
import { RpcError, entityNotFound, failedPrecondition, invalidArgument, notImplemented, scriptedError } from './errors';
import { outcomeBody, prepareTurn, requireModel } from './generate';
import type { FakeModel } from './models';
import { paginate } from './paging';
import { isObject, parseGenerateRequest } from './request';
import type { BatchItem, BatchItemResult, FakeBatch } from './types';


/** proto3 JSON: either spelling of a field name (§0); user `metadata` structs are left untouched. */
function field(o: Record<string, unknown>, camel: string): unknown {
  return o[camel] ?? o[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

function parseItems(body: unknown): { displayName?: string; items: Omit<BatchItem, 'outcome'>[] } {
  if (!isObject(body) || !isObject(body.batch)) {
    throw invalidArgument('* BatchGenerateContentRequest.batch: batch is required\n');
  }
  const batch = body.batch;
  const input = field(batch, 'inputConfig');
  if (!isObject(input)) throw invalidArgument('* BatchGenerateContentRequest.batch.input_config: input_config is required\n');
  if (field(input, 'fileName') !== undefined) throw notImplemented('Batch input from a file (inputConfig.fileName)');
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

/** One item through the same validation and builders as generateContent (§7.2 InlinedResponse). */
function itemRunner(state: FakeState, model: FakeModel, apiVersion: string): ItemRunner {
  return async (item: BatchItem): Promise<BatchItemResult | typeof NEVER> => {
    const withMeta = (r: BatchItemResult): BatchItemResult => (item.metadata === undefined ? r : { ...r, metadata: item.metadata });
    const { outcome } = item;
    if (outcome.kind === 'hang') return NEVER;
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
  const parsed = parseItems(req.body);
  // Outcomes are bound at creation so two batches created back to back get theirs in order.
  const items: BatchItem[] = parsed.items.map((i) => ({ ...i, outcome: state.batchScript.next(model.id) }));
  const init: Parameters<FakeState['batchStore']['create']>[0] = { model: model.id, apiVersion: params.apiVersion, items };
  if (parsed.displayName !== undefined) init.displayName = parsed.displayName;
  const batch = state.batchStore.create(init, itemRunner(state, model, params.apiVersion));
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

/**
 * The route table (wire §0, §11 item 1). Both /v1/ and /v1beta/ reach the same handlers because
 * @google/genai 2.x talks v1beta and 3.x talks v1 (§0). Routes the fake does not implement yet
 * answer 501 from their handler (`notImplemented`).
 */
import { cancelBatch, createBatch, deleteBatch, getBatch, listBatches } from './batch-routes';
import { deleteFile, downloadFile, getFile, listFiles, uploadFile } from './files';
import { type Handler, json } from './context';
import { batchEmbedContents, embedContent } from './embed';
import { methodNotFound, modelNotFound } from './errors';
import { generateContent, parseBody, requireModel, streamGenerateContent } from './generate';
import { modelResource } from './models';
import { paginate } from './paging';
import { allText, inputImageParts } from './request';

export const API_VERSIONS = ['v1', 'v1beta'] as const;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Named groups: `ver` (required), `model` and `id` (optional). */
  pattern: RegExp;
  /** `<Service>.<Method>` of google.ai.generativelanguage — used in the missing-key ErrorInfo. */
  rpc: string;
  handler: Handler;
}

const V = `(?<ver>${API_VERSIONS.join('|')})`;
const MODEL = `models/(?<model>[^/:]+)`;
const BATCH = `batches/(?<id>[^/:]+)`;
const FILE = `files/(?<id>[^/:]+)`;
const r = (method: Route['method'], path: string, rpc: string, handler: Handler): Route => ({
  method,
  pattern: new RegExp(`^${path}$`),
  rpc,
  handler,
});

const listModels: Handler = async (state, req) => {
  const { page, nextPageToken } = paginate(req, state.models.list());
  const body: Record<string, unknown> = { models: page.map(modelResource) };
  if (nextPageToken !== undefined) body.nextPageToken = nextPageToken;
  return json(body);
};

const getModel: Handler = async (state, _req, params) => {
  const model = params.model ? state.models.get(params.model) : undefined;
  if (!model) throw modelNotFound(params.model ?? '', params.apiVersion);
  return json(modelResource(model));
};

/** Same estimate generateContent bills as promptTokenCount, so the two agree. */
const countTokens: Handler = async (state, req, params) => {
  const model = requireModel(state, params.model, params.apiVersion, 'countTokens');
  const raw = req.body as Record<string, unknown> | undefined;
  // The SDK sends {contents}; REST clients may wrap it as {generateContentRequest:{…}}.
  const inner = raw?.generateContentRequest ?? raw?.generate_content_request;
  const request = parseBody(inner !== undefined ? { ...req, body: inner } : req, params.apiVersion);
  const text = Math.max(1, Math.ceil(allText(request).length / 4));
  const image = inputImageParts(request).length * model.inputImageTokens;
  const details: Record<string, unknown>[] = [{ modality: 'TEXT', tokenCount: text }];
  if (image > 0) details.push({ modality: 'IMAGE', tokenCount: image });
  return json({ totalTokens: text + image, promptTokensDetails: details });
};

export const ROUTES: readonly Route[] = [
  r('GET', `/${V}/models`, 'ModelService.ListModels', listModels),
  r('GET', `/${V}/${MODEL}`, 'ModelService.GetModel', getModel),
  r('POST', `/${V}/${MODEL}:generateContent`, 'GenerativeService.GenerateContent', generateContent),
  r('POST', `/${V}/${MODEL}:embedContent`, 'GenerativeService.EmbedContent', embedContent),
  r('POST', `/${V}/${MODEL}:batchEmbedContents`, 'GenerativeService.BatchEmbedContents', batchEmbedContents),
  r('POST', `/${V}/${MODEL}:countTokens`, 'GenerativeService.CountTokens', countTokens),
  r('POST', `/${V}/${MODEL}:streamGenerateContent`, 'GenerativeService.StreamGenerateContent', streamGenerateContent),
  r('POST', `/${V}/${MODEL}:batchGenerateContent`, 'GenerativeService.BatchGenerateContent', createBatch),
  r('GET', `/${V}/batches`, 'BatchService.ListGenerateContentBatches', listBatches),
  r('GET', `/${V}/${BATCH}`, 'BatchService.GetGenerateContentBatch', getBatch),
  r('DELETE', `/${V}/${BATCH}`, 'BatchService.DeleteGenerateContentBatch', deleteBatch),
  r('POST', `/${V}/${BATCH}:cancel`, 'BatchService.CancelGenerateContentBatch', cancelBatch),
  r('POST', `/upload/${V}/files`, 'FileService.CreateFile', uploadFile),
  r('GET', `/${V}/files`, 'FileService.ListFiles', listFiles),
  r('GET', `/${V}/${FILE}`, 'FileService.GetFile', getFile),
  r('DELETE', `/${V}/${FILE}`, 'FileService.DeleteFile', deleteFile),
  // wire §7.3: the Node SDK downloads without the /download/ prefix; other clients use it.
  r('GET', `/(?:download/)?${V}/${FILE}:download`, 'FileService.DownloadFile', downloadFile),
];

export interface RouteMatch {
  route: Route;
  apiVersion: string;
  model?: string;
  id?: string;
}

/** Unknown paths and wrong methods are both "Method not found." (404), as on the real front end. */
export function matchRoute(method: string, path: string): RouteMatch {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (!m?.groups) continue;
    const match: RouteMatch = { route, apiVersion: m.groups['ver']! };
    const model = m.groups['model'];
    if (model !== undefined) match.model = safeDecode(model);
    const id = m.groups['id'];
    if (id !== undefined) match.id = safeDecode(id);
    return match;
  }
  throw methodNotFound();
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const rpcName = (route: Route, apiVersion: string): string =>
  `google.ai.generativelanguage.${apiVersion}.${route.rpc}`;

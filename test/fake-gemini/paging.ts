/**
 * `pageSize` / `pageToken` as the list methods take them (wire §0: models.list and
 * batches.list share the convention; `nextPageToken` only while more remain).
 */
import { invalidArgument } from './errors';
import type { HttpRequest } from './request';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/** Opaque to clients; an offset inside so pages stay stable while the list is unchanged. */
const encodeToken = (offset: number): string => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

function decodeToken(token: string): number {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0) return v.o;
  } catch {
    // fall through
  }
  throw invalidArgument('Invalid page token.');
}

/** One page of `all` per the request's query; the caller names the list field. */
export function paginate<T>(req: HttpRequest, all: readonly T[]): { page: T[]; nextPageToken?: string } {
  const rawSize = req.query['pageSize'] ?? req.query['page_size'];
  let pageSize = DEFAULT_PAGE_SIZE;
  if (rawSize !== undefined && rawSize !== '') {
    const n = Number(rawSize);
    if (!Number.isInteger(n)) throw invalidArgument(`Invalid value at 'page_size' (TYPE_INT32), "${rawSize}"`);
    if (n < 0) throw invalidArgument('page_size must not be negative.');
    if (n > 0) pageSize = Math.min(n, MAX_PAGE_SIZE);
  }
  const rawToken = req.query['pageToken'] ?? req.query['page_token'];
  const offset = rawToken ? decodeToken(rawToken) : 0;
  const out: { page: T[]; nextPageToken?: string } = { page: all.slice(offset, offset + pageSize) };
  if (offset + pageSize < all.length) out.nextPageToken = encodeToken(offset + pageSize);
  return out;
}

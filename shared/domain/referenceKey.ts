/**
 * Plain helpers over references, apart from the schemas so the window can use them without
 * loading zod and every domain schema at start (about a third of the first bundle).
 */
import type { HeldReference, Reference } from './generation';

export const isHeldReference = (r: Reference): r is HeldReference => 'heldSha256' in r;
/** What tells two references apart (a chip's key): the asset id or the held hash. */
export const referenceKey = (r: Reference): string => ('heldSha256' in r ? r.heldSha256 : r.assetId);

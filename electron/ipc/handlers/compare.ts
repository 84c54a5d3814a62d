/** Routes of the compare screen and the edit canvas: parse → service → return. */
import type { DomainHandlers, HandlerDeps } from './deps';

export function compareHandlers(d: HandlerDeps): DomainHandlers<'compare' | 'edit'> {
  return {
    'compare.start': async (input) => {
      await d.secrets.requireKey();
      return d.compare.start(input);
    },
    'compare.estimate': (input) => d.compare.estimate(input),
    'compare.get': ({ id }) => d.compare.get(id),
    'compare.list': (input) => d.compare.list(input?.limit ?? 100),
    'compare.cancel': ({ id }) => d.compare.cancel(id),
    'compare.vote': ({ id, kind, winner }) => d.compare.vote(id, kind, winner),
    'compare.stats': (q) => d.compare.stats(q),
    'compare.forAsset': ({ assetId }) => d.compare.forAsset(assetId),
    'edit.import': ({ name, dataBase64 }) => d.edit.importPhoto(name, Buffer.from(dataBase64, 'base64')),
    'edit.open': ({ assetId }) => d.edit.open(assetId),
    'edit.transform': ({ assetId, ops }) => d.edit.transform(assetId, ops),
    'edit.prepare': (input) => d.edit.prepare(input),
  };
}

import type { DomainHandlers, HandlerDeps } from './deps';

export function smartCollectionHandlers(d: HandlerDeps): DomainHandlers<'smartCollections'> {
  return {
    'smartCollections.list': () => d.smartCollections.list(),
    'smartCollections.create': (input) => d.smartCollections.create(input),
    'smartCollections.delete': ({ id }) => ({ deleted: d.smartCollections.delete(id) }),
    'smartCollections.rename': ({ id, name }) => d.smartCollections.rename(id, name),
  };
}

import type { DomainHandlers, HandlerDeps } from './deps';

export function elementHandlers(d: HandlerDeps): DomainHandlers<'elements'> {
  return {
    'elements.list': () => d.elements.list(),
    'elements.create': (input) => d.elements.create(input),
    'elements.rename': ({ id, name, description }) => d.elements.rename(id, name, description),
    'elements.update': ({ id, ...patch }) => d.elements.update(id, patch),
    'elements.addImages': ({ id, assetIds }) => d.elements.addImages(id, assetIds),
    'elements.removeImage': ({ id, assetId }) => d.elements.removeImage(id, assetId),
    'elements.delete': ({ id }) => {
      d.elements.delete(id);
      return {};
    },
  };
}

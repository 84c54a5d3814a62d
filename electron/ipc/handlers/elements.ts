import type { DomainHandlers, HandlerDeps } from './deps';

export function elementHandlers(d: HandlerDeps): DomainHandlers<'elements'> {
  return {
    'elements.list': () => d.elements.list(),
    'elements.create': (input) => d.elements.create(input),
    'elements.rename': ({ id, name, description }) => d.elements.rename(id, name, description),
    'elements.delete': ({ id }) => {
      d.elements.delete(id);
      return {};
    },
  };
}

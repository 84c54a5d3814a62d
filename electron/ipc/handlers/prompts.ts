import type { DomainHandlers, HandlerDeps } from './deps';

export function promptHandlers(d: HandlerDeps): DomainHandlers<'prompts'> {
  return {
    'prompts.list': ({ text }) => ({ saved: d.prompts.list(text) }),
    'prompts.save': (input) => d.prompts.save(input),
    'prompts.delete': ({ id }) => ({ deleted: d.prompts.delete(id) }),
    'prompts.rename': ({ id, name }) => d.prompts.rename(id, name),
    'prompts.history': ({ text, limit }) => ({ prompts: d.prompts.history(text, limit) }),
  };
}

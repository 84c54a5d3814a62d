import { AppError } from '../../services/errors';
import type { DomainHandlers, HandlerDeps } from './deps';

export function chatHandlers(d: HandlerDeps): DomainHandlers<'chat' | 'batch' | 'usage'> {
  return {
    'chat.list': () => d.chat.list(),
    'chat.create': ({ tier, modelId, title }) => d.chat.create(tier, modelId, title),
    'chat.get': ({ id }) => d.chat.get(id),
    'chat.moveToModel': ({ id, modelId }) => {
      const from = d.chat.get(id).modelId;
      const to = modelId ?? d.catalog.status(from).successor;
      if (!to) throw new AppError('bad_input', `Atelier knows no successor for ${from}; start a new chat instead.`);
      if (d.catalog.isGone(to)) throw d.policy.goneError(to);
      return d.chat.moveToModel(id, to);
    },
    'chat.branch': ({ conversationId, turnIndex }) => d.chat.branch(conversationId, turnIndex),
    'chat.send': async (input) => {
      await d.secrets.requireKey();
      return d.chat.send(input);
    },
    'batch.submit': async (input) => {
      await d.secrets.requireKey();
      return d.batch.submit(input);
    },
    'usage.summary': (input) => d.usage.summary(input?.days ?? 30),
  };
}

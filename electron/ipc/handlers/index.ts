/**
 * Every route's handler, one file per domain. Handlers are thin: the router has already
 * validated the input; they call a service and return what the contract says. The logic lives
 * in the services, so it is the same whether the window or a test calls it.
 */
import type { RouteHandlers } from '../router';
import { appHandlers } from './app';
import { batchFileHandlers } from './batchFile';
import { chatHandlers } from './chat';
import { compareHandlers } from './compare';
import type { HandlerDeps } from './deps';
import { jobHandlers } from './jobs';
import { keyHandlers } from './key';
import { findingHandlers } from './finding';
import { elementHandlers } from './elements';
import { libraryHandlers } from './library';
import { promptHandlers } from './prompts';
import { seriesHandlers } from './series';
import { smartCollectionHandlers } from './smartCollections';
import { referenceHandlers } from './references';
import { settingsHandlers } from './settings';
import { updateHandlers } from './updates';

export type { HandlerDeps } from './deps';

export function createHandlers(d: HandlerDeps): RouteHandlers {
  return {
    ...appHandlers(d),
    ...keyHandlers(d),
    ...settingsHandlers(d),
    ...jobHandlers(d),
    ...chatHandlers(d),
    ...libraryHandlers(d),
    ...updateHandlers(d),
    ...compareHandlers(d),
    ...referenceHandlers(d),
    ...batchFileHandlers(d),
    ...findingHandlers(d),
    ...elementHandlers(d),
    ...promptHandlers(d),
    ...smartCollectionHandlers(d),
    ...seriesHandlers(d),
  };
}

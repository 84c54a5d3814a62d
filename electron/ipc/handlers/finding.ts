import type { DomainHandlers, HandlerDeps } from './deps';

export function findingHandlers(d: HandlerDeps): DomainHandlers<'duplicates' | 'meaning'> {
  return {
    'duplicates.groups': async ({ level }) => ({ ...(await d.duplicates.groups(level)), progress: d.fingerprints.progress() }),
    'duplicates.resolve': ({ level, groups }) => d.duplicates.resolve(level, groups),
    'duplicates.similar': ({ id }) => d.duplicates.similar(id),
    'duplicates.checkImported': async ({ ids }) => ({ matches: await d.duplicates.checkImported(ids) }),
    'duplicates.backfill': ({ action }) => (action === 'pause' ? d.fingerprints.pause() : action === 'resume' ? d.fingerprints.resume() : d.fingerprints.progress()),
    'meaning.status': () => d.meaning.counted(),
    'meaning.search': ({ text }) => d.meaning.search(text),
  };
}

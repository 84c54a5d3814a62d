import { AppError } from '../../services/errors';
import { exportAssets } from '../../services/library/Exporter';
import type { Library } from '../../services/library/Library';
import { moveLibrary } from '../../services/library/relocate';
import type { DomainHandlers, HandlerDeps } from './deps';

function fileOrThrow(library: Library, id: string): string {
  const f = library.fileOf(id, 'original');
  if (!f) throw new AppError('not_found', 'That image is no longer in the library.');
  return f.path;
}

export function libraryHandlers(d: HandlerDeps): DomainHandlers<'library' | 'collections'> {
  return {
    'library.search': (query) => d.library.search(query),
    'library.get': async ({ id }) => {
      await d.library.ensureCredentials(id);
      return d.library.get(id);
    },
    'library.credentialsPass': ({ action }) => (action === 'pause' ? d.credentialsPass.pause() : action === 'resume' ? d.credentialsPass.resume() : d.credentialsPass.progress()),
    'library.update': ({ ids, rating, favorite }) => ({ updated: d.organiser.update(ids, { rating, favorite }) }),
    'library.tag': ({ ids, add, remove }) => ({ updated: d.organiser.tag(ids, add, remove) }),
    'library.trash': ({ ids }) => ({ trashed: d.organiser.trash(ids) }),
    'library.restore': ({ ids }) => ({ restored: d.organiser.restore(ids) }),
    'library.emptyTrash': () => d.organiser.emptyTrash(),
    'library.export': async ({ ids, sidecar, embedMetadata }) => {
      const folder = await d.desktop.chooseFolder();
      if (!folder) return { folder: null, written: [], credentialsKept: 0 };
      return { folder, ...(await exportAssets(d.library, ids, folder, { sidecar, embedMetadata })) };
    },
    'library.copy': async ({ id }) => {
      await d.desktop.copyImage(fileOrThrow(d.library, id));
      return {};
    },
    'library.open': async ({ id }) => {
      await d.desktop.openPath(fileOrThrow(d.library, id));
      return {};
    },
    'library.reveal': ({ id }) => {
      d.desktop.showInFolder(fileOrThrow(d.library, id));
      return {};
    },
    'library.check': () => d.checkLibrary(),
    'library.import': ({ files, importId }) => d.importer.run(files, importId),
    'library.importPicked': ({ kind, importId }) => d.importer.runPicked(kind, d.desktop, importId),
    'library.location': () => ({ dir: d.libraryDir }),
    'library.move': () =>
      moveLibrary({
        db: d.library.db,
        libraryDir: d.libraryDir,
        userDataDir: d.userDataDir,
        chooseParent: () => d.desktop.chooseFolder('move-library'),
        // Nothing may change while the copy is made: no jobs land, then the app restarts on the copy.
        quiesce: async () => {
          d.queue.pauseAll();
          await d.queue.whenIdle();
        },
        relaunch: () => d.desktop.relaunch(),
      }),
    'library.cancelImport': ({ importId }) => {
      d.importer.cancel(importId);
      return {};
    },

    'collections.list': () => d.organiser.collections(),
    'collections.create': ({ name }) => d.organiser.createCollection(name),
    'collections.rename': ({ id, name }) => d.organiser.renameCollection(id, name),
    'collections.delete': ({ id }) => {
      d.organiser.deleteCollection(id);
      return {};
    },
    'collections.add': ({ id, assetIds }) => d.organiser.addToCollection(id, assetIds),
    'collections.remove': ({ id, assetIds }) => d.organiser.removeFromCollection(id, assetIds),
  };
}

/**
 * The one place where main's data flows into the renderer's stores, and where one room's requests
 * of another are answered (features may not import each other; app/ may import them all): events from main are
 * applied here, and the first snapshots are loaded here too. Subscribing *before* loading means
 * nothing that happens during startup is missed; the stores merge snapshot and events by id.
 */
import { useBatchStore } from '../features/batch/store';
import { useFileBatchStore } from '../features/batch/fileBatchStore';
import { useChatStore } from '../features/chat/store';
import { useCompareStore } from '../features/compare/store';
import { useEditStore } from '../features/edit/store';
import { useSeries } from '../features/series/store';
import { useGenerateStore } from '../features/generate/store';
import { useImportStore } from '../features/library/imports';
import { useLibraryStore } from '../features/library/store';
import { useDuplicates } from '../features/library/duplicates/store';
import { useCredentialsPass } from '../features/library/credentialsPass';
import { useMeaning } from '../lib/meaning';
import { useKeyStatus } from '../lib/keyStatus';
import { useQueueStore } from '../features/queue/store';
import { useJobs } from '../lib/jobCache';
import { useSettingsStore } from '../features/settings/store';
import { useUpdatesStore } from '../features/updates/store';
import { useUsageStore } from '../features/usage/store';
import type { EventPayload } from '../../../shared/ipc/contract';
import { subscribe } from '../lib/bridge';
import { useIntents } from '../lib/intents';
import { openViewer } from '../features/viewer/store';
import { useNavigation } from '../lib/navigation';
import { useNotices } from '../lib/notices';
import { useModelsStore } from '../lib/models';
import { useJobProgress } from '../lib/progress';

let connected = false;

/** Files opened with Atelier from the desktop: show the library with the (first) image open. */
function showOpenedFiles({ assetIds, rejected }: EventPayload<'app.filesOpened'>): void {
  if (assetIds.length) {
    useNavigation.getState().navigate('library');
    void useLibraryStore.getState().select(assetIds[0]!);
  }
  const opened = assetIds.length === 1 ? 'Opened 1 image.' : assetIds.length ? `Opened ${assetIds.length} images.` : '';
  const refused = rejected.length ? ` Could not open ${rejected.map((r) => `${r.name} (${r.reason})`).join(', ')}`.slice(0, 400) : '';
  if (opened || refused) useNotices.getState().push({ kind: rejected.length ? 'warning' : 'info', message: `${opened}${refused}`.trim() });
}

/** Call once at startup. Returns a function that stops listening (for tests and hot reload). */
export function connectStores(): () => void {
  if (connected) throw new Error('connectStores() was called twice.');
  connected = true;

  const stops = [
    useIntents.getState().answer({
      openGeneration: (id) => {
        useNavigation.getState().navigate('library');
        void useLibraryStore.getState().openGeneration(id);
      },
      reuse: (gen) => {
        useGenerateStore.getState().reuse(gen);
        useNavigation.getState().navigate('studio');
      },
      addReferences: (ids) => useGenerateStore.getState().addReferences(ids.map((assetId) => ({ assetId }))),
      openViewer,
      compareAssets: (ids) => {
        useNavigation.getState().navigate('compare');
        void useCompareStore.getState().openAssets(ids.slice(0, 4));
      },
      showComparison: (id) => {
        useNavigation.getState().navigate('compare');
        void useCompareStore.getState().open(id);
      },
      startChat: (assetId) => {
        useNavigation.getState().navigate('chats');
        void useChatStore
          .getState()
          .create()
          .then(() => useChatStore.getState().attachAssets([{ assetId }]));
      },
    }),
    useGenerateStore.subscribe((state, prev) => {
      if (state.references === prev.references) return;
      useIntents.setState({ studioReferences: new Set(state.references.flatMap((r) => ('assetId' in r ? [r.assetId] : []))) });
    }),
    // Every copy of a job goes through the one cache; only a newer copy moves anything on.
    subscribe('job.updated', (job) => {
      const { before, kept } = useJobs.getState().put(job);
      if (kept === before) return;
      useJobProgress.getState().applyJob(kept);
      useChatStore.getState().jobMoved(kept, before);
      useUsageStore.getState().applyJob(kept);
      useEditStore.getState().applyJob(kept);
    }),
    subscribe('job.progress', (progress) => useJobProgress.getState().apply(progress)),
    subscribe('comparison.updated', (c) => useCompareStore.getState().apply(c)),
    subscribe('batchFile.updated', (b) => useFileBatchStore.getState().apply(b)),
    subscribe('series.updated', (series) => useSeries.getState().apply(series)),
    subscribe('chat.updated', ({ conversationId }) => useChatStore.getState().applyChatUpdated(conversationId)),
    subscribe('queue.status', (status) => useQueueStore.getState().applyStatus(status)),
    subscribe('library.added', (assets) => useLibraryStore.getState().addAssets(assets)),
    subscribe('library.changed', ({ ids }) => useLibraryStore.getState().applyChanged(ids)),
    subscribe('meaning.status', (status) => useMeaning.getState().apply(status)),
    subscribe('fingerprints.progress', (p) => useDuplicates.getState().applyProgress(p)),
    subscribe('credentials.progress', (p) => useCredentialsPass.getState().apply(p)),
    subscribe('import.progress', (progress) => useImportStore.getState().applyProgress(progress)),
    subscribe('notice', (notice) => useNotices.getState().push(notice)),
    subscribe('models.updated', (models) => useModelsStore.getState().setModels(models)),
    // Every new catalog, loaded or sent, refits the choices of the forms that keep them.
    useModelsStore.subscribe((state, prev) => {
      if (!state.models || state.models === prev.models) return;
      useGenerateStore.getState().applyModels();
      useBatchStore.getState().applyModels();
    }),
    subscribe('updates.status', (status) => useUpdatesStore.getState().apply(status)),
    subscribe('app.filesOpened', (opened) => showOpenedFiles(opened)),
    subscribe('key.changed', (status) => {
      const hadKey = useKeyStatus.getState().status?.hasKey === true;
      useKeyStatus.getState().applyStatus(status);
      // A newly connected key can see the live models list; before, only the fallback was known.
      if (status.hasKey && !hadKey) {
        void useModelsStore.getState().load();
        useGenerateStore.getState().keySaved();
      }
    }),
    // Saved defaults feed the generate panel until the user picks something there themselves.
    useSettingsStore.subscribe((state, prev) => {
      if (state.settings && state.settings !== prev.settings) useGenerateStore.getState().adoptDefaults(state.settings);
    }),
  ];

  void useNotices.getState().loadPending();
  // The live list outranks the cached one: once a key is known, ask Gemini again (offline, the cache stays).
  void useKeyStatus.getState().load().then(() => {
    if (useKeyStatus.getState().status?.hasKey) void useModelsStore.getState().load(true);
  });
  void useSettingsStore.getState().load();
  void useModelsStore.getState().load();
  void useJobs.getState().load();
  void useQueueStore.getState().loadStatus();
  void useLibraryStore.getState().load();

  return () => {
    for (const stop of stops) stop();
    connected = false;
  };
}

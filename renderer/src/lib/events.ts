/**
 * The one place where main's data flows into the renderer's stores: events from main are
 * applied here, and the first snapshots are loaded here too. Subscribing *before* loading means
 * nothing that happens during startup is missed; the stores merge snapshot and events by id.
 */
import { useBatchStore } from '../features/batch/store';
import { useChatStore } from '../features/chat/store';
import { useCompareStore } from '../features/compare/store';
import { useEditStore } from '../features/edit/store';
import { useGenerateStore } from '../features/generate/store';
import { useImportStore } from '../features/library/imports';
import { useLibraryStore } from '../features/library/store';
import { useOnboardingStore } from '../features/onboarding/store';
import { useQueueStore } from '../features/queue/store';
import { useSettingsStore } from '../features/settings/store';
import { useUsageStore } from '../features/usage/store';
import { call, subscribe } from './bridge';
import { useNotices } from './notices';

let connected = false;

/** Call once at startup. Returns a function that stops listening (for tests and hot reload). */
export function connectStores(): () => void {
  if (connected) throw new Error('connectStores() was called twice.');
  connected = true;

  const stops = [
    subscribe('job.updated', (job) => useQueueStore.getState().upsert(job)),
    subscribe('job.updated', (job) => {
      useChatStore.getState().applyJob(job);
      useBatchStore.getState().applyJob(job);
      useUsageStore.getState().applyJob(job);
      useEditStore.getState().applyJob(job);
    }),
    subscribe('comparison.updated', (c) => useCompareStore.getState().apply(c)),
    subscribe('chat.updated', ({ conversationId }) => useChatStore.getState().applyChatUpdated(conversationId)),
    subscribe('queue.status', (status) => useQueueStore.getState().applyStatus(status)),
    subscribe('library.added', (assets) => useLibraryStore.getState().addAssets(assets)),
    subscribe('library.changed', ({ ids }) => useLibraryStore.getState().applyChanged(ids)),
    subscribe('import.progress', (progress) => useImportStore.getState().applyProgress(progress)),
    subscribe('notice', (notice) => useNotices.getState().push(notice)),
    subscribe('key.changed', (status) => {
      const hadKey = useOnboardingStore.getState().status?.hasKey === true;
      useOnboardingStore.getState().applyStatus(status);
      // A newly connected key can see the live models list; before, only the fallback was known.
      if (status.hasKey && !hadKey) void useGenerateStore.getState().loadModels();
    }),
    // Saved defaults feed the generate panel until the user picks something there themselves.
    useSettingsStore.subscribe((state, prev) => {
      if (state.settings && state.settings !== prev.settings) useGenerateStore.getState().adoptDefaults(state.settings);
    }),
  ];

  // What main had to tell before this window was listening (e.g. retired models it replaced).
  void call('app.notices').then((res) => {
    if (res.ok) for (const n of res.data) useNotices.getState().push(n);
  });
  void useOnboardingStore.getState().load();
  void useSettingsStore.getState().load();
  void useGenerateStore.getState().loadModels();
  void useQueueStore.getState().load();
  void useQueueStore.getState().loadStatus();
  void useLibraryStore.getState().load();

  return () => {
    for (const stop of stops) stop();
    connected = false;
  };
}

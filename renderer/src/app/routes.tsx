/**
 * The app's screens, in sidebar order. A screen adds itself with one line here (Settings stays
 * last). `id` is also what `useNavigation().navigate(id)` takes and the nav button's test id.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { LibraryPage } from '../features/library/LibraryPage';
import { BatchIcon, ChatIcon, CompareIcon, EditIcon, LibraryIcon, SettingsIcon, StackIcon, StudioIcon, UsageIcon } from '../lib/icons';
import { StudioPage } from './studio/StudioPage';

// The studio and the library are in the first bundle; every other screen loads when first
// opened, so the window does not parse the canvas, compare and chat code before its first paint.
const BatchPage = lazy(() => import('../features/batch/BatchView').then((m) => ({ default: m.BatchPage })));
const ChatsView = lazy(() => import('../features/chat/ChatsView').then((m) => ({ default: m.ChatsView })));
const CompareView = lazy(() => import('../features/compare').then((m) => ({ default: m.CompareView })));
const ComparedIn = lazy(() => import('../features/compare').then((m) => ({ default: m.ComparedIn })));
const StatsView = lazy(() => import('../features/compare').then((m) => ({ default: m.StatsView })));
const EditView = lazy(() => import('../features/edit').then((m) => ({ default: m.EditView })));
const SettingsView = lazy(() => import('../features/settings/SettingsView').then((m) => ({ default: m.SettingsView })));
const UsagePage = lazy(() => import('../features/usage/UsageView').then((m) => ({ default: m.UsagePage })));

export interface Route {
  id: string;
  label: string;
  icon: ComponentType;
  view: ComponentType;
}

/** The library, its image details saying which comparisons the image was in. */
function LibraryScreen() {
  return (
    <LibraryPage
      aboutAsset={(assetId) => (
        <Suspense fallback={null}>
          <ComparedIn assetId={assetId} />
        </Suspense>
      )}
    />
  );
}

function SettingsPage() {
  return (
    <div className="workspace-scroll">
      <SettingsView />
    </div>
  );
}

function StatsPage() {
  return (
    <div className="workspace-scroll">
      <StatsView />
    </div>
  );
}

export const ROUTES: readonly Route[] = [
  { id: 'studio', label: 'Studio', icon: StudioIcon, view: StudioPage },
  { id: 'library', label: 'Library', icon: LibraryIcon, view: LibraryScreen },
  { id: 'chats', label: 'Chats', icon: ChatIcon, view: ChatsView },
  { id: 'edit', label: 'Edit', icon: EditIcon, view: EditView },
  { id: 'compare', label: 'Compare', icon: CompareIcon, view: CompareView },
  { id: 'stats', label: 'Votes', icon: StackIcon, view: StatsPage },
  { id: 'batch', label: 'Batch', icon: BatchIcon, view: BatchPage },
  { id: 'usage', label: 'Usage', icon: UsageIcon, view: UsagePage },
  { id: 'settings', label: 'Settings', icon: SettingsIcon, view: SettingsPage },
];

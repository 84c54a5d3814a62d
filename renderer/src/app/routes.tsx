/**
 * The app's screens, in sidebar order (the order and names are in screens.ts, which the keymap
 * reads too). `id` is also what `useNavigation().navigate(id)` takes and the nav button's test id.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { LibraryPage } from '../features/library/LibraryPage';
import { BatchIcon, ChatIcon, CompareIcon, EditIcon, LibraryIcon, SettingsIcon, StackIcon, StudioIcon, UsageIcon } from '../lib/icons';
import { SCREENS, type ScreenId } from './screens';
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

const PARTS: Record<ScreenId, Pick<Route, 'icon' | 'view'>> = {
  studio: { icon: StudioIcon, view: StudioPage },
  library: { icon: LibraryIcon, view: LibraryScreen },
  chats: { icon: ChatIcon, view: ChatsView },
  edit: { icon: EditIcon, view: EditView },
  compare: { icon: CompareIcon, view: CompareView },
  stats: { icon: StackIcon, view: StatsPage },
  batch: { icon: BatchIcon, view: BatchPage },
  usage: { icon: UsageIcon, view: UsagePage },
  settings: { icon: SettingsIcon, view: SettingsPage },
};

export const ROUTES: readonly Route[] = SCREENS.map((s) => ({ ...s, ...PARTS[s.id] }));

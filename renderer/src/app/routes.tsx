/**
 * The app's screens, in sidebar order. A screen adds itself with one line here (Settings stays
 * last). `id` is also what `useNavigation().navigate(id)` takes and the nav button's test id.
 */
import type { ComponentType } from 'react';
import { BatchPage } from '../features/batch/BatchView';
import { ChatsView } from '../features/chat/ChatsView';
import { ComparedIn, CompareView, StatsView } from '../features/compare';
import { EditView } from '../features/edit';
import { LibraryPage } from '../features/library/LibraryPage';
import { SettingsView } from '../features/settings/SettingsView';
import { UsagePage } from '../features/usage/UsageView';
import { BatchIcon, ChatIcon, CompareIcon, EditIcon, LibraryIcon, SettingsIcon, StackIcon, StudioIcon, UsageIcon } from '../lib/icons';
import { StudioPage } from './studio/StudioPage';

export interface Route {
  id: string;
  label: string;
  icon: ComponentType;
  view: ComponentType;
}

/** The library, its image details saying which comparisons the image was in. */
function LibraryScreen() {
  return <LibraryPage aboutAsset={(assetId) => <ComparedIn assetId={assetId} />} />;
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

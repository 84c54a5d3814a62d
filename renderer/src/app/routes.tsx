/**
 * The app's screens, in sidebar order. A screen adds itself with one line here (Settings stays
 * last). `id` is also what `useNavigation().navigate(id)` takes and the nav button's test id.
 */
import type { ComponentType } from 'react';
import { BatchPage } from '../features/batch/BatchView';
import { ChatsView } from '../features/chat/ChatsView';
import { GeneratePanel } from '../features/generate/GeneratePanel';
import { LibraryView } from '../features/library/LibraryView';
import { QueuePanel } from '../features/queue/QueuePanel';
import { SettingsView } from '../features/settings/SettingsView';
import { UsagePage } from '../features/usage/UsageView';
import { BatchIcon, ChatIcon, CompareIcon, LibraryIcon, SettingsIcon, StudioIcon, UsageIcon } from '../lib/icons';
import { StudioPage } from './studio/StudioPage';

export interface Route {
  id: string;
  label: string;
  icon: ComponentType;
  view: ComponentType;
}

function LibraryPage() {
  return (
    <>
      <h1 className="sr-only">Library</h1>
      {/* Until the library's own full-window view lands, the old column keeps its prompt and queue. */}
      <LibraryView
        before={
          <>
            <GeneratePanel />
            <QueuePanel />
          </>
        }
      />
    </>
  );
}

function SettingsPage() {
  return (
    <div className="workspace-scroll">
      <SettingsView />
    </div>
  );
}

/** Filled by the compare feature; until it lands, the route says what it will hold. */
function ComparePage() {
  return (
    <div className="workspace-scroll">
      <div className="page">
        <header className="page-header">
          <h1 className="page-title">Compare</h1>
        </header>
        <p className="muted">Put two or more results side by side: pick them in the library or the studio and choose Compare.</p>
      </div>
    </div>
  );
}

export const ROUTES: readonly Route[] = [
  { id: 'studio', label: 'Studio', icon: StudioIcon, view: StudioPage },
  { id: 'library', label: 'Library', icon: LibraryIcon, view: LibraryPage },
  { id: 'chats', label: 'Chats', icon: ChatIcon, view: ChatsView },
  { id: 'compare', label: 'Compare', icon: CompareIcon, view: ComparePage },
  { id: 'batch', label: 'Batch', icon: BatchIcon, view: BatchPage },
  { id: 'usage', label: 'Usage', icon: UsageIcon, view: UsagePage },
  { id: 'settings', label: 'Settings', icon: SettingsIcon, view: SettingsPage },
];

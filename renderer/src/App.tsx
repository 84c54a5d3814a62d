import { useEffect, type ComponentType } from 'react';
import { registerDefaultViewerActions } from './app/viewerActions';
import { BatchPage } from './features/batch/BatchView';
import { ChatsView } from './features/chat/ChatsView';
import { LibraryPage } from './features/library/LibraryPage';
import { LibraryView } from './features/library/LibraryView';
import { OnboardingDialog } from './features/onboarding/OnboardingDialog';
import { useOnboardingStore } from './features/onboarding/store';
import { SettingsView } from './features/settings/SettingsView';
import { UsagePage } from './features/usage/UsageView';
import { BatchIcon, ChatIcon, KeyIcon, LibraryIcon, SettingsIcon, SparkIcon, UsageIcon } from './lib/icons';
import { useNavigation } from './lib/navigation';
import { Notices } from './lib/notices';
import { Viewer } from './lib/viewer/Viewer';

interface NavEntry {
  /** Also the testid (`nav-<id>`) and what `useNavigation().navigate(id)` takes. */
  id: string;
  label: string;
  icon: ComponentType;
  /** Fills <main className="workspace">: a `.workspace-scroll` column, and optionally a side panel. */
  view: ComponentType;
}

function SettingsPage() {
  return (
    <div className="workspace-scroll">
      <SettingsView />
    </div>
  );
}

/** The sidebar, in order. A feature adds itself with one line here (Settings stays last). */
const NAV: NavEntry[] = [
  { id: 'studio', label: 'Studio', icon: SparkIcon, view: LibraryView },
  { id: 'library', label: 'Library', icon: LibraryIcon, view: LibraryPage },
  { id: 'chats', label: 'Chats', icon: ChatIcon, view: ChatsView },
  { id: 'batch', label: 'Batch', icon: BatchIcon, view: BatchPage },
  { id: 'usage', label: 'Usage', icon: UsageIcon, view: UsagePage },
  { id: 'settings', label: 'Settings', icon: SettingsIcon, view: SettingsPage },
];

function Sidebar() {
  const view = useNavigation((s) => s.view);
  const navigate = useNavigation((s) => s.navigate);
  const hasKey = useOnboardingStore((s) => s.status?.hasKey);
  const openDialog = useOnboardingStore((s) => s.openDialog);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Atelier</span>
      </div>
      <ul className="nav-list">
        {NAV.map(({ id, label, icon: Icon }) => (
          <li key={id}>
            <button
              type="button"
              className="nav-item"
              data-testid={`nav-${id}`}
              aria-current={view === id ? 'page' : undefined}
              onClick={() => navigate(id)}
            >
              <Icon />
              {label}
            </button>
          </li>
        ))}
      </ul>
      <span className="spacer" />
      {hasKey === false && (
        <button type="button" className="sidebar-key" onClick={() => openDialog('startup')}>
          <KeyIcon />
          <span>
            <strong>No API key</strong>
            <span className="muted">Connect to generate</span>
          </span>
        </button>
      )}
    </nav>
  );
}

export function App() {
  const view = useNavigation((s) => s.view);
  const { view: View } = NAV.find((n) => n.id === view) ?? NAV[0]!;
  useEffect(() => registerDefaultViewerActions(), []);
  return (
    <div className="app">
      <Sidebar />
      <main className="workspace" data-view={view}>
        <View />
      </main>
      <Viewer />
      <OnboardingDialog />
      <Notices />
    </div>
  );
}

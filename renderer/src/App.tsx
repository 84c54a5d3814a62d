import { useState } from 'react';
import { GeneratePanel } from './features/generate/GeneratePanel';
import { JobsList } from './features/jobs/JobsList';
import { AssetDetail } from './features/library/AssetDetail';
import { LibraryGrid } from './features/library/LibraryGrid';
import { OnboardingDialog } from './features/onboarding/OnboardingDialog';
import { useOnboardingStore } from './features/onboarding/store';
import { SettingsView } from './features/settings/SettingsView';
import { KeyIcon, LibraryIcon, SettingsIcon } from './lib/icons';

type View = 'library' | 'settings';

function Sidebar({ view, onNavigate }: { view: View; onNavigate: (view: View) => void }) {
  const hasKey = useOnboardingStore((s) => s.status?.hasKey);
  const openDialog = useOnboardingStore((s) => s.openDialog);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Atelier</span>
      </div>
      <ul className="nav-list">
        <li>
          <button
            type="button"
            className="nav-item"
            data-testid="nav-library"
            aria-current={view === 'library' ? 'page' : undefined}
            onClick={() => onNavigate('library')}
          >
            <LibraryIcon />
            Library
          </button>
        </li>
        <li>
          <button
            type="button"
            className="nav-item"
            data-testid="nav-settings"
            aria-current={view === 'settings' ? 'page' : undefined}
            onClick={() => onNavigate('settings')}
          >
            <SettingsIcon />
            Settings
          </button>
        </li>
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
  const [view, setView] = useState<View>('library');
  return (
    <div className="app">
      <Sidebar view={view} onNavigate={setView} />
      {view === 'library' ? (
        <main className="workspace">
          <div className="workspace-scroll">
            <GeneratePanel />
            <JobsList />
            <LibraryGrid />
          </div>
          <AssetDetail />
        </main>
      ) : (
        <main className="workspace">
          <div className="workspace-scroll">
            <SettingsView />
          </div>
        </main>
      )}
      <OnboardingDialog />
    </div>
  );
}

import { useEffect, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AlertIcon } from '../../lib/icons';
import { useNavigation } from '../../lib/navigation';
import { BudgetSection } from './sections/BudgetSection';
import { DefaultsSection } from './sections/DefaultsSection';
import { EndpointForm } from './sections/EndpointSection';
import { KeySection } from './sections/KeySection';
import { LibraryFolderSection } from './sections/LibraryFolderSection';
import { MeaningSection } from './sections/MeaningSection';
import { ModelsSection } from './sections/ModelsSection';
import { NotifySection } from './sections/NotifySection';
import { PrioritySection } from './sections/PrioritySection';
import { PrivacySection } from './sections/PrivacySection';
import { QuotaSection } from './sections/QuotaSection';
import { StreamingSection } from './sections/StreamingSection';
import { useSettingsStore } from './store';
import './settings.css';

/** The sections in page order, by their headings' ids: the index lists them, others link to them. */
export const SETTINGS_SECTIONS = [
  { id: 'settings-key', label: 'API key' },
  { id: 'settings-endpoint', label: 'API endpoint' },
  { id: 'settings-defaults', label: 'Defaults' },
  { id: 'settings-quota', label: 'Quota' },
  { id: 'settings-budget', label: 'Budget' },
  { id: 'settings-notify-title', label: 'Notifications' },
  { id: 'settings-streaming-title', label: 'Live progress' },
  { id: 'settings-privacy-title', label: 'Privacy' },
  { id: 'settings-priority-title', label: 'Priority' },
  { id: 'settings-library', label: 'Library folder' },
  { id: 'settings-meaning-title', label: 'Search by meaning' },
  { id: 'settings-models', label: 'Models' },
] as const;

/** Scrolls a section's card into view and moves focus to its heading, so keyboard users land there too. */
function showSection(id: string): boolean {
  const heading = document.getElementById(id);
  if (!heading) return false;
  heading.closest('.settings-card')?.scrollIntoView({ block: 'start' });
  heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
  return true;
}

/** A sticky list of the sections: Budget is well over a screen down the page. */
function SettingsIndex() {
  function go(e: MouseEvent<HTMLAnchorElement>, id: string) {
    // The window's hash is the screen (#/settings); an anchor jump would replace it.
    e.preventDefault();
    showSection(id);
  }
  return (
    <nav className="settings-index" aria-label="Settings sections" data-testid="settings-index">
      <ul>
        {SETTINGS_SECTIONS.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`} onClick={(e) => go(e, s.id)}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Settings: one section per file in sections/, in the order a person looks for them. */
export function SettingsView() {
  const { settings, loadError } = useSettingsStore(useShallow((s) => ({ settings: s.settings, loadError: s.loadError })));
  const section = useNavigation((s) => s.section);
  useEffect(() => {
    // Arrived from a link to one section (Usage's "Budget in Settings"): show it once it is drawn.
    if (section && showSection(section)) useNavigation.getState().takeSection();
  }, [section, settings]);
  return (
    <div className="settings-page">
      <SettingsIndex />
      <div className="settings-view" data-testid="settings-view">
        <header className="page-header">
          <h1 className="page-title">Settings</h1>
        </header>
        <KeySection />
        {loadError && (
          <p className="inline-error" role="alert">
            <AlertIcon />
            <span>Could not load settings: {loadError}</span>
          </p>
        )}
        {settings && (
          <>
            <EndpointForm key={settings.apiBaseUrl ?? ''} settings={settings} />
            <DefaultsSection settings={settings} />
            <QuotaSection key={`q-${JSON.stringify(settings.quotas)}-${settings.maxInFlight}-${settings.spendPer10MinUsd ?? ''}`} settings={settings} />
            <BudgetSection key={`b-${settings.monthlyBudgetUsd ?? ''}`} settings={settings} />
            <NotifySection key={`n-${settings.notifyWhenDone}`} settings={settings} />
            <StreamingSection key={`s-${settings.streaming}`} settings={settings} />
            <PrivacySection settings={settings} />
            <PrioritySection settings={settings} />
          </>
        )}
        <LibraryFolderSection />
        {settings && <MeaningSection settings={settings} />}
        <ModelsSection />
      </div>
    </div>
  );
}

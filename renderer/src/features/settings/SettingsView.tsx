import { useShallow } from 'zustand/react/shallow';
import { AlertIcon } from '../../lib/icons';
import { BudgetSection } from './sections/BudgetSection';
import { DefaultsSection } from './sections/DefaultsSection';
import { EndpointForm } from './sections/EndpointSection';
import { KeySection } from './sections/KeySection';
import { LibraryFolderSection } from './sections/LibraryFolderSection';
import { ModelsSection } from './sections/ModelsSection';
import { NotifySection } from './sections/NotifySection';
import { QuotaSection } from './sections/QuotaSection';
import { StreamingSection } from './sections/StreamingSection';
import { useSettingsStore } from './store';

/** Settings: one section per file in sections/, in the order a person looks for them. */
export function SettingsView() {
  const { settings, loadError } = useSettingsStore(useShallow((s) => ({ settings: s.settings, loadError: s.loadError })));
  return (
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
        </>
      )}
      <LibraryFolderSection />
      <ModelsSection />
    </div>
  );
}

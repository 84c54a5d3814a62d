import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { KeyStatus, Settings } from '../../../../shared/ipc/contract';
import { MODEL_TIERS, TIER_LABELS, aspectRatiosForTier, type AspectRatio, type ModelTier } from '../../../../shared/models';
import { formatDateTime } from '../../lib/format';
import { AlertIcon, CheckIcon, LockIcon } from '../../lib/icons';
import { useGenerateStore } from '../generate/store';
import { useOnboardingStore } from '../onboarding/store';
import { useSettingsStore, type SettingsSection } from './store';

function keyStatusText(status: KeyStatus): string {
  if (!status.hasKey) return 'No key yet';
  switch (status.source) {
    case 'keychain':
      return 'Key stored in your system keychain';
    case 'env':
      return 'Key from the GEMINI_API_KEY environment variable (read-only)';
    case 'encrypted-file':
      return 'Key stored in an encrypted file';
    default:
      return 'Key connected';
  }
}

function SaveResult({ section }: { section: SettingsSection }) {
  const { saveError, savedSection, saving } = useSettingsStore(
    useShallow((s) => ({ saveError: s.saveError, savedSection: s.savedSection, saving: s.saving })),
  );
  if (saving === section) return <span className="muted save-result">Saving…</span>;
  if (saveError?.section === section)
    return (
      <p className="inline-error" role="alert" data-testid={section === 'endpoint' ? 'settings-error' : 'defaults-error'}>
        <AlertIcon />
        <span>{saveError.text}</span>
      </p>
    );
  if (savedSection === section)
    return (
      <span className="save-result is-success" data-testid={section === 'endpoint' ? 'settings-saved' : 'defaults-saved'}>
        <CheckIcon /> Saved
      </span>
    );
  return null;
}

function KeySection() {
  const { status, statusError, clearError, openDialog, clearKey } = useOnboardingStore(
    useShallow((s) => ({
      status: s.status,
      statusError: s.statusError,
      clearError: s.clearError,
      openDialog: s.openDialog,
      clearKey: s.clearKey,
    })),
  );
  return (
    <section className="settings-card" aria-labelledby="settings-key">
      <h2 id="settings-key" className="settings-card-title">
        API key
      </h2>
      {statusError && (
        <p className="inline-error" role="alert">
          <AlertIcon />
          <span>{statusError}</span>
        </p>
      )}
      {status && (
        <>
          <p className="key-status" data-testid="key-status">
            <span className={`status-dot${status.hasKey ? ' is-on' : ''}`} aria-hidden="true" />
            {keyStatusText(status)}
          </p>
          <p className="muted store-line">
            <LockIcon />
            <span data-testid="settings-store-message">{status.storeMessage}</span>
          </p>
          <div className="row-actions">
            <button
              type="button"
              className="btn btn-secondary"
              data-testid="key-replace"
              onClick={() => openDialog('replace')}
            >
              {status.hasKey ? 'Replace key' : 'Connect key'}
            </button>
            {status.hasKey && status.source !== 'env' && (
              <button type="button" className="btn btn-danger" data-testid="key-clear" onClick={() => void clearKey()}>
                Remove key
              </button>
            )}
          </div>
          {clearError && (
            <p className="inline-error" role="alert" data-testid="key-clear-error">
              <AlertIcon />
              <span>{clearError}</span>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function EndpointForm({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const saving = useSettingsStore((s) => s.saving === 'endpoint');
  const [value, setValue] = useState(settings.apiBaseUrl ?? '');
  const inputId = useId();
  const helpId = useId();
  const overridden = settings.effectiveApiBaseUrl !== null && settings.effectiveApiBaseUrl !== settings.apiBaseUrl;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const trimmed = value.trim();
    void update('endpoint', { apiBaseUrl: trimmed === '' ? null : trimmed });
  }

  return (
    <form className="settings-card" aria-labelledby="settings-endpoint" onSubmit={onSubmit} noValidate>
      <h2 id="settings-endpoint" className="settings-card-title">
        API endpoint
      </h2>
      <label className="field-label" htmlFor={inputId}>
        Base URL
      </label>
      <div className="field-row">
        <input
          id={inputId}
          className="input input-mono"
          type="text"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          data-testid="settings-base-url"
          aria-describedby={helpId}
          placeholder="Google’s default endpoint"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" data-testid="settings-save" disabled={saving}>
          Save
        </button>
      </div>
      <p id={helpId} className="muted help">
        Leave empty to talk to Google directly. Set it to send requests through a proxy.
      </p>
      {overridden && (
        <p className="notice" data-testid="settings-effective-base-url">
          GEMINI_BASE_URL in the environment overrides this. In use: <span className="mono">{settings.effectiveApiBaseUrl}</span>
        </p>
      )}
      <SaveResult section="endpoint" />
    </form>
  );
}

function DefaultsSection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const ratioId = useId();

  function setTier(tier: ModelTier) {
    const ratio = aspectRatiosForTier(tier).find((r) => r === settings.defaultAspectRatio) ?? '1:1';
    void update('defaults', { defaultTier: tier, defaultAspectRatio: ratio });
  }

  return (
    <section className="settings-card" aria-labelledby="settings-defaults">
      <h2 id="settings-defaults" className="settings-card-title">
        Defaults
      </h2>
      <p className="muted help">What a new session of Atelier starts with.</p>
      <div className="settings-grid">
        <span className="field-label" id={`${ratioId}-tier`}>
          Model tier
        </span>
        <div className="segmented" role="group" aria-labelledby={`${ratioId}-tier`}>
          {MODEL_TIERS.map((t) => (
            <button
              key={t}
              type="button"
              className="segment"
              data-testid={`settings-default-tier-${t}`}
              aria-pressed={settings.defaultTier === t}
              onClick={() => setTier(t)}
            >
              {TIER_LABELS[t]}
            </button>
          ))}
        </div>
        <label className="field-label" htmlFor={ratioId}>
          Aspect ratio
        </label>
        <select
          id={ratioId}
          className="select"
          data-testid="settings-default-aspect"
          value={settings.defaultAspectRatio}
          onChange={(e) => void update('defaults', { defaultAspectRatio: e.target.value as AspectRatio })}
        >
          {aspectRatiosForTier(settings.defaultTier).map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <SaveResult section="defaults" />
    </section>
  );
}

function ModelsSection() {
  const { models, modelsError, loadModels } = useGenerateStore(
    useShallow((s) => ({ models: s.models, modelsError: s.modelsError, loadModels: s.loadModels })),
  );
  const [refreshing, setRefreshing] = useState(false);
  return (
    <section className="settings-card" aria-labelledby="settings-models">
      <h2 id="settings-models" className="settings-card-title">
        Models
      </h2>
      {models && (
        <dl className="settings-grid model-list">
          {MODEL_TIERS.map((t) => (
            <div key={t} className="contents">
              <dt className="field-label">{TIER_LABELS[t]}</dt>
              <dd className="mono">{models.tiers[t]}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className="muted help">
        {models?.fetchedAt
          ? `Checked with Gemini ${formatDateTime(models.fetchedAt)}.`
          : 'Built-in list; Atelier checks with Gemini once a key is connected.'}
      </p>
      {modelsError && (
        <p className="inline-error" role="alert">
          <AlertIcon />
          <span>{modelsError}</span>
        </p>
      )}
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-secondary"
          data-testid="models-refresh"
          disabled={refreshing}
          onClick={() => {
            setRefreshing(true);
            void loadModels(true).finally(() => setRefreshing(false));
          }}
        >
          {refreshing ? 'Checking…' : 'Check again'}
        </button>
      </div>
    </section>
  );
}

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
        </>
      )}
      <ModelsSection />
    </div>
  );
}

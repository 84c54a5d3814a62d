import { useEffect, useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { KeyStatus, Settings, TierQuota } from '../../../../shared/ipc/contract';
import { MODEL_TIERS, TIER_LABELS, aspectRatiosForTier, type AspectRatio, type ModelTier } from '../../../../shared/models';
import { call } from '../../lib/bridge';
import { errorText, formatCount, formatDateTime } from '../../lib/format';
import { AlertIcon, CheckIcon, LockIcon } from '../../lib/icons';
import { useGenerateStore } from '../generate/store';
import { useOnboardingStore } from '../../lib/onboarding';
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

/** Each section's result testids; the first two predate the others and tests rely on them. */
const RESULT_IDS: Record<SettingsSection, { error: string; saved: string }> = {
  endpoint: { error: 'settings-error', saved: 'settings-saved' },
  defaults: { error: 'defaults-error', saved: 'defaults-saved' },
  quotas: { error: 'quotas-error', saved: 'quotas-saved' },
  budget: { error: 'budget-error', saved: 'budget-saved' },
  notify: { error: 'notify-error', saved: 'notify-saved' },
  streaming: { error: 'streaming-error', saved: 'streaming-saved' },
};

function SaveResult({ section }: { section: SettingsSection }) {
  const { saveError, savedSection, saving } = useSettingsStore(
    useShallow((s) => ({ saveError: s.saveError, savedSection: s.savedSection, saving: s.saving })),
  );
  if (saving === section) return <span className="muted save-result">Saving…</span>;
  if (saveError?.section === section)
    return (
      <p className="inline-error" role="alert" data-testid={RESULT_IDS[section].error}>
        <AlertIcon />
        <span>{saveError.text}</span>
      </p>
    );
  if (savedSection === section)
    return (
      <span className="save-result is-success" data-testid={RESULT_IDS[section].saved}>
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
    <section className="panel settings-card" aria-labelledby="settings-key">
      <h2 id="settings-key" className="card-title">
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
    <form className="panel settings-card" aria-labelledby="settings-endpoint" onSubmit={onSubmit} noValidate>
      <h2 id="settings-endpoint" className="card-title">
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
    <section className="panel settings-card" aria-labelledby="settings-defaults">
      <h2 id="settings-defaults" className="card-title">
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
    <section className="panel settings-card" aria-labelledby="settings-models">
      <h2 id="settings-models" className="card-title">
        Models
      </h2>
      {models && (
        <dl className="settings-grid model-list">
          {MODEL_TIERS.map((t) => (
            <div key={t} className="contents">
              <dt className="field-label">{TIER_LABELS[t]}</dt>
              <dd data-testid={`settings-tier-${t}`}>
                <span className="mono">{models.tiers[t]}</span>
                <span className="field-hint" data-source={models.resolution[t].source}>
                  {models.resolution[t].reason}
                </span>
              </dd>
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

type QuotaField = 'rpm' | 'ipm' | 'rpd';
const QUOTA_FIELDS: { field: QuotaField; key: keyof TierQuota; label: string; max: number; optional: boolean }[] = [
  { field: 'rpm', key: 'requestsPerMinute', label: 'Requests / minute', max: 10_000, optional: false },
  { field: 'ipm', key: 'imagesPerMinute', label: 'Images / minute', max: 100_000, optional: true },
  { field: 'rpd', key: 'requestsPerDay', label: 'Requests / day', max: 10_000_000, optional: true },
];

type QuotaDraft = Record<ModelTier, Record<QuotaField, string>>;

function draftOf(settings: Settings): QuotaDraft {
  const out = {} as QuotaDraft;
  for (const t of MODEL_TIERS) {
    const q = settings.quotas[t];
    out[t] = {
      rpm: q ? String(q.requestsPerMinute) : '',
      ipm: q?.imagesPerMinute != null ? String(q.imagesPerMinute) : '',
      rpd: q?.requestsPerDay != null ? String(q.requestsPerDay) : '',
    };
  }
  return out;
}

/** A whole number in range, null for an empty optional field; a sentence when it is neither. */
function parseLimit(raw: string, what: string, max: number, optional: boolean): number | null | string {
  const v = raw.trim().replace(/[,\s_]/g, '');
  if (v === '') return optional ? null : `${what} is required.`;
  if (!/^\d+$/.test(v)) return `${what} must be a whole number.`;
  const n = Number(v);
  if (n < 1 || n > max) return `${what} must be between 1 and ${formatCount(max)}.`;
  return n;
}

function QuotaSection({ settings }: { settings: Settings }) {
  const { update, failValidation } = useSettingsStore(useShallow((s) => ({ update: s.update, failValidation: s.failValidation })));
  const saving = useSettingsStore((s) => s.saving === 'quotas');
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [inFlight, setInFlight] = useState(String(settings.maxInFlight));
  const [spend, setSpend] = useState(settings.spendPer10MinUsd === null ? '' : String(settings.spendPer10MinUsd));
  const helpId = useId();
  const inflightId = useId();
  const spendId = useId();
  const spendHelpId = useId();

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const quotas = {} as Record<ModelTier, TierQuota>;
    for (const t of MODEL_TIERS) {
      const parsed: Partial<Record<keyof TierQuota, number | null>> = {};
      for (const f of QUOTA_FIELDS) {
        const r = parseLimit(draft[t][f.field], `${f.label.replace(' / ', ' per ')} for ${TIER_LABELS[t]}`, f.max, f.optional);
        if (typeof r === 'string') return failValidation('quotas', r);
        parsed[f.key] = r;
      }
      quotas[t] = parsed as TierQuota;
    }
    const max = parseLimit(inFlight, 'Requests in flight', 20, false);
    if (typeof max === 'string') return failValidation('quotas', max);
    const s = spend.trim().replace(/^\$/, '').replace(/,/g, '');
    let spendPer10MinUsd: number | null = null;
    if (s !== '') {
      const n = Number(s);
      if (!/^\d+(\.\d{0,2})?$/.test(s) || !Number.isFinite(n)) return failValidation('quotas', 'Enter the spend per 10 minutes in dollars, like 10 or 7.50.');
      if (n < 0.01 || n > 100_000) return failValidation('quotas', 'The spend per 10 minutes must be between $0.01 and $100,000.');
      spendPer10MinUsd = n;
    }
    void update('quotas', { quotas, maxInFlight: max!, spendPer10MinUsd });
  }

  return (
    <form className="panel settings-card" aria-labelledby="settings-quota" aria-describedby={helpId} onSubmit={onSubmit} noValidate>
      <h2 id="settings-quota" className="card-title">
        Quota
      </h2>
      <p id={helpId} className="muted help">
        Google publishes no fixed limits for image models: they depend on your project and its billing tier. Look them up in AI Studio
        (Usage &amp; limits) and enter them here — Atelier paces requests to stay under them and slows down by itself when Gemini says
        “too many requests”. Leave the optional columns empty for no limit.
      </p>
      <div className="quota-grid" role="group" aria-label="Limits per tier">
        <span />
        {QUOTA_FIELDS.map((f) => (
          <span key={f.field} className="field-label">
            {f.label}
            {f.optional && <span className="optional"> optional</span>}
          </span>
        ))}
        {MODEL_TIERS.map((t) => (
          <div key={t} className="contents">
            <span className="quota-tier">{TIER_LABELS[t]}</span>
            {QUOTA_FIELDS.map((f) => (
              <input
                key={f.field}
                className="input input-number"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                data-testid={`quota-${f.field}-${t}`}
                aria-label={`${f.label} for ${TIER_LABELS[t]}`}
                placeholder={f.optional ? 'No limit' : ''}
                value={draft[t][f.field]}
                onChange={(e) => setDraft((d) => ({ ...d, [t]: { ...d[t], [f.field]: e.target.value } }))}
              />
            ))}
          </div>
        ))}
      </div>
      <div className="field-inline">
        <label className="field-label" htmlFor={inflightId}>
          Requests in flight at once
        </label>
        <input
          id={inflightId}
          className="input input-number input-short"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          data-testid="settings-max-inflight"
          value={inFlight}
          onChange={(e) => setInFlight(e.target.value)}
        />
        <span className="muted help">across all models, 1–20</span>
      </div>
      <div className="field-inline">
        <label className="field-label" htmlFor={spendId}>
          Spend per 10 minutes (USD)
        </label>
        <div className="input-affix">
          <span aria-hidden="true">$</span>
          <input
            id={spendId}
            className="input input-number input-short"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            data-testid="settings-spend-10min"
            aria-describedby={spendHelpId}
            placeholder="No limit"
            value={spend}
            onChange={(e) => setSpend(e.target.value)}
          />
        </div>
        <span id={spendHelpId} className="muted help">
          optional. Google caps spend per rolling 10 minutes by billing tier (Tier 1 $10, Tier 2 $50, Tier 3 $200) and refuses
          requests past it; Atelier holds jobs back to stay under this figure.
        </span>
      </div>
      <div className="row-actions">
        <button type="submit" className="btn btn-primary" data-testid="quotas-save" disabled={saving}>
          Save limits
        </button>
        <SaveResult section="quotas" />
      </div>
    </form>
  );
}

function BudgetSection({ settings }: { settings: Settings }) {
  const { update, failValidation } = useSettingsStore(useShallow((s) => ({ update: s.update, failValidation: s.failValidation })));
  const saving = useSettingsStore((s) => s.saving === 'budget');
  const [value, setValue] = useState(settings.monthlyBudgetUsd === null ? '' : String(settings.monthlyBudgetUsd));
  const inputId = useId();
  const helpId = useId();

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = value.trim().replace(/^\$/, '').replace(/,/g, '');
    if (v === '') return void update('budget', { monthlyBudgetUsd: null });
    const n = Number(v);
    if (!/^\d+(\.\d{0,2})?$/.test(v) || !Number.isFinite(n)) return failValidation('budget', 'Enter the budget in dollars, like 25 or 12.50.');
    if (n > 1_000_000) return failValidation('budget', 'A monthly budget can be at most $1,000,000.');
    void update('budget', { monthlyBudgetUsd: n });
  }

  return (
    <form className="panel settings-card" aria-labelledby="settings-budget" onSubmit={onSubmit} noValidate>
      <h2 id="settings-budget" className="card-title">
        Budget
      </h2>
      <label className="field-label" htmlFor={inputId}>
        Monthly budget (USD)
      </label>
      <div className="field-row">
        <div className="input-affix">
          <span aria-hidden="true">$</span>
          <input
            id={inputId}
            className="input input-number"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            data-testid="settings-budget"
            aria-describedby={helpId}
            placeholder="No budget"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary" data-testid="budget-save" disabled={saving}>
          Save
        </button>
      </div>
      <p id={helpId} className="muted help">
        Atelier refuses new jobs once this month’s estimated spend would pass it. Estimates come from the tokens Gemini reports at
        standard prices; your Google Cloud bill is the real figure. Leave empty for no budget.
      </p>
      <SaveResult section="budget" />
    </form>
  );
}

function NotifySection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const id = useId();
  // Shown as clicked at once; put back if main refuses the change.
  const [checked, setChecked] = useState(settings.notifyWhenDone);
  function onChange(on: boolean) {
    setChecked(on);
    void update('notify', { notifyWhenDone: on }).then((saved) => {
      if (!saved) setChecked(!on);
    });
  }
  return (
    <section className="panel settings-card" aria-labelledby="settings-notify-title">
      <h2 id="settings-notify-title" className="card-title">
        Notifications
      </h2>
      <label className="check-row" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          data-testid="settings-notify"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>
          Notify me when a job finishes in the background
          <span className="muted help block">A system notification, only while Atelier’s window is not in front.</span>
        </span>
      </label>
      <SaveResult section="notify" />
    </section>
  );
}

/** Streaming can be switched off for proxies that buffer or break `text/event-stream` answers. */
function StreamingSection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const id = useId();
  const [checked, setChecked] = useState(settings.streaming);
  function onChange(on: boolean) {
    setChecked(on);
    void update('streaming', { streaming: on }).then((saved) => {
      if (!saved) setChecked(!on);
    });
  }
  return (
    <section className="panel settings-card" aria-labelledby="settings-streaming-title">
      <h2 id="settings-streaming-title" className="card-title">
        Live progress
      </h2>
      <label className="check-row" htmlFor={id}>
        <input id={id} type="checkbox" data-testid="settings-streaming" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span>
          Stream answers, showing thoughts and drafts while a job runs
          <span className="muted help block">
            Turn this off if your proxy cannot stream. Requests give up after {settings.requestDeadlineSeconds} s ({settings.requestDeadlineLargeSeconds} s for Pro at 4K).
          </span>
        </span>
      </label>
      <SaveResult section="streaming" />
    </section>
  );
}

/** Where the library lives, and moving it to another disk (main copies, checks and restarts). */
function LibraryFolderSection() {
  const [dir, setDir] = useState<string | null>(null);
  const [state, setState] = useState<{ busy: boolean; error: string | null; movedTo: string | null }>({ busy: false, error: null, movedTo: null });
  useEffect(() => {
    void call('library.location').then((res) => res.ok && setDir(res.data.dir));
  }, []);
  const move = async () => {
    setState({ busy: true, error: null, movedTo: null });
    const res = await call('library.move');
    setState({ busy: false, error: res.ok ? null : errorText(res), movedTo: res.ok ? res.data.movedTo : null });
  };
  return (
    <section className="panel settings-card" aria-labelledby="settings-library">
      <h2 id="settings-library" className="card-title">
        Library folder
      </h2>
      <p className="mono" data-testid="library-location">
        {dir ?? '…'}
      </p>
      <p className="muted help">
        Moving copies the library (database, images and thumbnails) to a folder you choose, checks the copy, and restarts Atelier on
        it. The old folder is removed once the new one has opened. Jobs wait while it moves.
      </p>
      <div className="field-row">
        <button type="button" className="btn" data-testid="library-move" disabled={state.busy} onClick={() => void move()}>
          {state.busy ? 'Moving…' : 'Move…'}
        </button>
      </div>
      {state.movedTo && (
        <p className="muted help" data-testid="library-moved">
          Copied to {state.movedTo}. Atelier restarts to finish.
        </p>
      )}
      {state.error && (
        <p className="inline-error" role="alert" data-testid="library-move-error">
          <AlertIcon />
          <span>{state.error}</span>
        </p>
      )}
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
          <QuotaSection key={`q-${JSON.stringify(settings.quotas)}-${settings.maxInFlight}`} settings={settings} />
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

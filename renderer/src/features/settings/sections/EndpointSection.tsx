import { useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../../../../shared/ipc/contract';
import { useSettingsStore } from '../store';
import { SaveResult } from './SaveResult';

export function EndpointForm({ settings }: { settings: Settings }) {
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

import { useId } from 'react';
import type { Settings } from '../../../../../shared/ipc/contract';
import { MODEL_TIERS, TIER_LABELS, type AspectRatio, type ModelTier } from '../../../../../shared/domain/vocabulary';
import { aspectRatiosForTier } from '../../../../../shared/models/catalogue';
import { useSettingsStore } from '../store';
import { SaveResult } from './SaveResult';

export function DefaultsSection({ settings }: { settings: Settings }) {
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

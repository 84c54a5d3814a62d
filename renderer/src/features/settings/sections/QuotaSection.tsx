import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Settings, TierQuota } from '../../../../../shared/ipc/contract';
import { MODEL_TIERS, TIER_LABELS, type ModelTier } from '../../../../../shared/domain/vocabulary';
import { formatCount } from '../../../lib/format';
import { useSettingsStore } from '../store';
import { SaveResult } from './SaveResult';
import { LIMITS } from '../limits';

type QuotaField = 'rpm' | 'ipm' | 'rpd';
const QUOTA_FIELDS: { field: QuotaField; key: keyof TierQuota; label: string; max: number; optional: boolean }[] = [
  { field: 'rpm', key: 'requestsPerMinute', label: 'Requests / minute', max: LIMITS.requestsPerMinute.max, optional: false },
  { field: 'ipm', key: 'imagesPerMinute', label: 'Images / minute', max: LIMITS.imagesPerMinute.max, optional: true },
  { field: 'rpd', key: 'requestsPerDay', label: 'Requests / day', max: LIMITS.requestsPerDay.max, optional: true },
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

export function QuotaSection({ settings }: { settings: Settings }) {
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
    const max = parseLimit(inFlight, 'Requests in flight', LIMITS.maxInFlight.max, false);
    if (typeof max === 'string') return failValidation('quotas', max);
    const s = spend.trim().replace(/^\$/, '').replace(/,/g, '');
    let spendPer10MinUsd: number | null = null;
    if (s !== '') {
      const n = Number(s);
      const { min: lo, max: hi } = LIMITS.spendPer10MinUsd;
      if (!/^\d+(\.\d{0,2})?$/.test(s) || !Number.isFinite(n)) return failValidation('quotas', 'Enter the spend per 10 minutes in dollars, like 10 or 7.50.');
      if (n < lo || n > hi) return failValidation('quotas', `The spend per 10 minutes must be between $${lo} and $${formatCount(hi)}.`);
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
        <span className="muted help">across all models, {LIMITS.maxInFlight.min}–{LIMITS.maxInFlight.max}</span>
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

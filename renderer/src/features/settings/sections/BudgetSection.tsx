import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Settings } from '../../../../../shared/ipc/contract';
import { formatCount } from '../../../lib/format';
import { useSettingsStore } from '../store';
import { SaveResult } from './SaveResult';
import { LIMITS } from '../limits';

export function BudgetSection({ settings }: { settings: Settings }) {
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
    if (n > LIMITS.monthlyBudgetUsd.max) return failValidation('budget', `A monthly budget can be at most $${formatCount(LIMITS.monthlyBudgetUsd.max)}.`);
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

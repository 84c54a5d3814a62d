import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MODEL_TIERS, TIER_LABELS } from '../../../../../shared/domain/vocabulary';
import { formatDateTime } from '../../../lib/format';
import { useModelsStore } from '../../../lib/models';
import { InlineError } from '../../../lib/InlineError';

export function ModelsSection() {
  const { models, modelsError, loadModels } = useModelsStore(useShallow((s) => ({ models: s.models, modelsError: s.error, loadModels: s.load })));
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
      <InlineError message={modelsError} />
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

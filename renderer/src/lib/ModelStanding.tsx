import { useState, type ReactNode } from 'react';
import { AlertIcon } from './icons';
import { modelInfo, modelLabel, standingText, useModelsStore } from './models';
import './standing.css';

/**
 * The banner for a pinned model that is deprecated or gone, with a one-click switch to its
 * successor. `warning` is said before switching (a chat loses its thought signatures).
 */
export function ModelStanding({
  modelId,
  what,
  onSwitch,
  warning,
  testId = 'model-standing',
}: {
  modelId: string;
  /** What is pinned: "This chat uses", "2 waiting jobs use"… */
  what?: string;
  onSwitch: (successor: string) => Promise<string | null> | string | null | void;
  warning?: ReactNode;
  testId?: string;
}) {
  const models = useModelsStore((s) => s.models);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const text = standingText(models, modelId);
  const info = modelInfo(models, modelId);
  if (!text || !info) return null;
  const successor = info.status.successor;
  const gone = info.status.state === 'gone';

  async function switchNow() {
    if (!successor) return;
    setBusy(true);
    setError(null);
    const problem = await onSwitch(successor);
    setBusy(false);
    if (problem) setError(problem);
  }

  return (
    <div className={`standing${gone ? ' is-gone' : ''}`} role="status" data-testid={testId} data-state={info.status.state}>
      <AlertIcon />
      <div className="standing-body">
        <p>
          {what ? `${what} ${modelId}. ` : ''}
          {text}
        </p>
        {successor && warning && <p className="standing-warning">{warning}</p>}
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </div>
      {successor && (
        <button type="button" className="btn btn-secondary standing-switch" data-testid={`${testId}-switch`} disabled={busy} onClick={() => void switchNow()}>
          Switch to {modelLabel(models, successor)}
        </button>
      )}
    </div>
  );
}

import { useShallow } from 'zustand/react/shallow';
import type { KeyStatus } from '../../../../../shared/ipc/contract';
import { LockIcon } from '../../../lib/icons';
import { useKeyStatus } from '../../../lib/keyStatus';
import { InlineError } from '../../../lib/InlineError';

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

export function KeySection() {
  const { status, statusError, clearError, openDialog, clearKey } = useKeyStatus(
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
      <InlineError message={statusError} />
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
          <InlineError message={clearError} testId="key-clear-error" />
        </>
      )}
    </section>
  );
}

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLinks } from '../../lib/links';
import { KeyIcon, LockIcon } from '../../lib/icons';
import { useKeyStatus } from '../../lib/keyStatus';
import { useKeyDialog } from './store';
import './onboarding.css';

/** Where Google hands out Gemini API keys. */
const CREATE_KEY_URL = 'https://aistudio.google.com/apikey';

/** Mounted only while open, so the typed key is dropped with the component when it closes. */
export function OnboardingDialog() {
  const open = useKeyStatus((s) => s.dialogOpen);
  return open ? <KeyDialog /> : null;
}

function KeyDialog() {
  const { status, reason, closeDialog } = useKeyStatus(useShallow((s) => ({ status: s.status, reason: s.reason, closeDialog: s.closeDialog })));
  const { busy, message, testKey, saveKey, reset } = useKeyDialog(
    useShallow((s) => ({ busy: s.busy, message: s.message, testKey: s.testKey, saveKey: s.saveKey, reset: s.reset })),
  );
  // Each opening starts without the last one's message.
  useEffect(() => reset(), [reset]);
  // The key lives only here, in this component's state, while the user types.
  const [key, setKey] = useState('');
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const descId = useId();

  useEffect(() => {
    const dialog = ref.current;
    // showModal gives us the focus trap, inert background and Escape handling for free.
    if (dialog && !dialog.open) dialog.showModal();
    inputRef.current?.focus();
    return () => dialog?.close();
  }, []);

  const storeUnavailable = status?.store === 'unavailable';
  const replacing = reason === 'replace' && status?.hasKey === true;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (storeUnavailable || busy) return;
    if (await saveKey(key)) setKey('');
  }

  return (
    <dialog
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby={headingId}
      aria-describedby={descId}
      className="dialog"
      data-testid="onboarding"
      // Escape: close through the store right away rather than waiting for the native close event.
      onCancel={(e) => {
        e.preventDefault();
        closeDialog();
      }}
      // Should the browser close the dialog itself, keep the store in step. The check skips the
      // stale close event that StrictMode's effect re-run queues after the dialog is shown again.
      onClose={() => {
        if (!ref.current?.open) closeDialog();
      }}
    >
      <form className="dialog-body" onSubmit={onSubmit} noValidate>
        <div className="dialog-icon">
          <KeyIcon size={20} />
        </div>
        <h2 id={headingId} className="dialog-title">
          Connect your Gemini API key
        </h2>
        <p id={descId} className="dialog-lead">
          {reason === 'generate' && !status?.hasKey ? 'Generating images needs a key. ' : ''}
          {replacing
            ? 'The new key replaces the one Atelier uses now. '
            : 'Atelier talks to Google’s image models with your own key. '}
          <a
            href={CREATE_KEY_URL}
            className="link"
            data-testid="create-key-link"
            onClick={(e) => {
              // Opened in the system browser by main (only https, only on a click); never in this window.
              e.preventDefault();
              void useLinks.getState().open(CREATE_KEY_URL);
            }}
          >
            Create a key in Google AI Studio
          </a>
          , then paste it here.
        </p>

        <label className="field-label" htmlFor={`${headingId}-key`}>
          API key
        </label>
        <input
          ref={inputRef}
          id={`${headingId}-key`}
          className="input input-mono"
          type="password"
          data-testid="key-input"
          aria-label="Gemini API key"
          autoComplete="off"
          spellCheck={false}
          placeholder="AQ.… or AIza…"
          aria-describedby={`${headingId}-key-hint`}
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />

        <p id={`${headingId}-key-hint`} className="field-hint">
          New AI Studio keys start with “AQ.”; older keys start with “AIza”. Both work.
        </p>

        <p
          className={`key-message${message ? ` is-${message.kind}` : ''}`}
          data-testid="key-message"
          data-kind={message?.kind}
          aria-live="polite"
        >
          {busy === 'test' ? 'Checking the key with Gemini…' : busy === 'save' ? 'Checking and saving…' : message?.text}
        </p>

        {status && (
          <p className="store-line">
            <LockIcon />
            <span data-testid="key-store-message">{status.storeMessage}</span>
          </p>
        )}
        {storeUnavailable && (
          <p className="store-line is-warning" data-testid="key-store-unavailable">
            Saving is turned off because this system has no safe place for secrets. You can still test a key, or
            start Atelier with the GEMINI_API_KEY environment variable set.
          </p>
        )}

        <div className="dialog-actions">
          <button
            type="button"
            className="btn btn-ghost"
            data-testid="onboarding-skip"
            onClick={() => closeDialog()}
          >
            {replacing ? 'Cancel' : 'Skip for now'}
          </button>
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="key-test"
            disabled={busy !== null}
            onClick={() => void testKey(key)}
          >
            Test key
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="key-save"
            disabled={busy !== null || storeUnavailable}
          >
            Save key
          </button>
        </div>
      </form>
    </dialog>
  );
}

import { useState } from 'react';
import { CloseIcon } from './icons';
import './nameInput.css';

/** A name typed in place (Electron has no window.prompt): Enter saves, Escape gives up. */
export function NameInput({
  initial = '',
  className,
  placeholder,
  testId,
  saveTestId = `${testId}-save`,
  saveLabel,
  onSave,
  onCancel,
}: {
  initial?: string;
  /** A room's own class beside `name-input`, for where it sits. */
  className?: string;
  placeholder: string;
  testId: string;
  saveTestId?: string;
  saveLabel: string;
  onSave: (name: string) => void | Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial);
  const valid = name.trim().length > 0 && name.trim().length <= 120;
  return (
    <form
      className={className ? `name-input ${className}` : 'name-input'}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void onSave(name.trim());
      }}
    >
      <input
        className="input input-sm"
        data-testid={testId}
        aria-label={placeholder}
        placeholder={placeholder}
        value={name}
        maxLength={120}
        // Shown in answer to a click on "New" or "Rename": the user is about to type.
        autoFocus
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      <button type="submit" className="btn btn-primary btn-sm" disabled={!valid} data-testid={saveTestId}>
        {saveLabel}
      </button>
      <button type="button" className="btn btn-icon btn-sm" aria-label="Cancel" onClick={onCancel}>
        <CloseIcon size={14} />
      </button>
    </form>
  );
}

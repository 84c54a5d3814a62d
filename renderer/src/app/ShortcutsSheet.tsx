import { useEffect, useRef } from 'react';
import { CloseIcon } from '../lib/icons';
import { KEYMAP, KEY_GROUPS, keysLabel } from './keymap';
import { isMac } from './platform';
import './shortcuts.css';

/** "?": every screen's keys, read from the same table the shell matches key presses against. */
export function ShortcutsSheet({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    // showModal traps focus inside and the browser gives it back to the opener on close.
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog shortcuts" data-testid="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose} onCancel={onClose}>
      <div className="dialog-body shortcuts-body">
        <header className="shortcuts-header">
          <h2 id="shortcuts-title" className="dialog-title">
            Keyboard shortcuts
          </h2>
          <button type="button" className="btn btn-icon btn-sm" aria-label="Close" onClick={onClose} autoFocus>
            <CloseIcon />
          </button>
        </header>
        {/* The list scrolls inside the sheet, so a short window still reaches its last group. */}
        <div className="shortcuts-groups" data-testid="shortcuts-groups" tabIndex={0} role="group" aria-label="All shortcuts">
          {KEY_GROUPS.map((g) => {
            const id = `shortcuts-${g.replace(/\W+/g, '-').toLowerCase()}`;
            return (
              <section key={g} className="shortcuts-group" aria-labelledby={id}>
                <h3 id={id} className="shortcuts-group-title">
                  {g}
                </h3>
                <dl>
                  {KEYMAP.filter((s) => s.group === g).map((s) => (
                    <div key={`${s.keys}-${s.label}`} className="shortcut-row" data-testid="shortcut-row">
                      <dt>
                        <kbd className="kbd">{keysLabel(s.keys, isMac)}</kbd>
                      </dt>
                      <dd>{s.label}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            );
          })}
        </div>
      </div>
    </dialog>
  );
}

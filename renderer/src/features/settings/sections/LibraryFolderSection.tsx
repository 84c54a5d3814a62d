import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSettingsStore } from '../store';
import { InlineError } from '../../../lib/InlineError';

/** Where the library lives, and moving it to another disk (main copies, checks and restarts). */
export function LibraryFolderSection() {
  const { dir, state, loadLibraryDir, move } = useSettingsStore(
    useShallow((s) => ({ dir: s.libraryDir, state: s.libraryMove, loadLibraryDir: s.loadLibraryDir, move: s.moveLibrary })),
  );
  useEffect(() => {
    void loadLibraryDir();
  }, [loadLibraryDir]);
  return (
    <section className="panel settings-card" aria-labelledby="settings-library">
      <h2 id="settings-library" className="card-title">
        Library folder
      </h2>
      <p className="mono" data-testid="library-location">
        {dir ?? '…'}
      </p>
      <p className="muted help">
        Moving copies the library (database, images and thumbnails) to a folder you choose, checks the copy, and restarts Atelier on
        it. The old folder is removed once the new one has opened. Jobs wait while it moves.
      </p>
      <div className="field-row">
        <button type="button" className="btn" data-testid="library-move" disabled={state.busy} onClick={() => void move()}>
          {state.busy ? 'Moving…' : 'Move…'}
        </button>
      </div>
      {state.movedTo && (
        <p className="muted help" data-testid="library-moved">
          Copied to {state.movedTo}. Atelier restarts to finish.
        </p>
      )}
      <InlineError message={state.error} testId="library-move-error" />
    </section>
  );
}

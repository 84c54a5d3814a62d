import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../../lib/format';
import { AlertIcon, HeartIcon, ImageIcon, SearchIcon, TrashIcon } from '../../lib/icons';
import { FilterPanel } from './Filters';
import { ImportDrop, ImportPanel } from './ImportPanel';
import { LibraryGrid } from './LibraryGrid';
import { LibraryToolbar } from './LibraryToolbar';
import { activeFilterCount } from './query';
import { SelectionBar } from './SelectionBar';
import { SmartCollections } from './SmartCollections';
import { useLibraryStore } from './store';
import { DuplicatesView } from './duplicates/DuplicatesView';
import { CredentialsPassLine } from './CredentialsPassLine';
import { useDuplicates } from './duplicates/store';
import { ElementsView } from './elements/ElementsView';
import { useElementsView } from './elements/store';
import { MeaningResults } from './meaning/MeaningResults';
import './library.css';

function TrashBar() {
  const { count, emptyTrash } = useLibraryStore(useShallow((s) => ({ count: s.count, emptyTrash: s.emptyTrash })));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <div className={`trash-bar${confirming ? ' is-confirming' : ''}`} data-testid="trash-bar">
      <TrashIcon />
      {confirming ? (
        <>
          <p role="alert">
            Delete {count === 1 ? 'this image' : `all ${formatCount(count)} images`} in the trash for good? This cannot be undone.
          </p>
          <span className="spacer" />
          <button type="button" className="btn btn-ghost btn-sm" data-testid="trash-empty-cancel" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger btn-sm is-solid"
            data-testid="trash-empty-confirm"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              await emptyTrash();
              setBusy(false);
              setConfirming(false);
            }}
          >
            {busy ? 'Deleting…' : 'Delete for good'}
          </button>
        </>
      ) : (
        <>
          <p className="muted">Images in the trash stay on disk until you empty it. Select some to restore them.</p>
          <span className="spacer" />
          <button type="button" className="btn btn-danger btn-sm" data-testid="trash-empty" disabled={count === 0} onClick={() => setConfirming(true)}>
            Empty trash
          </button>
        </>
      )}
    </div>
  );
}

function Results() {
  const { count, loaded, loadError, view, text, filters, refresh } = useLibraryStore(
    useShallow((s) => ({ count: s.count, loaded: s.loaded, loadError: s.loadError, view: s.view, text: s.text, filters: s.filters, refresh: s.refresh })),
  );
  if (loadError) {
    return (
      <div className="inline-error" role="alert" data-testid="library-error">
        <AlertIcon />
        <span>Could not load the library: {loadError}</span>
        <button type="button" className="btn btn-link" onClick={refresh}>
          Try again
        </button>
      </div>
    );
  }
  if (!loaded) return <div className="library-loading" aria-busy="true" />;
  if (count > 0) return <LibraryGrid />;

  const searching = text.trim() !== '' || activeFilterCount(filters) > 0;
  if (searching) {
    return (
      <div className="empty" data-testid="library-no-results">
        <SearchIcon size={26} />
        <p>
          No {view === 'trash' ? 'images in the trash' : view === 'favorites' ? 'favourites' : 'images'} match
          {text.trim() ? ` “${text.trim()}”` : ''}
          {activeFilterCount(filters) > 0 ? ' with these filters' : ''}.
        </p>
        <button type="button" className="btn btn-secondary btn-sm" onClick={() => {
          useLibraryStore.getState().clearFilters();
          useLibraryStore.getState().setText('');
        }}>
          Clear search and filters
        </button>
      </div>
    );
  }
  if (view === 'trash') {
    return (
      <div className="empty" data-testid="library-empty">
        <TrashIcon size={26} />
        <p>The trash is empty.</p>
      </div>
    );
  }
  if (view === 'favorites') {
    return (
      <div className="empty" data-testid="library-empty">
        <HeartIcon size={26} />
        <p>No favourites yet. Open an image and click the heart to keep it here.</p>
      </div>
    );
  }
  return (
    <div className="empty" data-testid="library-empty">
      <ImageIcon size={28} />
      <p>Your library is empty. Generated images land here — or drop images and folders here to import them.</p>
    </div>
  );
}

/**
 * The library: find (search, filters, views), look (the grid), organise (selection, trash,
 * collections) and bring in (import). With `page`, it has the window to itself: the grid scrolls
 * on its own under a fixed toolbar, and the filters open as a side panel.
 */
export function Library({ page = false }: { page?: boolean }) {
  const view = useLibraryStore((s) => s.view);
  const filtersOpen = useLibraryStore((s) => s.filtersOpen);
  const dupsOpen = useDuplicates((s) => s.open);
  const elementsOpen = useElementsView((s) => s.open);
  // Either side view replaces the grid and its selection bar.
  const duplicates = dupsOpen || elementsOpen;
  const results = dupsOpen ? (
    <DuplicatesView />
  ) : elementsOpen ? (
    <ElementsView />
  ) : (
    <ImportDrop>
      <Results />
    </ImportDrop>
  );
  return (
    <section className={`section library${page ? ' is-page' : ''}`} aria-labelledby="library-heading" data-view={view}>
      <LibraryToolbar page={page} />
      {view === 'trash' && !duplicates && <TrashBar />}
      {!duplicates && <MeaningResults />}
      <ImportPanel />
      {!duplicates && <CredentialsPassLine />}
      {page ? (
        <div className="library-body">
          {!duplicates && (
            <aside className="library-sidebar" aria-label="Smart collections" data-testid="library-sidebar">
              <SmartCollections />
            </aside>
          )}
          {filtersOpen && (
            <aside className="library-filters-side" aria-label="Filters">
              <FilterPanel id="library-filter-panel" smart={false} />
            </aside>
          )}
          <div className="library-scroll" data-testid="library-scroll">
            {results}
          </div>
        </div>
      ) : (
        results
      )}
      {!duplicates && <SelectionBar />}
    </section>
  );
}

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../../lib/format';
import { CloseIcon, CopyIcon, FilterIcon, FolderIcon, HeartIcon, ImportIcon, LibraryIcon, PersonIcon, SearchIcon, TrashIcon } from '../../lib/icons';
import { FilterChips, FilterPanel } from './Filters';
import { fromFileList, useImportStore } from './imports';
import { useDuplicates } from './duplicates/store';
import { useElementsView } from './elements/store';
import { activeFilterCount, SORT_LABELS, type LibrarySort, type LibraryViewMode } from './query';
import { useLibraryStore } from './store';

/** Results as you type, without a query per keystroke. */
const SEARCH_DEBOUNCE_MS = 120;
/** What the picker offers; a drop may bring anything and main says why not. */
const ACCEPT = 'image/png,image/jpeg,image/webp,image/heic,image/heif,image/gif,image/avif';

const VIEWS: Array<{ id: LibraryViewMode; label: string; testId: string; icon: () => ReactNode }> = [
  { id: 'all', label: 'All', testId: 'library-view-all', icon: () => <LibraryIcon size={14} /> },
  { id: 'favorites', label: 'Favourites', testId: 'library-view-favorites', icon: () => <HeartIcon /> },
  { id: 'trash', label: 'Trash', testId: 'library-view-trash', icon: () => <TrashIcon /> },
];

function SearchBox() {
  const { text, typed, setText, setTyped, searching } = useLibraryStore(useShallow((s) => ({ text: s.text, typed: s.typed, setText: s.setText, setTyped: s.setTyped, searching: s.searching })));
  const [value, setValue] = useState(text);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);

  const typing = useRef(false);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      useLibraryStore.getState().setTyped(null);
    },
    [],
  );
  // The words can change from elsewhere (a smart collection shown): the box follows, unless the
  // user is mid-typing, whose words win.
  useEffect(() => {
    if (!typing.current) setValue(text);
  }, [text]);
  // Words still waiting for the pause were taken over by an action after them (a smart collection
  // shown, which clears `typed`): the pending search is dropped and the box shows the new words.
  useEffect(() => {
    if (typed === null && typing.current) {
      clearTimeout(timer.current);
      typing.current = false;
      setValue(text);
    }
  }, [typed, text]);

  // Ctrl/Cmd+F anywhere in the library view goes to the search.
  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f' && !e.altKey) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function change(next: string, now = false) {
    setValue(next);
    clearTimeout(timer.current);
    typing.current = !now;
    setTyped(now ? null : next);
    if (now) setText(next);
    else
      timer.current = setTimeout(() => {
        typing.current = false;
        setTyped(null);
        setText(next);
      }, SEARCH_DEBOUNCE_MS);
  }

  return (
    <div className={`library-search${searching ? ' is-searching' : ''}`} role="search" onClick={() => input.current?.focus()}>
      <SearchIcon size={15} />
      <label className="sr-only" htmlFor="library-search-input">
        Search the library
      </label>
      <input
        ref={input}
        id="library-search-input"
        type="search"
        className="library-search-input"
        data-testid="library-search"
        placeholder="Search prompts, tags, files…"
        title="Search prompts, tags, collections and file names"
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value !== '') {
            // Clears the search only; a second Escape goes on to close the detail panel.
            e.preventDefault();
            e.stopPropagation();
            change('', true);
          }
          if (e.key === 'Enter') change(value, true);
        }}
      />
      {value !== '' && (
        <button type="button" className="library-search-clear" aria-label="Clear the search" data-testid="library-search-clear" onClick={() => change('', true)}>
          <CloseIcon size={13} />
        </button>
      )}
    </div>
  );
}

function ImportButtons() {
  const start = useImportStore((s) => s.start);
  const pick = useImportStore((s) => s.pick);
  const busy = useImportStore((s) => s.task?.phase === 'reading' || s.task?.phase === 'importing');
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  // Main's own dialog chooses the files, so their paths never come from this window. Only where
  // main has none (a plain browser) does the page's input open, and then it sends bytes.
  const choose = (kind: 'files' | 'folder') =>
    void pick(kind).then((handled) => {
      if (!handled) (kind === 'files' ? files : folder).current?.click();
    });
  return (
    <div className="library-import-buttons">
      <button type="button" className="btn btn-secondary btn-sm" data-testid="import-button" disabled={busy} onClick={() => choose('files')} title="Import image files">
        <ImportIcon />
        Import
      </button>
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        data-testid="import-folder-button"
        disabled={busy}
        onClick={() => choose('folder')}
        title="Import every image in a folder"
      >
        <FolderIcon />
        Import folder
      </button>
      <input
        ref={files}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        data-testid="import-file-input"
        onChange={(e) => {
          const list = [...(e.target.files ?? [])];
          e.target.value = '';
          void start(fromFileList(list));
        }}
      />
      <input
        ref={(el) => {
          // Not in React's types: a folder picker (every browser and Electron support it).
          el?.setAttribute('webkitdirectory', '');
          folder.current = el;
        }}
        type="file"
        multiple
        hidden
        data-testid="import-folder-input"
        onChange={(e) => {
          const list = [...(e.target.files ?? [])];
          e.target.value = '';
          void start(fromFileList(list));
        }}
      />
    </div>
  );
}

function CountLabel() {
  const { count, total, capped, loaded } = useLibraryStore(useShallow((s) => ({ count: s.count, total: s.total, capped: s.capped, loaded: s.loaded })));
  const n = capped ? total : count;
  return (
    <span className="library-count" data-testid="library-count" aria-live="polite">
      {loaded ? `${formatCount(n)}${capped ? '+' : ''} ${n === 1 && !capped ? 'image' : 'images'}` : '…'}
    </span>
  );
}

/** `page`: the library has the window to itself — its title is the screen's h1 and the filters sit in a side panel. */
export function LibraryToolbar({ page = false }: { page?: boolean }) {
  const { view, sort, filters, setView, setSort, filtersOpen, setFiltersOpen } = useLibraryStore(
    useShallow((s) => ({ view: s.view, sort: s.sort, filters: s.filters, setView: s.setView, setSort: s.setSort, filtersOpen: s.filtersOpen, setFiltersOpen: s.setFiltersOpen })),
  );
  const Heading = page ? 'h1' : 'h2';
  const active = activeFilterCount(filters);
  const { duplicates, setDuplicates } = useDuplicates(useShallow((s) => ({ duplicates: s.open, setDuplicates: s.setOpen })));
  const { elementsOpen, setElementsOpen } = useElementsView(useShallow((s) => ({ elementsOpen: s.open, setElementsOpen: s.setOpen })));

  return (
    <div className="library-toolbar">
      <div className="library-toolbar-row">
        <Heading id="library-heading" className="section-title">
          Library
        </Heading>
        <CountLabel />
        <span className="spacer" />
        <ImportButtons />
      </div>
      <div className="library-toolbar-row">
        <SearchBox />
        <div className="segmented library-views" role="group" aria-label="Show">
          {VIEWS.map(({ id, label, testId, icon }) => (
            <button
              key={id}
              type="button"
              className="segment"
              data-testid={testId}
              aria-pressed={view === id && !duplicates && !elementsOpen}
              onClick={() => {
                setDuplicates(false);
                setElementsOpen(false);
                setView(id);
              }}
            >
              {icon()}
              {label}
            </button>
          ))}
          <button
            type="button"
            className="segment"
            data-testid="library-view-duplicates"
            aria-pressed={duplicates}
            onClick={() => {
              setElementsOpen(false);
              setDuplicates(true);
            }}
          >
            <CopyIcon />
            Duplicates
          </button>
          <button
            type="button"
            className="segment"
            data-testid="library-view-elements"
            aria-pressed={elementsOpen}
            onClick={() => {
              setDuplicates(false);
              setElementsOpen(true);
            }}
          >
            <PersonIcon />
            Elements
          </button>
        </div>
        <label className="select-wrap library-sort">
          <span className="select-label">Sort</span>
          <select className="select" data-testid="library-sort" value={sort} onChange={(e) => setSort(e.target.value as LibrarySort)}>
            {(Object.keys(SORT_LABELS) as LibrarySort[]).map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={`btn btn-sm library-filters-toggle${filtersOpen || active ? ' is-on' : ''}`}
          data-testid="library-filters"
          aria-expanded={filtersOpen}
          aria-controls="library-filter-panel"
          onClick={() => setFiltersOpen(!filtersOpen)}
        >
          <FilterIcon />
          Filters
          {active > 0 && <span className="filter-count">{active}</span>}
        </button>
      </div>
      {filtersOpen && !page && <FilterPanel id="library-filter-panel" />}
      <FilterChips />
    </div>
  );
}

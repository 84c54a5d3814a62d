import { organisedOf, useAssets } from '../../lib/assets';
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AssetSummary } from '../../../../shared/ipc/contract';
import { intents } from '../../lib/intents';
import { CloseIcon, ExportIcon, HeartIcon, RestoreIcon, StackIcon, TagIcon, TrashIcon } from '../../lib/icons';
import { NameInput } from '../../lib/NameInput';
import { Stars } from '../../lib/Stars';
import { useLibraryStore } from './store';

const NEW_COLLECTION = '__new__';

function TagInput({ ids }: { ids: string[] }) {
  const tag = useLibraryStore((s) => s.tag);
  const [value, setValue] = useState('');
  return (
    <form
      className="selection-tag"
      onSubmit={(e) => {
        e.preventDefault();
        const t = value.trim();
        if (!t) return;
        setValue('');
        void tag(ids, [t]);
      }}
    >
      <TagIcon />
      <input
        className="selection-tag-input"
        data-testid="selection-tag"
        aria-label="Add a tag to the selected images (Enter)"
        placeholder="Add tag…"
        value={value}
        maxLength={64}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value) {
            e.preventDefault();
            e.stopPropagation();
            setValue('');
          }
        }}
      />
    </form>
  );
}

/** Actions for several images at once; shown while two or more are selected. */
export function SelectionBar() {
  const { selection, pages, view, collections, clearSelection, rate, setFavorite, trash, restore, exportAssets, addToCollection, addToNewCollection } =
    useLibraryStore(
      useShallow((s) => ({
        selection: s.selection,
        pages: s.pages,
        view: s.view,
        collections: s.collections,
        clearSelection: s.clearSelection,
        rate: s.rate,
        setFavorite: s.setFavorite,
        trash: s.trash,
        restore: s.restore,
        exportAssets: s.exportAssets,
        addToCollection: s.addToCollection,
        addToNewCollection: s.addToNewCollection,
      })),
    );
  const assets = useAssets(useShallow((s) => ({ organised: s.organised, details: s.details })));
  const [naming, setNaming] = useState(false);
  const ids = useMemo(() => [...selection], [selection]);

  // What the selected tiles have in common, from the pages at hand.
  const { allFavorite, commonRating } = useMemo(() => {
    if (selection.size < 2) return { allFavorite: false, commonRating: 0 };
    const chosen: AssetSummary[] = [];
    for (const assets of Object.values(pages)) for (const a of assets) if (selection.has(a.id)) chosen.push(a);
    const facts = chosen.map((a) => organisedOf(assets, a.id, a));
    const first = facts[0]?.rating ?? 0;
    return { allFavorite: facts.length > 0 && facts.every((a) => a.favorite), commonRating: facts.every((a) => a.rating === first) ? first : 0 };
  }, [pages, selection, assets]);

  // Escape clears the selection wherever the focus is, except while typing.
  const several = selection.size > 1;
  useEffect(() => {
    if (!several) return;
    function onKey(e: globalThis.KeyboardEvent) {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      if (t?.closest('input, textarea, select, [contenteditable="true"]')) return;
      clearSelection();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [several, clearSelection]);

  if (!several) return null;
  const inTrash = view === 'trash';

  return (
    <div className="selection-bar" data-testid="selection-bar" role="region" aria-label="Selected images">
      <span className="selection-count" data-testid="selection-count">
        {selection.size.toLocaleString()} selected
      </span>
      <button type="button" className="btn btn-icon btn-sm" data-testid="selection-clear" aria-label="Clear the selection" title="Clear the selection (Esc)" onClick={clearSelection}>
        <CloseIcon size={14} />
      </button>
      <span className="selection-divider" aria-hidden="true" />
      {inTrash ? (
        <button type="button" className="btn btn-primary btn-sm" data-testid="selection-restore" onClick={() => void restore(ids)}>
          <RestoreIcon />
          Restore
        </button>
      ) : (
        <>
          <button
            type="button"
            className={`btn btn-ghost btn-sm selection-favorite${allFavorite ? ' is-on' : ''}`}
            data-testid="selection-favorite"
            aria-pressed={allFavorite}
            title={allFavorite ? 'Remove from favourites' : 'Add to favourites'}
            onClick={() => void setFavorite(ids, !allFavorite)}
          >
            <HeartIcon />
            Favourite
          </button>
          <div className="selection-rate">
            <Stars rating={commonRating} onRate={(r) => void rate(ids, r)} testIdPrefix="selection-rate-" size={15} />
            <button type="button" className="btn btn-icon btn-sm" data-testid="selection-rate-0" aria-label="Clear the rating" title="No rating" onClick={() => void rate(ids, 0)}>
              <CloseIcon size={12} />
            </button>
          </div>
          <TagInput ids={ids} />
          {naming ? (
            <NameInput
              placeholder="New collection name"
              testId="selection-collection-name"
              saveLabel="Add"
              onCancel={() => setNaming(false)}
              onSave={async (name) => {
            if (await addToNewCollection(name, ids)) setNaming(false);
          }}
            />
          ) : (
            <select
              className="select select-sm selection-collection"
              data-testid="selection-collection"
              aria-label="Add the selected images to a collection"
              value=""
              onChange={(e) => {
                const id = e.target.value;
                if (id === NEW_COLLECTION) setNaming(true);
                else if (id) void addToCollection(id, ids);
              }}
            >
              <option value="">Add to collection…</option>
              {collections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
              <option value={NEW_COLLECTION}>New collection…</option>
            </select>
          )}
          {ids.length >= 2 && ids.length <= 4 && (
            <button type="button" className="btn btn-ghost btn-sm" data-testid="selection-compare" onClick={() => intents.compareAssets(ids)}>
              <StackIcon />
              Compare
            </button>
          )}
          <button type="button" className="btn btn-ghost btn-sm" data-testid="selection-export" onClick={() => void exportAssets(ids)}>
            <ExportIcon />
            Export
          </button>
          <button type="button" className="btn btn-danger btn-sm" data-testid="selection-trash" onClick={() => void trash(ids)}>
            <TrashIcon />
            Move to trash
          </button>
        </>
      )}
    </div>
  );
}

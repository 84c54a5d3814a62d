/**
 * Smart collections in the library's sidebar: each saved search with how many images match it now
 * (main counts them again at every library change: a generation, an import, the trash), a click
 * shows it, a name can be changed in place, and the current words and filters can be kept under a name.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SmartCollection } from '../../../../shared/ipc/contract';
import { EditIcon, PlusIcon, SearchIcon, TrashIcon } from '../../lib/icons';
import { useMeaning } from '../../lib/meaning';
import { NameInput } from '../../lib/NameInput';
import { useLibraryStore } from './store';

function SmartItem({ c, meaningOn }: { c: SmartCollection; meaningOn: boolean }) {
  const { remove, show, rename } = useLibraryStore(useShallow((s) => ({ remove: s.deleteSmartCollection, show: s.showSmartCollection, rename: s.renameSmartCollection })));
  const [renaming, setRenaming] = useState(false);
  const byMeaning = c.query.meaning === true;
  if (renaming) {
    return (
      <li className="smart-item" data-testid="smart-collection">
        <NameInput
          initial={c.name}
          placeholder={`New name for ${c.name}`}
          testId="smart-collection-rename-input"
          saveLabel="Rename"
          onSave={async (name) => {
            if (name === c.name || (await rename(c.id, name))) setRenaming(false);
          }}
          onCancel={() => setRenaming(false)}
        />
      </li>
    );
  }
  return (
    <li className="smart-item" data-testid="smart-collection" data-meaning={byMeaning ? 'on' : undefined}>
      <button
        type="button"
        className="smart-show"
        data-testid="smart-collection-show"
        title={byMeaning ? 'Show the images this search finds now, by words and by meaning (the count is of word matches)' : 'Show the images this search finds now'}
        onClick={() => show(c.id)}
      >
        <SearchIcon size={12} />
        <span className="smart-name">{c.name}</span>
        {byMeaning && <span className="smart-kind">meaning</span>}
        <span className="smart-count" data-testid="smart-collection-count">
          {c.count.toLocaleString()}
          {c.capped ? '+' : ''}
        </span>
      </button>
      <button type="button" className="btn btn-icon btn-sm" data-testid="smart-collection-rename" aria-label={`Rename the smart collection ${c.name}`} title="Rename" onClick={() => setRenaming(true)}>
        <EditIcon size={12} />
      </button>
      <button type="button" className="btn btn-icon btn-sm" data-testid="smart-collection-delete" aria-label={`Delete the smart collection ${c.name}`} title="Delete (the images stay)" onClick={() => void remove(c.id)}>
        <TrashIcon size={12} />
      </button>
      {byMeaning && !meaningOn && (
        <p className="smart-note" data-testid="smart-collection-meaning-off">
          Search by meaning is off (Settings → Library), so this shows its word matches only.
        </p>
      )}
    </li>
  );
}

export function SmartCollections() {
  const { smart, save } = useLibraryStore(useShallow((s) => ({ smart: s.smartCollections, save: s.saveSmartCollection })));
  const meaningOn = useMeaning((s) => s.status?.enabled === true);
  const [naming, setNaming] = useState(false);
  return (
    <section className="smart-collections" aria-labelledby="smart-collections-heading" data-testid="smart-collections">
      <h3 id="smart-collections-heading" className="filter-label">
        Smart collections
      </h3>
      {smart.length === 0 && <p className="smart-empty">Search or filter, then keep the search here: it stays up to date.</p>}
      <ul className="smart-list">
        {smart.map((c) => (
          <SmartItem key={c.id} c={c} meaningOn={meaningOn} />
        ))}
      </ul>
      {naming ? (
        <NameInput
          placeholder="Smart collection name"
          testId="smart-collection-name"
          saveLabel="Keep"
          onSave={async (name) => {
            if (await save(name)) setNaming(false);
          }}
          onCancel={() => setNaming(false)}
        />
      ) : (
        <button type="button" className="btn btn-ghost btn-sm" data-testid="smart-collection-create" title="Keep the current words and filters as a smart collection" onClick={() => setNaming(true)}>
          <PlusIcon size={12} />
          Keep this search
        </button>
      )}
    </section>
  );
}

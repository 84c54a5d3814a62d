/**
 * Smart collections at the head of the library's filters: each saved search with how many images
 * match it now (main counts them at every library change), a click shows it, and the current
 * words and filters can be kept under a name.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PlusIcon, SearchIcon, TrashIcon } from '../../lib/icons';
import { NameInput } from './Filters';
import { useLibraryStore } from './store';

export function SmartCollections() {
  const { smart, save, remove, show } = useLibraryStore(
    useShallow((s) => ({ smart: s.smartCollections, save: s.saveSmartCollection, remove: s.deleteSmartCollection, show: s.showSmartCollection })),
  );
  const [naming, setNaming] = useState(false);
  return (
    <section className="smart-collections" aria-labelledby="smart-collections-heading" data-testid="smart-collections">
      <h3 id="smart-collections-heading" className="filter-label">
        Smart collections
      </h3>
      {smart.length === 0 && <p className="smart-empty">Search or filter, then keep the search here: it stays up to date.</p>}
      <ul className="smart-list">
        {smart.map((c) => (
          <li key={c.id} className="smart-item" data-testid="smart-collection">
            <button type="button" className="smart-show" data-testid="smart-collection-show" title="Show the images this search finds now" onClick={() => show(c.id)}>
              <SearchIcon size={12} />
              <span className="smart-name">{c.name}</span>
              <span className="smart-count" data-testid="smart-collection-count">
                {c.count.toLocaleString()}
                {c.capped ? '+' : ''}
              </span>
            </button>
            <button type="button" className="btn btn-icon btn-sm" data-testid="smart-collection-delete" aria-label={`Delete the smart collection ${c.name}`} title="Delete (the images stay)" onClick={() => void remove(c.id)}>
              <TrashIcon size={12} />
            </button>
          </li>
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

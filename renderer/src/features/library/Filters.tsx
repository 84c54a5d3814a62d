import { useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ALL_ASPECT_RATIOS, IMAGE_SIZES, MODEL_TIERS, TIER_LABELS, type ImageSize } from '../../../../shared/domain/vocabulary';
import { CloseIcon, CollectionIcon, EditIcon, PlusIcon, TrashIcon } from '../../lib/icons';
import { CREDENTIALS_FILTER_LABELS, SERVED_TIER_LABELS, SOURCE_LABELS, type ServedTier, activeFilterCount, toggled, type AssetSource, type LibraryFilters } from './query';
import { useLibraryStore } from './store';
import { useElements } from '../../lib/elements';
import { SmartCollections } from './SmartCollections';
import { NameInput } from '../../lib/NameInput';

function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`filter-field${wide ? ' is-wide' : ''}`} role="group" aria-label={label}>
      <span className="filter-label" aria-hidden="true">
        {label}
      </span>
      <div className="filter-controls">{children}</div>
    </div>
  );
}

/** The collection filter and the place collections are made, renamed and deleted. */
function CollectionField() {
  const { collections, collectionId, setFilters, createCollection, renameCollection, deleteCollection } = useLibraryStore(
    useShallow((s) => ({
      collections: s.collections,
      collectionId: s.filters.collectionId,
      setFilters: s.setFilters,
      createCollection: s.createCollection,
      renameCollection: s.renameCollection,
      deleteCollection: s.deleteCollection,
    })),
  );
  const [mode, setMode] = useState<'idle' | 'create' | 'rename' | 'delete'>('idle');
  const chosen = collections.find((c) => c.id === collectionId) ?? null;

  if (mode === 'create') {
    return (
      <NameInput
        placeholder="New collection name"
        testId="collection-name-input"
        saveLabel="Create"
        onCancel={() => setMode('idle')}
        onSave={async (name) => {
          const made = await createCollection(name);
          if (made) {
            setFilters({ collectionId: made.id });
            setMode('idle');
          }
        }}
      />
    );
  }
  if (mode === 'rename' && chosen) {
    return (
      <NameInput
        initial={chosen.name}
        placeholder="Collection name"
        testId="collection-name-input"
        saveLabel="Rename"
        onCancel={() => setMode('idle')}
        onSave={async (name) => {
          if (await renameCollection(chosen.id, name)) setMode('idle');
        }}
      />
    );
  }
  if (mode === 'delete' && chosen) {
    return (
      <div className="name-input" role="alert">
        <span className="filter-confirm">
          Delete “{chosen.name}”? Its {chosen.count.toLocaleString()} images stay in the library.
        </span>
        <button
          type="button"
          className="btn btn-danger btn-sm"
          data-testid="collection-delete-confirm"
          onClick={async () => {
            await deleteCollection(chosen.id);
            setMode('idle');
          }}
        >
          Delete collection
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => setMode('idle')}>
          Keep
        </button>
      </div>
    );
  }
  return (
    <>
      <select
        className="select select-sm"
        data-testid="filter-collection"
        aria-label="Collection"
        value={collectionId ?? ''}
        onChange={(e) => setFilters({ collectionId: e.target.value || null })}
      >
        <option value="">Any collection</option>
        {collections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.count.toLocaleString()})
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-ghost btn-sm" data-testid="collection-create" onClick={() => setMode('create')}>
        <PlusIcon />
        New
      </button>
      {chosen && (
        <>
          <button type="button" className="btn btn-icon btn-sm" data-testid="collection-rename" aria-label={`Rename ${chosen.name}`} title="Rename" onClick={() => setMode('rename')}>
            <EditIcon />
          </button>
          <button type="button" className="btn btn-icon btn-sm" data-testid="collection-delete" aria-label={`Delete ${chosen.name}`} title="Delete collection" onClick={() => setMode('delete')}>
            <TrashIcon />
          </button>
        </>
      )}
    </>
  );
}

/** Results made with one Element (its id travels with each request that used it). */
function ElementFilter() {
  const { elementId, setFilters } = useLibraryStore(useShallow((s) => ({ elementId: s.filters.elementId, setFilters: s.setFilters })));
  const elements = useElements((s) => s.elements);
  if (elements.length === 0 && !elementId) return null;
  return (
    <Field label="Element">
      <select className="select select-sm" data-testid="filter-element" aria-label="Element" value={elementId ?? ''} onChange={(e) => setFilters({ elementId: e.target.value || null })}>
        <option value="">Any Element</option>
        {elements.map((e) => (
          <option key={e.id} value={e.id}>
            @{e.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** `smart`: smart collections at its head (the library page has them in its sidebar instead). */
export function FilterPanel({ id, smart = true }: { id: string; smart?: boolean }) {
  const { filters, setFilters, clearFilters } = useLibraryStore(useShallow((s) => ({ filters: s.filters, setFilters: s.setFilters, clearFilters: s.clearFilters })));
  const f = filters;
  return (
    <div className="filter-panel" id={id} data-testid="library-filter-panel">
      <ElementFilter />
      {smart && <SmartCollections />}
      <Field label="Model">
        {MODEL_TIERS.map((tier) => (
          <button
            key={tier}
            type="button"
            className="chip-toggle"
            data-testid={`filter-tier-${tier}`}
            aria-pressed={f.tiers.includes(tier)}
            onClick={() => setFilters({ tiers: toggled(f.tiers, tier) })}
          >
            {TIER_LABELS[tier]}
          </button>
        ))}
      </Field>

      <Field label="Size">
        <select
          className="select select-sm"
          data-testid="filter-size"
          aria-label="Size"
          value={f.imageSizes[0] ?? ''}
          onChange={(e) => setFilters({ imageSizes: e.target.value ? [e.target.value as ImageSize] : [] })}
        >
          <option value="">Any size</option>
          {IMAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>

      <Field label="Source">
        <select
          className="select select-sm"
          data-testid="filter-source"
          aria-label="Source"
          value={f.sources[0] ?? ''}
          onChange={(e) => setFilters({ sources: e.target.value ? [e.target.value as AssetSource] : [] })}
        >
          <option value="">Any source</option>
          {(Object.keys(SOURCE_LABELS) as AssetSource[]).map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABELS[s]}
            </option>
          ))}
        </select>
      </Field>

      <Field label="Rating">
        <select
          className="select select-sm"
          data-testid="filter-min-rating"
          aria-label="Minimum rating"
          value={String(f.minRating)}
          onChange={(e) => setFilters({ minRating: Number(e.target.value) })}
        >
          <option value="0">Any rating</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {'★'.repeat(n)}
              {n < 5 ? ' or more' : ' only'}
            </option>
          ))}
        </select>
      </Field>

      <Field label="Search grounding">
        <label className={`toggle toggle-sm${f.hasGrounding ? ' is-on' : ''}`}>
          <input type="checkbox" data-testid="filter-grounding" checked={f.hasGrounding} onChange={(e) => setFilters({ hasGrounding: e.target.checked })} />
          Grounded only
        </label>
      </Field>

      <Field label="Content credentials">
        <select
          className="select select-sm"
          data-testid="filter-credentials"
          aria-label="Content credentials"
          value={f.credentials}
          onChange={(e) => setFilters({ credentials: e.target.value as LibraryFilters['credentials'] })}
        >
          {(Object.keys(CREDENTIALS_FILTER_LABELS) as Array<LibraryFilters['credentials']>).map((k) => (
            <option key={k} value={k}>
              {CREDENTIALS_FILTER_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>

      <Field label="Service tier">
        <select
          className="select select-sm"
          data-testid="filter-service-tier"
          aria-label="Service tier"
          title="The tier Google answered at: Economy is half price, Batch is the Batch API"
          value={f.serviceTier}
          onChange={(e) => setFilters({ serviceTier: e.target.value as LibraryFilters['serviceTier'] })}
        >
          <option value="any">Any tier</option>
          {(Object.keys(SERVED_TIER_LABELS) as ServedTier[]).map((k) => (
            <option key={k} value={k}>
              {SERVED_TIER_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>

      <Field label="Created">
        <input
          type="date"
          className="input input-sm filter-date"
          data-testid="filter-from"
          aria-label="Created from"
          value={f.from}
          max={f.to || undefined}
          onChange={(e) => setFilters({ from: e.target.value })}
        />
        <span className="muted" aria-hidden="true">
          –
        </span>
        <input
          type="date"
          className="input input-sm filter-date"
          data-testid="filter-to"
          aria-label="Created until"
          value={f.to}
          min={f.from || undefined}
          onChange={(e) => setFilters({ to: e.target.value })}
        />
      </Field>

      <Field label="Collection">
        <CollectionField />
      </Field>

      <Field label="Aspect ratio" wide>
        <div className="chip-group" data-testid="filter-ratio" role="group" aria-label="Aspect ratios">
          {ALL_ASPECT_RATIOS.map((r) => (
            <button
              key={r}
              type="button"
              className="chip-toggle"
              data-value={r}
              aria-pressed={f.aspectRatios.includes(r)}
              onClick={() => setFilters({ aspectRatios: toggled(f.aspectRatios, r) })}
            >
              {r}
            </button>
          ))}
        </div>
      </Field>

      <div className="filter-panel-footer">
        <button type="button" className="btn btn-ghost btn-sm" data-testid="filter-clear" disabled={activeFilterCount(f) === 0} onClick={clearFilters}>
          <CloseIcon size={14} />
          Clear filters
        </button>
      </div>
    </div>
  );
}

function shortDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** The filters in force, one chip each, each removable on its own. */
export function FilterChips() {
  const { filters, collections, setFilters, clearFilters } = useLibraryStore(
    useShallow((s) => ({ filters: s.filters, collections: s.collections, setFilters: s.setFilters, clearFilters: s.clearFilters })),
  );
  const f = filters;
  const chips: Array<{ key: keyof LibraryFilters; label: ReactNode; clear: Partial<LibraryFilters> }> = [];
  if (f.collectionId) {
    const name = collections.find((c) => c.id === f.collectionId)?.name ?? 'Collection';
    chips.push({ key: 'collectionId', label: <><CollectionIcon size={12} /> {name}</>, clear: { collectionId: null } });
  }
  if (f.elementId) {
    const name = useElements.getState().elements.find((e) => e.id === f.elementId)?.name ?? 'Element';
    chips.push({ key: 'elementId', label: `@${name}`, clear: { elementId: null } });
  }
  if (f.tiers.length) chips.push({ key: 'tiers', label: f.tiers.map((t) => TIER_LABELS[t]).join(', '), clear: { tiers: [] } });
  if (f.aspectRatios.length) chips.push({ key: 'aspectRatios', label: f.aspectRatios.join(', '), clear: { aspectRatios: [] } });
  if (f.imageSizes.length) chips.push({ key: 'imageSizes', label: `Size ${f.imageSizes.join(', ')}`, clear: { imageSizes: [] } });
  if (f.sources.length) chips.push({ key: 'sources', label: f.sources.map((s) => SOURCE_LABELS[s]).join(', '), clear: { sources: [] } });
  if (f.minRating > 0) chips.push({ key: 'minRating', label: `${'★'.repeat(f.minRating)}${f.minRating < 5 ? '+' : ''}`, clear: { minRating: 0 } });
  if (f.hasGrounding) chips.push({ key: 'hasGrounding', label: 'Grounded', clear: { hasGrounding: false } });
  if (f.credentials !== 'any') chips.push({ key: 'credentials', label: CREDENTIALS_FILTER_LABELS[f.credentials], clear: { credentials: 'any' } });
  if (f.serviceTier !== 'any') chips.push({ key: 'serviceTier', label: SERVED_TIER_LABELS[f.serviceTier], clear: { serviceTier: 'any' } });
  if (f.from || f.to) {
    const label = f.from && f.to ? `${shortDate(f.from)} – ${shortDate(f.to)}` : f.from ? `Since ${shortDate(f.from)}` : `Until ${shortDate(f.to)}`;
    chips.push({ key: 'from', label, clear: { from: '', to: '' } });
  }
  if (chips.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label="Active filters">
      {chips.map((c) => (
        <li key={c.key} className="filter-chip" data-testid="filter-chip" data-filter={c.key}>
          <span>{c.label}</span>
          <button type="button" aria-label="Remove this filter" onClick={() => setFilters(c.clear)}>
            <CloseIcon size={12} />
          </button>
        </li>
      ))}
      {chips.length > 1 && (
        <li>
          <button type="button" className="btn btn-link" data-testid="filter-chips-clear" onClick={clearFilters}>
            Clear all
          </button>
        </li>
      )}
    </ul>
  );
}

import { thumbUrl } from '../../../../shared/urls';
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AssetDetail, LineageNode } from '../../../../shared/ipc/contract';
import { formatDateTime } from '../../lib/format';
import { BranchIcon, CloseIcon, CollectionIcon, HeartIcon, PlusIcon, TagIcon } from '../../lib/icons';
import { NameInput } from '../../lib/NameInput';
import { Stars } from '../../lib/Stars';
import { useOrganised } from '../../lib/assets';
import { useLibraryStore } from './store';

const NEW_COLLECTION = '__new__';

/** Rating and favourite: the two things people set most, right under the image. */
export function RatingRow({ asset }: { asset: AssetDetail }) {
  const { rate, setFavorite } = useLibraryStore(useShallow((s) => ({ rate: s.rate, setFavorite: s.setFavorite })));
  const { rating, favorite } = useOrganised(asset.id, asset);
  return (
    <div className="detail-rating">
      <Stars rating={rating} onRate={(r) => void rate([asset.id], r)} testIdPrefix="detail-star-" size={18} />
      <span className="spacer" />
      <button
        type="button"
        className={`detail-favorite${favorite ? ' is-on' : ''}`}
        data-testid="detail-favorite"
        aria-pressed={favorite}
        aria-label={favorite ? 'Remove from favourites' : 'Add to favourites'}
        title={favorite ? 'Favourite — click to remove' : 'Add to favourites'}
        onClick={() => void setFavorite([asset.id], !favorite)}
      >
        <HeartIcon size={18} />
      </button>
    </div>
  );
}

export function Tags({ asset }: { asset: AssetDetail }) {
  const tag = useLibraryStore((s) => s.tag);
  const [value, setValue] = useState('');
  return (
    <div className="detail-tags">
      <ul className="tag-list" aria-label="Tags">
        {asset.tags.map((t) => (
          <li key={t} className="tag-chip" data-testid="detail-tag">
            <span>{t}</span>
            <button type="button" className="tag-chip-remove" aria-label={`Remove the tag ${t}`} data-testid="detail-tag-remove" onClick={() => void tag([asset.id], [], [t])}>
              <CloseIcon size={11} />
            </button>
          </li>
        ))}
        <li className="tag-add">
          <TagIcon size={12} />
          <input
            data-testid="detail-tag-input"
            aria-label="Add a tag (Enter)"
            placeholder={asset.tags.length ? 'Add tag' : 'Add a tag…'}
            value={value}
            maxLength={64}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                const t = value.trim();
                if (!t) return;
                setValue('');
                if (!asset.tags.includes(t)) void tag([asset.id], [t]);
              } else if (e.key === 'Escape' && value) {
                e.preventDefault();
                e.stopPropagation();
                setValue('');
              }
            }}
          />
        </li>
      </ul>
    </div>
  );
}

export function Collections({ asset }: { asset: AssetDetail }) {
  const { collections, addToCollection, removeFromCollection, addToNewCollection, setFilters } = useLibraryStore(
    useShallow((s) => ({
      collections: s.collections,
      addToCollection: s.addToCollection,
      removeFromCollection: s.removeFromCollection,
      addToNewCollection: s.addToNewCollection,
      setFilters: s.setFilters,
    })),
  );
  const [naming, setNaming] = useState(false);
  const inIds = new Set(asset.collections.map((c) => c.id));
  const others = collections.filter((c) => !inIds.has(c.id));
  return (
    <div className="detail-collections" data-testid="detail-collections">
      <ul className="tag-list" aria-label="Collections">
        {asset.collections.map((c) => (
          <li key={c.id} className="tag-chip is-collection" data-testid="detail-collection">
            <button type="button" className="tag-chip-name" title={`Show ${c.name}`} onClick={() => setFilters({ collectionId: c.id })}>
              <CollectionIcon size={12} />
              {c.name}
            </button>
            <button type="button" className="tag-chip-remove" aria-label={`Remove from ${c.name}`} data-testid="detail-collection-remove" onClick={() => void removeFromCollection(c.id, [asset.id])}>
              <CloseIcon size={11} />
            </button>
          </li>
        ))}
        {!naming && (
          <li className="tag-add is-select">
            <PlusIcon size={12} />
            <select
              data-testid="detail-collection-add"
              aria-label="Add to a collection"
              value=""
              onChange={(e) => {
                const id = e.target.value;
                if (id === NEW_COLLECTION) setNaming(true);
                else if (id) void addToCollection(id, [asset.id]);
              }}
            >
              <option value="">{asset.collections.length ? 'Add to…' : 'Add to a collection…'}</option>
              {others.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
              <option value={NEW_COLLECTION}>New collection…</option>
            </select>
          </li>
        )}
      </ul>
      {naming && (
        <NameInput
          placeholder="New collection name"
          testId="detail-collection-name"
          saveLabel="Add"
          onCancel={() => setNaming(false)}
          onSave={async (name) => {
            if (await addToNewCollection(name, [asset.id])) setNaming(false);
          }}
        />
      )}
    </div>
  );
}

/** How deep each version sits: one more than its deepest parent in the lineage. */
function depths(nodes: readonly LineageNode[]): Map<string, number> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  const depth = (id: string, seen: Set<string>): number => {
    const known = out.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    if (!node || seen.has(id)) return 0;
    seen.add(id);
    const parents = node.parentIds.filter((p) => byId.has(p));
    const d = parents.length ? 1 + Math.max(...parents.map((p) => depth(p, seen))) : 0;
    out.set(id, d);
    return d;
  };
  for (const n of nodes) depth(n.id, new Set());
  return out;
}

/** Every version connected to this image (edits, chat turns), parents first; click one to open it. */
export function Lineage({ asset }: { asset: AssetDetail }) {
  const select = useLibraryStore((s) => s.select);
  const levels = useMemo(() => depths(asset.lineage), [asset.lineage]);
  if (asset.lineage.length <= 1) return null;
  return (
    <section className="detail-lineage" data-testid="detail-lineage" aria-label="Versions">
      <h3 className="detail-subtitle">
        <BranchIcon />
        Versions <span className="muted">{asset.lineage.length}</span>
      </h3>
      <ol className="lineage-list">
        {asset.lineage.map((node, i) => {
          const current = node.id === asset.id;
          const level = Math.min(levels.get(node.id) ?? 0, 6);
          return (
            <li key={node.id} className="lineage-item" data-depth={level}>
              <button
                type="button"
                className={`lineage-node${current ? ' is-current' : ''}${node.trashed ? ' is-trashed' : ''}`}
                data-testid="lineage-node"
                data-asset-id={node.id}
                aria-current={current ? 'true' : undefined}
                style={{ paddingLeft: 6 + level * 14 }}
                title={node.prompt ?? undefined}
                onClick={() => {
                  if (!current) void select(node.id);
                }}
              >
                <img src={thumbUrl(node.id)} alt="" loading="lazy" draggable={false} />
                <span className="lineage-text">
                  <span className="lineage-prompt">{node.prompt?.trim() || (i === 0 ? 'Original' : 'Untitled version')}</span>
                  <span className="lineage-meta">
                    {formatDateTime(node.createdAt)}
                    {node.trashed && ' · in the trash'}
                    {current && ' · this one'}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

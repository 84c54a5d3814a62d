/**
 * The library's Elements: a named person, object or style and its reference images (library
 * assets). An image's asset going away (deleted for good) takes it out of its Elements; an
 * Element left with no image is still listed, and the window asks for a new image before use.
 */
import crypto from 'node:crypto';
import type { CreateElementInput, Element, ElementKind } from '../../../shared/domain';
import { CreateElementSchema, MAX_ELEMENT_IMAGES } from '../../../shared/domain';
import { thumbUrl } from '../../../shared/urls';
import { cached, tx, type Db } from '../db/db';
import { AppError } from '../errors';

interface ElementRow {
  id: string;
  name: string;
  kind: ElementKind;
  description: string;
  created_at: number;
  asset_ids: string | null;
}

const SELECT = `SELECT e.id, e.name, e.kind, e.description, e.created_at,
  (SELECT group_concat(asset_id, ',') FROM (SELECT asset_id FROM element_images WHERE element_id = e.id ORDER BY position)) AS asset_ids
  FROM elements e`;

function toElement(r: ElementRow): Element {
  const assetIds = r.asset_ids ? r.asset_ids.split(',') : [];
  return { id: r.id, name: r.name, kind: r.kind, description: r.description, assetIds, coverUrl: assetIds[0] ? thumbUrl(assetIds[0]) : null, createdAt: r.created_at };
}

export class Elements {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  list(): Element[] {
    return (cached(this.db, `${SELECT} ORDER BY e.name COLLATE NOCASE`).all() as ElementRow[]).map(toElement);
  }

  get(id: string): Element {
    const row = cached(this.db, `${SELECT} WHERE e.id = ?`).get(id) as ElementRow | undefined;
    if (!row) throw new AppError('not_found', 'This Element is no longer in the library; it may have been deleted.');
    return toElement(row);
  }

  create(input: CreateElementInput): Element {
    const e = CreateElementSchema.parse(input);
    const assetIds = [...new Set(e.assetIds)];
    const id = crypto.randomUUID();
    tx(this.db, () => {
      this.checkNameFree(e.name);
      this.checkLive(assetIds);
      cached(this.db, 'INSERT INTO elements (id, name, kind, description, created_at) VALUES (?, ?, ?, ?, ?)').run(id, e.name, e.kind, e.description, this.now());
      assetIds.forEach((assetId, position) => cached(this.db, 'INSERT INTO element_images (element_id, asset_id, position) VALUES (?, ?, ?)').run(id, assetId, position));
    });
    return this.get(id);
  }

  rename(id: string, name: string, description?: string): Element {
    tx(this.db, () => {
      this.get(id);
      this.checkNameFree(name, id);
      cached(this.db, 'UPDATE elements SET name = ? WHERE id = ?').run(name, id);
      if (description !== undefined) cached(this.db, 'UPDATE elements SET description = ? WHERE id = ?').run(description, id);
    });
    return this.get(id);
  }

  /** Any of its name, kind and description; what is absent stays. */
  update(id: string, patch: { name?: string | undefined; kind?: ElementKind | undefined; description?: string | undefined }): Element {
    tx(this.db, () => {
      this.get(id);
      if (patch.name !== undefined) {
        this.checkNameFree(patch.name, id);
        cached(this.db, 'UPDATE elements SET name = ? WHERE id = ?').run(patch.name, id);
      }
      if (patch.kind !== undefined) cached(this.db, 'UPDATE elements SET kind = ? WHERE id = ?').run(patch.kind, id);
      if (patch.description !== undefined) cached(this.db, 'UPDATE elements SET description = ? WHERE id = ?').run(patch.description, id);
    });
    return this.get(id);
  }

  /** Library images after the Element's own, in the order given; one it already has is kept once. */
  addImages(id: string, assetIds: readonly string[]): Element {
    tx(this.db, () => {
      const have = this.get(id).assetIds;
      const fresh = [...new Set(assetIds)].filter((a) => !have.includes(a));
      if (have.length + fresh.length > MAX_ELEMENT_IMAGES) {
        const room = MAX_ELEMENT_IMAGES - have.length;
        throw new AppError('bad_input', `An Element holds ${MAX_ELEMENT_IMAGES} images at most; this one has ${have.length}, so ${room === 0 ? 'no more fit' : `${room} more fit`}. Remove some first.`);
      }
      this.checkLive(fresh);
      const next = (cached(this.db, 'SELECT coalesce(max(position) + 1, 0) FROM element_images WHERE element_id = ?').pluck().get(id) as number) ?? 0;
      fresh.forEach((assetId, i) => cached(this.db, 'INSERT INTO element_images (element_id, asset_id, position) VALUES (?, ?, ?)').run(id, assetId, next + i));
    });
    return this.get(id);
  }

  /** Takes one image out of the Element; the image stays in the library. The last one stays. */
  removeImage(id: string, assetId: string): Element {
    tx(this.db, () => {
      const e = this.get(id);
      if (!e.assetIds.includes(assetId)) throw new AppError('not_found', `That image is no longer part of @${e.name}; the list has been refreshed.`);
      if (e.assetIds.length === 1) throw new AppError('bad_input', `An Element keeps at least one image: add another to @${e.name} before removing this one, or delete the Element.`);
      cached(this.db, 'DELETE FROM element_images WHERE element_id = ? AND asset_id = ?').run(id, assetId);
    });
    return this.get(id);
  }

  delete(id: string): void {
    const { changes } = cached(this.db, 'DELETE FROM elements WHERE id = ?').run(id);
    if (changes === 0) throw new AppError('not_found', 'This Element is no longer in the library; it may have been deleted.');
  }

  /** For the request policy: every Element a request names is still here, and still has its images. */
  checkUsable(elements: ReadonlyArray<{ id: string; name: string }>): void {
    for (const { id, name } of elements) {
      const row = cached(this.db, `${SELECT} WHERE e.id = ?`).get(id) as ElementRow | undefined;
      if (!row) throw new AppError('not_found', `The Element “${name}” is no longer in the library; remove @${name} from the prompt.`);
      if (!row.asset_ids) throw new AppError('bad_input', `The Element “${name}” has no images left; add one in Elements before using it.`);
    }
  }

  private checkLive(assetIds: readonly string[]): void {
    for (const assetId of assetIds) {
      const live = cached(this.db, 'SELECT trashed_at IS NULL FROM assets WHERE id = ?').pluck().get(assetId);
      if (live === undefined) throw new AppError('not_found', 'One of the chosen images is no longer in the library; choose the images again.');
      if (!live) throw new AppError('bad_input', 'One of the chosen images is in the trash; restore it first, or leave it out.');
    }
  }

  private checkNameFree(name: string, except?: string): void {
    const other = cached(this.db, 'SELECT id FROM elements WHERE name = ? COLLATE NOCASE').pluck().get(name) as string | undefined;
    if (other && other !== except) throw new AppError('bad_input', `There is already an Element called “${name}”; choose another name.`);
  }
}

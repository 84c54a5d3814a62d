/**
 * Smart collections: a search kept by name. Nothing is stored about which images match, so a
 * collection is always as live as the library: its count is the library's own search, run when
 * the list is asked for (the same capped count the grid shows).
 */
import crypto from 'node:crypto';
import { cached } from '../db/db';
import type { Db } from '../db/types';
import type { LibraryQuery } from '../../../shared/domain/library';
import { AppError } from '../errors';
import { CreateSmartCollectionSchema, RenameSmartCollectionSchema, SmartCollectionQuerySchema, type SmartCollection, type SmartCollectionQuery } from '../../../shared/domain/smartCollections';

interface Row {
  id: string;
  name: string;
  query_json: string;
  created_at: number;
}

export class SmartCollections {
  constructor(
    private readonly db: Db,
    private readonly library: { search(q: LibraryQuery): { total: number; capped: boolean } },
    private readonly now: () => number,
  ) {}

  create(input: { name: string; query: SmartCollectionQuery }): SmartCollection {
    const { name, query } = CreateSmartCollectionSchema.parse(input);
    const row: Row = { id: crypto.randomUUID(), name, query_json: JSON.stringify(query), created_at: this.now() };
    cached(this.db, 'INSERT INTO smart_collections (id, name, query_json, created_at) VALUES (?, ?, ?, ?)').run(row.id, row.name, row.query_json, row.created_at);
    return this.counted(row);
  }

  list(): SmartCollection[] {
    const rows = cached(this.db, 'SELECT id, name, query_json, created_at FROM smart_collections ORDER BY name COLLATE NOCASE, created_at').all() as Row[];
    return rows.map((r) => this.counted(r));
  }

  /** A new name for a smart collection; its search stays. */
  rename(id: string, name: string): SmartCollection {
    const parsed = RenameSmartCollectionSchema.parse({ id, name });
    if (cached(this.db, 'UPDATE smart_collections SET name = ? WHERE id = ?').run(parsed.name, id).changes === 0) {
      throw new AppError('not_found', 'That smart collection is not there any more.');
    }
    return this.counted(cached(this.db, 'SELECT id, name, query_json, created_at FROM smart_collections WHERE id = ?').get(id) as Row);
  }

  delete(id: string): boolean {
    return cached(this.db, 'DELETE FROM smart_collections WHERE id = ?').run(id).changes > 0;
  }

  private counted(r: Row): SmartCollection {
    // Parsed again: a query saved by an older version gains the defaults of filters added since.
    const query = SmartCollectionQuerySchema.parse(JSON.parse(r.query_json));
    // A meaning collection counts its word matches: counting by meaning would cost an embedding
    // call at every library change. The window says so next to it.
    const { meaning: _meaning, ...words } = query;
    const { total, capped } = this.library.search({ ...words, limit: 1 });
    return { id: r.id, name: r.name, query, count: total, capped, createdAt: r.created_at };
  }
}

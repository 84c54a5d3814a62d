import type { Migration } from '../types';

/**
 * The prompt library: a prompt saved with a name, tags and the whole request it makes (model,
 * class, ratio, size, thinking, search, tier, references), as the JSON the studio would send.
 * Tags are a JSON array: a library of prompts is hundreds of rows, searched with LIKE, so a tag
 * table would buy nothing. `prompt` is kept beside the JSON so a search reads one column.
 *
 * IF NOT EXISTS: a pre-ledger library is built by running every migration without a ledger,
 * then this one runs again once the ledger counts it (see 0160).
 */
export const m0180SavedPrompts: Migration = {
  version: 180,
  name: 'saved prompts with their whole request; smart collections',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS saved_prompts (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        prompt       TEXT NOT NULL,
        tags_json    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags_json) AND json_type(tags_json) = 'array'),
        request_json TEXT NOT NULL CHECK (json_valid(request_json)),
        created_at   INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS saved_prompts_created ON saved_prompts (created_at DESC);

      -- Smart collections: a library search (words and filters) kept by name; counted when listed.
      CREATE TABLE IF NOT EXISTS smart_collections (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        query_json TEXT NOT NULL CHECK (json_valid(query_json)),
        created_at INTEGER NOT NULL
      );
    `);
  },
};

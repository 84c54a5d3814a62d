import type { Migration } from '../types';

/**
 * Content credentials (C2PA) read from each image's bytes. Keyed by the bytes' hash, not by
 * asset: they are a property of the file, so a duplicate or a result imported again shares one
 * reading. `state` is the validation outcome; `ai_generated` is kept as a column so the library's
 * "AI-generated per credentials" filter is an index lookup, not JSON parsing.
 */
export const m0120ContentCredentials: Migration = {
  version: 120,
  name: 'content credentials',
  up(db) {
    db.exec(`
      CREATE TABLE content_credentials (
        sha256              TEXT PRIMARY KEY,
        state               TEXT NOT NULL CHECK (state IN ('valid', 'untrusted', 'tampered', 'none')),
        claim_generator     TEXT,
        issuer              TEXT,
        actions_json        TEXT NOT NULL DEFAULT '[]',
        digital_source_type TEXT,
        ai_generated        INTEGER NOT NULL DEFAULT 0 CHECK (ai_generated IN (0, 1)),
        synthid_declared    INTEGER NOT NULL DEFAULT 0 CHECK (synthid_declared IN (0, 1)),
        reason              TEXT,
        read_at             INTEGER NOT NULL
      );
      CREATE INDEX content_credentials_present ON content_credentials(state, ai_generated) WHERE state <> 'none';
    `);
  },
};

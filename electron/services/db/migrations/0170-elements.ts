import type { Migration } from '../types';

/**
 * Elements (a named person, object or style and its reference images, all library assets) and
 * which Elements each generation used.
 *
 * A request carries its Elements as `params.elements` ([{ id, name }]), stored in params_json
 * like every other knob; the trigger copies them into `generation_elements` whichever service
 * inserts the generation (studio, chat, batch, a chat's copy), so the library can filter by
 * Element through an index. No foreign key to `elements` there: a result still names the
 * Element it used after that Element is deleted.
 *
 * IF NOT EXISTS: a test builds a pre-ledger library by running every migration without a ledger;
 * the ledger then counts this one (written after the ledger) as not applied and runs it again.
 */
export const m0170Elements: Migration = {
  version: 170,
  name: 'elements: named references, and the elements each generation used',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS elements (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        kind        TEXT NOT NULL CHECK (kind IN ('person', 'object', 'style')),
        description TEXT NOT NULL DEFAULT '',
        created_at  INTEGER NOT NULL
      );
      -- "@Anna" must mean one Element, whatever the case it is typed in.
      CREATE UNIQUE INDEX IF NOT EXISTS elements_name ON elements(name COLLATE NOCASE);

      CREATE TABLE IF NOT EXISTS element_images (
        element_id TEXT NOT NULL REFERENCES elements(id) ON DELETE CASCADE,
        asset_id   TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        PRIMARY KEY (element_id, asset_id)
      );
      CREATE INDEX IF NOT EXISTS element_images_asset ON element_images(asset_id);

      CREATE TABLE IF NOT EXISTS generation_elements (
        generation_id TEXT NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
        element_id    TEXT NOT NULL,
        name          TEXT NOT NULL,
        PRIMARY KEY (generation_id, element_id)
      );
      CREATE INDEX IF NOT EXISTS generation_elements_element ON generation_elements(element_id);

      CREATE TRIGGER IF NOT EXISTS generations_record_elements AFTER INSERT ON generations
      WHEN json_valid(NEW.params_json) AND json_type(NEW.params_json, '$.elements') = 'array'
      BEGIN
        INSERT OR IGNORE INTO generation_elements (generation_id, element_id, name)
          SELECT NEW.id, json_extract(value, '$.id'), json_extract(value, '$.name')
          FROM json_each(NEW.params_json, '$.elements')
          WHERE json_extract(value, '$.id') IS NOT NULL AND json_extract(value, '$.name') IS NOT NULL;
      END;
    `);
  },
};

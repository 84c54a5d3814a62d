import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import type { Db } from '../../../../electron/services/db/types';
import { PromptLibrary } from '../../../../electron/services/prompts/PromptLibrary';
import type { SavedRequest } from '../../../../shared/domain/prompts';
import { tempDir } from '../../../support/tmp';

const request: SavedRequest = {
  prompt: 'a lighthouse in a storm',
  tier: 'flash',
  modelId: 'gemini-3.1-flash-image',
  aspectRatio: '21:9',
  imageSize: '512',
  modalities: 'IMAGE',
  grounding: true,
  imageSearch: true,
  thinkingLevel: 'high',
  includeThoughts: true,
  references: [{ assetId: '6f1c2a7e-3b7d-4c1e-9a55-0d6f3c2b1a90', kind: 'person' }],
  serviceTier: 'flex',
  flexFallback: true,
};

describe('PromptLibrary', () => {
  let db: Db;
  let clock = 1000;
  let lib: PromptLibrary;
  beforeEach(() => {
    db = openDatabase(path.join(tempDir(), 'p.sqlite'));
    clock = 1000;
    lib = new PromptLibrary(db, () => clock++);
  });

  it('keeps the whole request of a saved prompt, every field as it was sent', () => {
    const saved = lib.save({ name: 'Storm', tags: ['sea', 'night', 'Sea'], request });
    expect(saved.tags).toEqual(['sea', 'night']);
    const [back] = lib.list();
    expect(back!.request).toEqual(request);
    expect(back).toEqual(saved);
  });

  it('finds by name, tag or prompt words (all words must match), taking % and _ literally, newest first', () => {
    lib.save({ name: 'Storm', tags: ['sea'], request });
    lib.save({ name: 'Owl', tags: ['bird', '100%'], request: { ...request, prompt: 'a brass owl' } });
    expect(lib.list('').map((p) => p.name)).toEqual(['Owl', 'Storm']);
    expect(lib.list('sea').map((p) => p.name)).toEqual(['Storm']);
    expect(lib.list('brass OWL').map((p) => p.name)).toEqual(['Owl']);
    expect(lib.list('owl sea')).toEqual([]);
    expect(lib.list('100%').map((p) => p.name)).toEqual(['Owl']);
    expect(lib.list('%')).toHaveLength(1);
    expect(lib.list('_')).toEqual([]);
  });

  it('refuses a nameless prompt in a person’s words', () => {
    expect(() => lib.save({ name: '  ', tags: [], request })).toThrow('Give the prompt a name.');
  });

  it('deletes by id and says whether anything went', () => {
    const saved = lib.save({ name: 'Storm', tags: [], request });
    expect(lib.delete(saved.id)).toBe(true);
    expect(lib.delete(saved.id)).toBe(false);
    expect(lib.list()).toEqual([]);
  });

  it('history: studio prompts newest first, once each, narrowed by words; chat turns and imports left out', () => {
    const add = db.prepare('INSERT INTO generations (id, job_id, prompt, tier, model_id, params_json, duration_ms, created_at, conversation_id) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)');
    add.run('g1', 'j1', 'a red car', 'flash', 'm', '{}', 1, null);
    add.run('g2', 'j2', 'a blue boat', 'flash', 'm', '{}', 2, null);
    add.run('g3', 'j3', 'a red car', 'flash', 'm', '{}', 3, null);
    add.run('g4', null, 'an imported photo', 'flash', 'm', '{}', 4, null);
    db.prepare("INSERT INTO conversations (id, title, tier, model_id, created_at, updated_at) VALUES ('c1', 't', 'flash', 'm', 1, 1)").run();
    add.run('g5', 'j5', 'a chat turn', 'flash', 'm', '{}', 5, 'c1');
    expect(lib.history()).toEqual([
      { prompt: 'a red car', lastUsedAt: 3 },
      { prompt: 'a blue boat', lastUsedAt: 2 },
    ]);
    expect(lib.history('boat')).toEqual([{ prompt: 'a blue boat', lastUsedAt: 2 }]);
    expect(lib.history('', 1)).toEqual([{ prompt: 'a red car', lastUsedAt: 3 }]);
  });
});

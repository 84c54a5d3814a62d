/** A smart collection kept as a search by meaning: stored with its flag, counted by its words (no embedding call per library change). */
import { describe, expect, it } from 'vitest';
import type { SmartCollection } from '../../../../shared/ipc/contract';
import { atelierFixture } from '../../../support/atelierFixture';
import { pngOf } from '../../../support/images';

const fx = atelierFixture();

describe('smart collections by meaning', () => {
  it('keep the meaning flag and count their word matches', async () => {
    const { atelier, call } = await fx.start();
    await atelier.library.importImage('lighthouse.png', await pngOf(20, 20));
    await atelier.library.importImage('orange.png', await pngOf(21, 20, [250, 140, 20]));
    const made = await call<SmartCollection>('smartCollections.create', { name: 'Lighthouses', query: { text: 'lighthouse', meaning: true } });
    expect(made).toMatchObject({ query: { text: 'lighthouse', meaning: true }, count: 1 });
    expect((await call<SmartCollection[]>('smartCollections.list'))[0]).toMatchObject({ query: { meaning: true }, count: 1 });
  });
});

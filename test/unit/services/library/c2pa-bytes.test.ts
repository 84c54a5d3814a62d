/** Finding and removing a C2PA manifest by walking a file's structure (export's decision and the explicit embed). */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readCredentials } from '../../../../electron/services/images/credentials';
import { embed, hasC2paManifest, readEmbedded, withoutC2paManifest } from '../../../../electron/services/library/metadata';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../../fixtures/c2pa', name));

describe('hasC2paManifest / withoutC2paManifest', () => {
  it('finds a manifest in a JPEG (APP11 JUMBF) and a PNG (caBX), and none in files without one', () => {
    expect(hasC2paManifest(fixture('C.jpg'))).toBe(true);
    expect(hasC2paManifest(fixture('signed.png'))).toBe(true);
    expect(hasC2paManifest(fixture('no_manifest.jpg'))).toBe(false);
    expect(hasC2paManifest(fixture('libpng-test.png'))).toBe(false);
    expect(hasC2paManifest(Buffer.from('neither'))).toBe(false);
  });

  for (const name of ['C.jpg', 'signed.png']) {
    it(`removes ${name}'s manifest and nothing else: the pixels still decode, a reader finds no credentials, and Atelier's record embeds`, async () => {
      const bare = withoutC2paManifest(fixture(name));
      expect(hasC2paManifest(bare)).toBe(false);
      expect(bare.length).toBeLessThan(fixture(name).length);
      expect((await readCredentials(bare, [])).state).toBe('none');
      const [a, b] = await Promise.all([sharp(bare).raw().toBuffer(), sharp(fixture(name)).raw().toBuffer()]);
      expect(a.equals(b)).toBe(true);
      const meta = { app: 'Atelier' as const, version: 1 as const, prompt: 'p', modelId: 'gemini-3-pro-image', tier: 'pro' as const, params: { aspectRatio: '1:1', imageSize: '1K', modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] }, text: null, createdAt: 1 };
      const withRecord = embed(bare, name.endsWith('.png') ? 'image/png' : 'image/jpeg', meta as Parameters<typeof embed>[2])!;
      expect((await readEmbedded(withRecord))?.prompt).toBe('p');
    });
  }

  it('leaves a file without a manifest byte for byte as it was', () => {
    for (const name of ['no_manifest.jpg', 'libpng-test.png']) expect(withoutC2paManifest(fixture(name)).equals(fixture(name))).toBe(true);
  });
});

/** Reading content credentials (C2PA) from the c2pa-rs test images, and from one tampered here. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionWords, readCredentials } from '../../../../electron/services/images/credentials';
import { inProcessImages } from '../../../../electron/services/images/work';

export const C2PA_FIXTURES = path.join(__dirname, '../../../fixtures/c2pa');
const fixture = (name: string) => fs.readFileSync(path.join(C2PA_FIXTURES, name));
const anchors = [fixture('test_cert_root_bundle.pem').toString('utf8')];

describe('readCredentials', () => {
  it('reads a signed JPEG as valid when its signer chains to a held anchor, with its generator, issuer, action and source type', async () => {
    const c = await readCredentials(fixture('C.jpg'), anchors);
    expect(c).toMatchObject({
      state: 'valid',
      claimGenerator: 'make_test_images',
      issuer: 'C2PA Test Signing Cert',
      actions: ['Created by Make Test Images 0.33.1'],
      digitalSourceType: 'algorithmicMedia',
      aiGenerated: true,
      synthIdDeclared: false,
      reason: null,
    });
  });

  it('reads the same file as untrusted when Atelier holds no anchor for its signer (never as valid)', async () => {
    const c = await readCredentials(fixture('C.jpg'), []);
    expect(c.state).toBe('untrusted');
    expect(c.reason).toMatch(/not on Atelier’s list/);
    expect(c.claimGenerator).toBe('make_test_images');
  });

  it('reads a file whose hashed bytes changed after signing as tampered', async () => {
    const c = await readCredentials(fixture('C-tampered.jpg'), anchors);
    expect(c.state).toBe('tampered');
    expect(c.reason).toBe('The image’s bytes changed after it was signed.');
  });

  it('reads a signed PNG (manifest in a caBX chunk) with its SynthID declaration, and the same PNG with one IDAT byte changed as tampered', async () => {
    expect(await readCredentials(fixture('signed.png'), anchors)).toMatchObject({
      state: 'valid',
      claimGenerator: 'Atelier test fixture',
      actions: ['Created by Atelier test generator', 'SynthID watermark applied'],
      digitalSourceType: 'trainedAlgorithmicMedia',
      aiGenerated: true,
      synthIdDeclared: true,
    });
    expect((await readCredentials(fixture('signed-tampered.png'), anchors)).state).toBe('tampered');
  });

  it('reads files without a manifest as none (JPEG and PNG), and bytes that are no image at all as none', async () => {
    expect((await readCredentials(fixture('no_manifest.jpg'), anchors)).state).toBe('none');
    expect((await readCredentials(fixture('libpng-test.png'), anchors)).state).toBe('none');
    expect((await readCredentials(Buffer.from('not an image'), anchors)).state).toBe('none');
  });

  it('reads a manifest cut short as tampered, not as a crash', async () => {
    const whole = fixture('C.jpg');
    // The APP11 segments carry the manifest; cutting into them leaves a JUMBF box that cannot be whole.
    const app11 = whole.indexOf(Buffer.from([0xff, 0xeb]));
    const broken = Buffer.from(whole);
    broken.fill(0x41, app11 + 40, app11 + 400);
    const c = await readCredentials(broken, anchors);
    expect(['tampered', 'none']).toContain(c.state);
    expect(c.state).not.toBe('valid');
  });

  it('is the image helper’s `credentials` work, from a path or from bytes', async () => {
    const fromPath = await inProcessImages.run('credentials', { source: { path: path.join(C2PA_FIXTURES, 'C.jpg') }, anchors }, 'reading C.jpg');
    const fromBytes = await inProcessImages.run('credentials', { source: { bytes: new Uint8Array(fixture('C.jpg')) }, anchors }, 'reading C.jpg');
    expect(fromPath.state).toBe('valid');
    expect(fromBytes).toEqual(fromPath);
  });

  it('words actions as a person reads them: the agent that acted, and a SynthID watermark by name', () => {
    expect(actionWords({ action: 'c2pa.created', softwareAgent: { name: 'Google Generative AI' } })).toBe('Created by Google Generative AI');
    expect(actionWords({ action: 'c2pa.watermarked', description: 'SynthID watermark' })).toBe('SynthID watermark applied');
    expect(actionWords({ action: 'c2pa.watermarked' })).toBe('Watermark applied');
    expect(actionWords({ action: 'com.example.special_step' })).toBe('Com example special step');
  });
});

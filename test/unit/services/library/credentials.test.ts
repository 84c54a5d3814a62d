/**
 * Content credentials through the whole engine: read as results and imports are stored, kept in
 * SQLite, filtered on, and never broken by export (issue 17 §2).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssetDetail, Job } from '../../../../shared/ipc/contract';
import { noDesktop } from '../../../../electron/services/desktop/DesktopShell';
import { readCredentials } from '../../../../electron/services/images/credentials';
import { hasC2paManifest, readEmbedded } from '../../../../electron/services/library/metadata';
import { atelierFixture } from '../../../support/atelierFixture';
import { tempDir } from '../../../support/tmp';

const FIXTURES = path.join(__dirname, '../../../fixtures/c2pa');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const anchors = [fixture('test_cert_root_bundle.pem').toString('utf8')];
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const fx = atelierFixture({ key: 'AIzaCredentialsKey0000000000000000000000', fake: true, options: { libraryCheckDelayMs: 3_600_000 } });

async function start(o: { anchors?: readonly string[] } = {}) {
  const exportFolder = tempDir();
  const session = await fx.start({ tuning: { desktop: { ...noDesktop, chooseFolder: async () => exportFolder }, ...(o.anchors ? { trustAnchors: o.anchors } : {}) } });
  return { ...session, exportFolder };
}

/** A result whose bytes are the fake's signed PNG, generated through the real SDK. */
async function signedResult(s: Awaited<ReturnType<typeof start>>): Promise<AssetDetail> {
  fx.fake.enqueue({ kind: 'success', format: 'signed' });
  const job = await s.generate({ prompt: 'a gradient with credentials' });
  await s.atelier.queue.whenIdle();
  const done = s.atelier.queue.get(job.id) as Job;
  expect(done.state).toBe('succeeded');
  return s.call<AssetDetail>('library.get', { id: done.assetIds[0] });
}

describe('content credentials of results', () => {
  it('stores a result byte for byte as Gemini sent it (the stored original hashes to the wire bytes)', async () => {
    const s = await start();
    const asset = await signedResult(s);
    const wire = fixture('signed.png');
    const stored = fs.readFileSync(s.atelier.library.fileOf(asset.id, 'original')!.path);
    expect(sha(stored)).toBe(sha(wire));
    expect(asset.sha256).toBe(sha(wire));
  });

  it('reads a result’s credentials when it is stored and keeps the summary in SQLite', async () => {
    const s = await start({ anchors });
    const asset = await signedResult(s);
    expect(asset.credentials).toMatchObject({
      state: 'valid',
      claimGenerator: 'Atelier test fixture',
      issuer: 'C2PA Test Signing Cert',
      actions: ['Created by Atelier test generator', 'SynthID watermark applied'],
      digitalSourceType: 'trainedAlgorithmicMedia',
      aiGenerated: true,
      synthIdDeclared: true,
    });
    const row = s.atelier.db.prepare('SELECT state, claim_generator, ai_generated, synthid_declared FROM content_credentials WHERE sha256 = ?').get(asset.sha256);
    expect(row).toEqual({ state: 'valid', claim_generator: 'Atelier test fixture', ai_generated: 1, synthid_declared: 1 });
  });

  it('says "untrusted", never "valid", when the signer is not on the shipped C2PA trust list (c2pa-rs test certificates are not)', async () => {
    const s = await start();
    const asset = await signedResult(s);
    expect(asset.credentials?.state).toBe('untrusted');
  });
});

describe('content credentials of imports, and the library filter', () => {
  it('reads imported files (signed, tampered, none) and filters on "has credentials" and "AI-generated per credentials"', async () => {
    const s = await start({ anchors });
    const dir = tempDir();
    for (const f of ['C.jpg', 'C-tampered.jpg', 'no_manifest.jpg']) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
    const res = await s.call<{ imported: Array<{ id: string }> }>('library.import', { files: ['C.jpg', 'C-tampered.jpg', 'no_manifest.jpg'].map((f) => ({ name: f, path: path.join(dir, f) })) });
    const [signed, tampered, plain] = await Promise.all(res.imported.map((a) => s.call<AssetDetail>('library.get', { id: a.id })));
    expect(signed!.credentials?.state).toBe('valid');
    expect(tampered!.credentials?.state).toBe('tampered');
    expect(plain!.credentials?.state).toBe('none');

    const ids = async (credentials?: 'has' | 'ai') => (await s.call<{ assets: Array<{ id: string }> }>('library.search', credentials ? { credentials } : {})).assets.map((a) => a.id).sort();
    expect(await ids()).toHaveLength(3);
    expect(await ids('has')).toEqual([signed!.id, tampered!.id].sort());
    expect(await ids('ai')).toEqual([signed!.id, tampered!.id].sort());
    const refused = await s.tryCall('library.search', { credentials: 'maybe' });
    expect(refused.ok).toBe(false);
  });
});

describe('export never breaks content credentials', () => {
  it('writes a file with a manifest byte for byte, Atelier’s record in name.png.xmp, and a C2PA reader still finds it valid', async () => {
    const s = await start({ anchors });
    const asset = await signedResult(s);
    const out = await s.call<{ written: string[]; credentialsKept: number }>('library.export', { ids: [asset.id] });
    const file = out.written[0]!;
    expect(out.credentialsKept).toBe(1);
    expect(file).toMatch(/\.png$/);
    expect(sha(fs.readFileSync(file))).toBe(sha(fixture('signed.png')));
    expect((await readCredentials(fs.readFileSync(file), anchors)).state).toBe('valid');
    const xmp = fs.readFileSync(`${file}.xmp`, 'utf8');
    expect(xmp).toContain('a gradient with credentials');
    expect(fs.readdirSync(s.exportFolder).sort()).toEqual([path.basename(file), `${path.basename(file)}.xmp`].sort());
  });

  it('embeds Atelier’s metadata only when asked, and then removes the credentials rather than leaving them "tampered"', async () => {
    const s = await start({ anchors });
    const asset = await signedResult(s);
    const out = await s.call<{ written: string[]; credentialsKept: number }>('library.export', { ids: [asset.id], embedMetadata: true });
    const bytes = fs.readFileSync(out.written[0]!);
    expect(out.credentialsKept).toBe(0);
    expect(hasC2paManifest(bytes)).toBe(false);
    expect((await readCredentials(bytes, anchors)).state).toBe('none');
    expect((await readEmbedded(bytes))?.prompt).toBe('a gradient with credentials');
    expect(fs.existsSync(`${out.written[0]!}.xmp`)).toBe(false);
  });

  it('import reads an exported file’s XMP sidecar back: the prompt returns, the credentials stay valid', async () => {
    const first = await start({ anchors });
    const asset = await signedResult(first);
    const { written } = await first.call<{ written: string[] }>('library.export', { ids: [asset.id] });

    const second = await start({ anchors });
    const res = await second.call<{ imported: Array<{ id: string; prompt: string | null }> }>('library.import', { files: [{ name: path.basename(written[0]!), path: written[0]! }] });
    const back = await second.call<AssetDetail>('library.get', { id: res.imported[0]!.id });
    expect(back.prompt).toBe('a gradient with credentials');
    expect(back.generation?.prompt).toBe('a gradient with credentials');
    expect(back.credentials?.state).toBe('valid');
  });

  it('a dropped folder takes the image with its sidecar and does not report the .xmp as a file left out', async () => {
    const first = await start({ anchors });
    const asset = await signedResult(first);
    const { written } = await first.call<{ written: string[] }>('library.export', { ids: [asset.id] });
    const second = await start({ anchors });
    const res = await second.call<{ imported: Array<{ prompt: string | null }>; rejected: unknown[] }>('library.import', { files: [{ name: 'export', path: path.dirname(written[0]!) }] });
    expect(res.rejected).toEqual([]);
    expect(res.imported.map((a) => a.prompt)).toEqual(['a gradient with credentials']);
  });
});

describe('images stored before credentials were read', () => {
  it('are read on their first detail view, and the row answers after that', async () => {
    const s = await start({ anchors });
    const asset = await signedResult(s);
    s.atelier.db.prepare('DELETE FROM content_credentials').run();
    expect(s.atelier.library.get(asset.id).credentials).toBeNull();
    const again = await s.call<AssetDetail>('library.get', { id: asset.id });
    expect(again.credentials?.state).toBe('valid');
    expect(s.atelier.db.prepare('SELECT COUNT(*) FROM content_credentials').pluck().get()).toBe(1);
  });
});

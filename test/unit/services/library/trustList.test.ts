/**
 * The bundled C2PA trust list (resources/c2pa/): it parses, and it is what credentials are checked
 * against when nobody passes other roots.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ContentCredentials } from '../../../../shared/domain';
import { openDatabase } from '../../../../electron/services/db/db';
import { ContentStore } from '../../../../electron/services/library/ContentStore';
import { Library } from '../../../../electron/services/library/Library';
import type { Images } from '../../../../electron/services/images/protocol';
import { NO_CREDENTIALS } from '../../../../electron/services/images/credentials';
import { bundledTrustAnchors, bundledTrustListPath, pemCertificates } from '../../../../electron/services/library/trustList';
import { tempDir } from '../../../support/tmp';

describe('the bundled C2PA trust list', () => {
  it('parses into X.509 CA certificates', () => {
    const certs = pemCertificates(fs.readFileSync(bundledTrustListPath(), 'utf8')).map((pem) => new X509Certificate(pem));
    expect(certs.length).toBeGreaterThanOrEqual(1);
    for (const c of certs) expect(c.ca).toBe(true);
    expect(bundledTrustAnchors()).toHaveLength(certs.length);
  });

  it('is what the credentials reader checks signers against by default', async () => {
    let passed: readonly string[] | null = null;
    const images = {
      run: async (_op: string, input: { anchors: readonly string[] }) => {
        passed = input.anchors;
        return NO_CREDENTIALS satisfies ContentCredentials;
      },
    } as unknown as Images;
    const dir = tempDir();
    const db = openDatabase(`${dir}/library.db`);
    const library = new Library(db, new ContentStore(dir, images));
    await library.credentials.readAndRecord('a'.repeat(64), { path: '/nowhere.png' }, 'a test');
    expect(passed).not.toBeNull();
    expect(passed!.length).toBeGreaterThanOrEqual(1);
    expect(passed).toEqual(bundledTrustAnchors());
    db.close();
  });
});

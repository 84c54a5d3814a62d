/**
 * The C2PA trust list Atelier ships (resources/c2pa/, README there: source, commit, licence): the
 * certificates a content credential's signer must chain to for "valid". Without it every intact
 * manifest, Google's included, read "untrusted".
 *
 * Read from the app's files, not fetched: there is no network at read time to depend on, and a
 * list that changes must arrive with a release whose tests saw it parse.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * From source (tests, tsx) this file is electron/services/library/; in the app it is bundled into
 * dist/electron/main.cjs (scripts/build-electron.mjs), inside app.asar in a package, which
 * Electron's fs reads like a folder. electron-builder.yml's `files` takes resources/c2pa/ along.
 */
export function bundledTrustListPath(): string {
  const appRoot = __filename.endsWith('.ts') ? path.join(__dirname, '..', '..', '..') : path.join(__dirname, '..', '..');
  return path.join(appRoot, 'resources', 'c2pa', 'C2PA-TRUST-LIST.pem');
}

/** Each PEM certificate of a bundle as its own string. */
export function pemCertificates(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

let loaded: readonly string[] | null = null;

/**
 * The bundled list, read once. A build without the file (a broken package) trusts no one rather
 * than failing to start: credentials then read "untrusted", which claims nothing false.
 */
export function bundledTrustAnchors(): readonly string[] {
  if (!loaded) {
    try {
      loaded = Object.freeze(pemCertificates(fs.readFileSync(bundledTrustListPath(), 'utf8')));
    } catch {
      loaded = Object.freeze([]);
    }
  }
  return loaded;
}

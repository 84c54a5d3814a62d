/**
 * Reads an image's C2PA manifest (content credentials) with @trustnxt/c2pa-ts, a pure TypeScript
 * reader chosen because it installs offline from the registry (c2pa-node downloads a binary at
 * install time; c2pa-web wants a browser worker for its wasm). Runs inside the image helper
 * process (`work.ts`): validation hashes the whole file and checks a signature, which would hold
 * main's event loop for a large original.
 *
 * c2pa-ts checks the hard binding, the claim signature and the assertion hashes, but not the
 * certificate chain (its README: "mostly implemented except chain of trust validation"), and it
 * marks every signer "trusted". So the chain is checked here, with node:crypto, against the
 * anchors main passes in: "valid" means the signer chains to one of them, "untrusted" that it does
 * not (intact, but signed by someone Atelier does not know).
 */
import { X509Certificate } from 'node:crypto';
import type { Asset } from '@trustnxt/c2pa-ts/asset';
import type { ManifestStore, ValidationResult } from '@trustnxt/c2pa-ts/manifest';
import type { ContentCredentials } from '../../../shared/domain';

/**
 * c2pa-ts is ESM only (its `exports` have no `require` condition) and the helper runs as CommonJS,
 * so it is loaded with import(); lazily, too, so a helper that never reads credentials never loads it.
 */
const c2pa = async () => {
  const [asset, jumbf, manifest] = await Promise.all([import('@trustnxt/c2pa-ts/asset'), import('@trustnxt/c2pa-ts/jumbf'), import('@trustnxt/c2pa-ts/manifest')]);
  return { JPEG: asset.JPEG, PNG: asset.PNG, SuperBox: jumbf.SuperBox, ManifestStore: manifest.ManifestStore, ValidationResult: manifest.ValidationResult };
};

/** What a manifest-less file reads as. */
export const NO_CREDENTIALS: ContentCredentials = {
  state: 'none',
  claimGenerator: null,
  issuer: null,
  actions: [],
  digitalSourceType: null,
  aiGenerated: false,
  synthIdDeclared: false,
  reason: null,
};

/**
 * IPTC digital source types that say an algorithm made the picture
 * (https://cv.iptc.org/newscodes/digitalsourcetype/): trained models, compositing with them, and
 * "created purely by an algorithm".
 */
const ALGORITHMIC = new Set(['trainedAlgorithmicMedia', 'compositeWithTrainedAlgorithmicMedia', 'algorithmicMedia', 'compositeSynthetic']);

/** Status codes about who signed, not about whether the bytes are intact. */
const TRUST_CODES = new Set(['signingCredential.untrusted', 'timeStamp.untrusted', 'signingCredential.expired', 'timeStamp.outsideValidity']);

const ACTION_WORDS: Record<string, string> = {
  'c2pa.created': 'Created',
  'c2pa.opened': 'Opened',
  'c2pa.edited': 'Edited',
  'c2pa.placed': 'Placed',
  'c2pa.converted': 'Converted',
  'c2pa.cropped': 'Cropped',
  'c2pa.resized': 'Resized',
  'c2pa.color_adjustments': 'Colours adjusted',
  'c2pa.filtered': 'Filtered',
  'c2pa.drawing': 'Drawn on',
  'c2pa.published': 'Published',
  'c2pa.repackaged': 'Repackaged',
  'c2pa.transcoded': 'Transcoded',
  'c2pa.removed': 'Removed',
  'c2pa.watermarked': 'Watermark applied',
};

const MAX_TEXT = 200;
const clip = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

/** The short IPTC name of a digital source type URI. */
function sourceTypeName(uri: string | undefined): string | null {
  if (!uri) return null;
  return clip(uri.replace(/\/+$/, '').split('/').pop() ?? uri);
}

export interface ActionLike {
  action: string;
  description?: string | undefined;
  digitalSourceType?: string | undefined;
  softwareAgent?: { name?: string } | string | undefined;
  parameters?: { description?: string } | undefined;
}

/** One action in words; a watermark action that names SynthID reads "SynthID watermark applied". */
export function actionWords(a: ActionLike): string {
  const verb = ACTION_WORDS[a.action] ?? a.action.replace(/^c2pa\./, '').replace(/[._]+/g, ' ');
  const agent = typeof a.softwareAgent === 'string' ? a.softwareAgent : a.softwareAgent?.name;
  const said = a.description ?? a.parameters?.description;
  const words = /synthid/i.test(`${agent ?? ''} ${said ?? ''}`) && a.action.startsWith('c2pa.watermarked') ? 'SynthID watermark applied' : agent ? `${verb} by ${agent}` : verb;
  return clip(words.charAt(0).toUpperCase() + words.slice(1));
}

/** The organisation (or else the common name) of a distinguished name such as "C=US, O=Google LLC, CN=…". */
function organisationOf(dn: string): string | null {
  const parts = dn.split(/,\s*|\n/).map((p) => p.split('='));
  const get = (k: string) => parts.find(([key]) => key?.trim() === k)?.slice(1).join('=').trim();
  const name = get('O') ?? get('CN');
  return name ? clip(name) : null;
}

/** True when `chain` (signer first) leads to one of `anchors`, each link signed by the next. */
export function chainsToAnchor(chain: readonly Uint8Array[], anchors: readonly string[]): boolean {
  if (chain.length === 0 || anchors.length === 0) return false;
  let roots: X509Certificate[];
  try {
    roots = anchors.flatMap((pem) => (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((c) => new X509Certificate(c)));
  } catch {
    return false;
  }
  const certs = chain.map((der) => new X509Certificate(Buffer.from(der)));
  for (let i = 0; i < certs.length; i++) {
    const cert = certs[i]!;
    const byAnchor = roots.find((r) => r.fingerprint256 === cert.fingerprint256 || (cert.checkIssued(r) && cert.verify(r.publicKey)));
    if (byAnchor) return true;
    const parent = certs[i + 1];
    if (!parent || !cert.checkIssued(parent) || !cert.verify(parent.publicKey)) return false;
  }
  return false;
}


/**
 * The credentials an image carries, read and checked. Never throws for what a file contains: a
 * manifest that does not parse reads as "tampered" (something claims to be credentials and is not).
 */
export async function readCredentials(bytes: Uint8Array, anchors: readonly string[]): Promise<ContentCredentials> {
  const { JPEG, PNG, SuperBox, ManifestStore, ValidationResult } = await c2pa();
  const assetOf = (b: Uint8Array): Asset | null => (JPEG.canRead(b) ? new JPEG(b) : PNG.canRead(b) ? new PNG(b) : null);
  let asset: Asset | null;
  let jumbf: Uint8Array<ArrayBuffer> | undefined;
  try {
    asset = assetOf(bytes);
    const found = asset?.getManifestJUMBF();
    jumbf = found ? new Uint8Array(found) : undefined;
  } catch {
    return NO_CREDENTIALS; // not a JPEG or PNG we can walk: nothing to read
  }
  if (!asset || !jumbf) return NO_CREDENTIALS;

  let store: ManifestStore | null = null;
  let result: ValidationResult;
  try {
    store = ManifestStore.read(SuperBox.fromBuffer(jumbf));
    result = await store.validate(asset);
  } catch (err) {
    result = ValidationResult.fromError(err as Error);
  }
  const manifest = store?.getActiveManifest();
  const actions: ActionLike[] = [];
  for (const assertion of manifest?.assertions?.assertions ?? []) {
    const list = (assertion as { actions?: unknown }).actions;
    if (Array.isArray(list)) actions.push(...(list as ActionLike[]));
  }
  const claim = manifest?.claim;
  const generator = claim?.claimGeneratorName ?? claim?.claimGeneratorInfo ?? null;
  const certificate = manifest?.signature?.signatureData?.certificate;
  const chain = certificate ? [certificate, ...(manifest?.signature?.signatureData?.chainCertificates ?? [])] : [];
  const sourceType = actions.find((a) => a.digitalSourceType)?.digitalSourceType;
  const source = sourceTypeName(sourceType);

  const failures = result.statusEntries.filter((e) => !e.success);
  const broken = failures.find((e) => !TRUST_CODES.has(e.code));
  let state: ContentCredentials['state'];
  let reason: string | null = null;
  if (broken || !manifest) {
    state = 'tampered';
    reason = broken?.code.includes('dataHash') || broken?.code.includes('bmffHash')
      ? 'The image’s bytes changed after it was signed.'
      : 'The credentials do not match what was signed.';
  } else {
    let trusted: boolean;
    try {
      trusted = failures.length === 0 && chainsToAnchor(chain.map((c) => new Uint8Array(c.rawData)), anchors);
    } catch {
      trusted = false; // a certificate that does not parse vouches for nothing
    }
    state = trusted ? 'valid' : 'untrusted';
    if (!trusted) reason = 'Intact and signed, but the signer is not on Atelier’s list of trusted issuers.';
  }
  return {
    state,
    claimGenerator: generator ? clip(generator) : null,
    issuer: certificate ? organisationOf(certificate.subject) : null,
    actions: actions.slice(0, 20).map(actionWords),
    digitalSourceType: source,
    aiGenerated: source !== null && ALGORITHMIC.has(source),
    synthIdDeclared: actions.some((a) => /synthid/i.test(JSON.stringify({ d: a.description, s: a.softwareAgent, p: a.parameters?.description }))),
    reason,
  };
}

/**
 * Content credentials (C2PA) of the library's images: read once per file's bytes by the image
 * helper (`images/credentials.ts`) as the bytes are stored, kept in `content_credentials` by hash.
 */
import type { ContentCredentials } from '../../../shared/domain';
import { cached, type Db } from '../db/db';
import type { Logger } from '../logger';
import type { Images, ImageSource } from '../images/protocol';
import { bundledTrustAnchors } from './trustList';

interface Row {
  state: ContentCredentials['state'];
  claim_generator: string | null;
  issuer: string | null;
  actions_json: string;
  digital_source_type: string | null;
  ai_generated: 0 | 1;
  synthid_declared: 0 | 1;
  reason: string | null;
}

function parseActions(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}

export class CredentialRecords {
  constructor(
    private readonly db: Db,
    private readonly images: Images,
    private readonly now: () => number,
    /** The signer must chain to one of these for "valid": the bundled C2PA trust list unless a test passes its own roots. */
    private readonly anchors: readonly string[] = bundledTrustAnchors(),
    private readonly logger?: Logger,
  ) {}

  /**
   * Reads the credentials of bytes about to be stored and records them under their hash. A
   * reading that fails (the helper stopped) records nothing: the image is stored all the same,
   * since credentials are facts about it, never a condition for keeping it.
   */
  async readAndRecord(sha256: string, source: ImageSource, about: string): Promise<ContentCredentials | null> {
    if (this.of(sha256)) return this.of(sha256);
    try {
      const c = await this.images.run('credentials', { source, anchors: this.anchors }, about);
      this.record(sha256, c);
      return c;
    } catch (err) {
      this.logger?.warn('credentials: reading failed', { message: err instanceof Error ? err.message.slice(0, 300) : String(err).slice(0, 300) });
      return null;
    }
  }

  /** The anchors to read these bytes' credentials against, or null when they were read already (for work that reads them on its own trip). */
  toRead(sha256: string): readonly string[] | null {
    return this.of(sha256) ? null : this.anchors;
  }

  /** Keeps what a reading made on another trip found; a failed reading records nothing, as in `readAndRecord`. */
  recordRead(sha256: string, c: ContentCredentials | null, failure: string | null): void {
    if (c) this.record(sha256, c);
    else if (failure) this.logger?.warn('credentials: reading failed', { message: failure.slice(0, 300) });
  }

  record(sha256: string, c: ContentCredentials): void {
    cached(
      this.db,
      `INSERT OR REPLACE INTO content_credentials (sha256, state, claim_generator, issuer, actions_json, digital_source_type, ai_generated, synthid_declared, reason, read_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(sha256, c.state, c.claimGenerator, c.issuer, JSON.stringify(c.actions), c.digitalSourceType, c.aiGenerated ? 1 : 0, c.synthIdDeclared ? 1 : 0, c.reason, this.now());
  }

  /** What was read for these bytes; null when they were never read. */
  of(sha256: string): ContentCredentials | null {
    const r = cached(this.db, 'SELECT state, claim_generator, issuer, actions_json, digital_source_type, ai_generated, synthid_declared, reason FROM content_credentials WHERE sha256 = ?').get(sha256) as Row | undefined;
    if (!r) return null;
    return {
      state: r.state,
      claimGenerator: r.claim_generator,
      issuer: r.issuer,
      actions: parseActions(r.actions_json),
      digitalSourceType: r.digital_source_type,
      aiGenerated: r.ai_generated === 1,
      synthIdDeclared: r.synthid_declared === 1,
      reason: r.reason,
    };
  }

  /** True when the bytes carry a manifest (whatever its state): export must then leave them untouched. */
  carriesManifest(sha256: string): boolean {
    const state = cached(this.db, 'SELECT state FROM content_credentials WHERE sha256 = ?').pluck().get(sha256) as string | undefined;
    return state !== undefined && state !== 'none';
  }
}

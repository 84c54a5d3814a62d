/** Content credentials (C2PA) read from an image's own bytes: what the file says about how it was made. */
import { z } from 'zod';

/**
 * - valid: the signature and the hard binding check out, and the signer chains to a trust anchor Atelier holds;
 * - untrusted: intact and signed, but by a certificate Atelier cannot chain to an anchor it holds;
 * - tampered: the file's bytes, or the manifest itself, no longer match what was signed;
 * - none: no manifest in the file.
 */
export const CREDENTIAL_STATES = ['valid', 'untrusted', 'tampered', 'none'] as const;
export const CredentialStateSchema = z.enum(CREDENTIAL_STATES);
export type CredentialState = z.infer<typeof CredentialStateSchema>;

export const ContentCredentialsSchema = z.object({
  state: CredentialStateSchema,
  /** The app or library that wrote the manifest ("Google C2PA Core Generator Library"). */
  claimGenerator: z.string().nullable(),
  /** Who signed it: the signing certificate's organisation (or common name). */
  issuer: z.string().nullable(),
  /** The manifest's actions in words ("Created by Google Generative AI", "SynthID watermark applied"). */
  actions: z.array(z.string()),
  /** IPTC digital source type, as the short name ("trainedAlgorithmicMedia"). */
  digitalSourceType: z.string().nullable(),
  /** The credentials say an algorithm made the picture (IPTC's algorithmic source types). */
  aiGenerated: z.boolean(),
  /** The manifest itself declares a SynthID watermark. Atelier cannot check the watermark. */
  synthIdDeclared: z.boolean(),
  /** Why the state is what it is, in a person's words (the failing check for "tampered"). */
  reason: z.string().nullable(),
});
export type ContentCredentials = z.infer<typeof ContentCredentialsSchema>;

/** The library filter over credentials. */
export const CredentialsFilterSchema = z.enum(['has', 'ai']);
export type CredentialsFilter = z.infer<typeof CredentialsFilterSchema>;

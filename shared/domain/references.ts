/** Photos held as a request's own inputs until a job that used them succeeds (`references.hold`). */
import { z } from 'zod';
import { Sha256Schema } from './generation';
import { ImportFileSchema } from './library';

/** One drop or paste at a time; more than a model's 14 references is never useful. */
export const MAX_HELD_PER_CALL = 14;

export const HeldInputSchema = z.object({
  sha256: Sha256Schema,
  mime: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** A small preview the window can load (`/held/<sha256>`). */
  previewUrl: z.string(),
});
export type HeldInput = z.infer<typeof HeldInputSchema>;

export const HoldReferencesSchema = z.object({ files: z.array(ImportFileSchema).min(1).max(MAX_HELD_PER_CALL) }).strict();

/** One line per file, in the order given: the held input, or why it was refused in a person's words. */
export const HoldOutcomeSchema = z.union([
  z.object({ name: z.string(), held: HeldInputSchema }).strict(),
  z.object({ name: z.string(), error: z.string() }).strict(),
]);
export type HoldOutcome = z.infer<typeof HoldOutcomeSchema>;

export const ReleaseReferencesSchema = z.object({ sha256s: z.array(Sha256Schema).min(1).max(64) }).strict();

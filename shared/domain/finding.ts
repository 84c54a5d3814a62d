/** Near-duplicates and look-alikes: how close, what a group is, what "Similar" answers. */
import { z } from 'zod';
import { Id } from './common';
import { AssetSummarySchema } from './library';
import { BackgroundProgressSchema } from './background';

/** exact: the same picture re-saved or resized; near: a small crop or touch-up; similar: a series. */
export const DuplicateLevelSchema = z.enum(['exact', 'near', 'similar']);
export type DuplicateLevel = z.infer<typeof DuplicateLevelSchema>;

/**
 * Largest pHash distance (bits of 64) per level. Measured on test/unit/services/finding: a JPEG
 * re-encode or a resize moves 0–2 bits, a 5 % crop about 4, an unrelated photo about 30.
 */
export const DUPLICATE_RADIUS: Record<DuplicateLevel, number> = { exact: 2, near: 8, similar: 14 };

export const DuplicateMemberSchema = AssetSummarySchema.extend({ bytes: z.number().int(), distance: z.number().int() });
export type DuplicateMember = z.infer<typeof DuplicateMemberSchema>;

export const DuplicateGroupSchema = z.object({
  /** The suggested keeper first, then the rest. */
  members: z.array(DuplicateMemberSchema),
  keeperId: z.string(),
  /** Why that one, in words (the tooltip). */
  keeperReason: z.string(),
});
export type DuplicateGroup = z.infer<typeof DuplicateGroupSchema>;

/** Pictures with a fingerprint, and how many the library holds. */
export const FingerprintProgressSchema = BackgroundProgressSchema;
export type FingerprintProgress = z.infer<typeof FingerprintProgressSchema>;

export const DuplicateGroupsSchema = z.object({
  groups: z.array(DuplicateGroupSchema),
  /** Groups found; `groups` holds at most the first 500, largest first. */
  totalGroups: z.number().int(),
  progress: FingerprintProgressSchema,
});

export const SimilarSchema = z.object({
  nearDuplicates: z.array(DuplicateMemberSchema),
  /** Alike in composition and colour (the colour layout), nearest first; `distance` in hundredths. */
  lookalikes: z.array(DuplicateMemberSchema),
});
export type Similar = z.infer<typeof SimilarSchema>;

export const ResolveDuplicatesSchema = z
  .object({
    level: DuplicateLevelSchema,
    groups: z.array(z.object({ keeperId: Id, ids: z.array(Id).min(2).max(1000) }).strict()).min(1).max(500),
  })
  .strict();

export const ResolvedDuplicatesSchema = z.object({
  trashed: z.array(z.string()),
  /** Kept although grouped: the closer look found them different from their keeper. */
  spared: z.array(z.object({ id: z.string(), reason: z.string() })),
});

export const ImportedNearSchema = z.object({
  /** Imported images that are near-identical to one already in the library (not from this import). */
  matches: z.array(z.object({ id: z.string(), matchId: z.string(), distance: z.number().int() })),
});

export const MeaningStatusSchema = z.object({
  enabled: z.boolean(),
  embedded: z.number().int(),
  total: z.number().int(),
  /** USD to embed the pictures not embedded yet. */
  remainingUsd: z.number(),
  state: z.enum(['off', 'running', 'idle', 'stopped']),
  message: z.string().nullable(),
});
export type MeaningStatus = z.infer<typeof MeaningStatusSchema>;

export const MeaningSearchSchema = z.object({
  hits: z.array(z.object({ asset: AssetSummarySchema, score: z.number() })),
  /** Gemini could not be reached: only the word search answered. */
  offline: z.boolean(),
});

/** Application updates (electron-updater in the app; a fake in tests; off in development). */
import { z } from 'zod';

export const UpdateStatusSchema = z.discriminatedUnion('state', [
  /** Development, tests, or a build that cannot update itself (a deb without a feed, say). */
  z.object({ state: z.literal('disabled'), reason: z.string().max(300).optional() }),
  z.object({ state: z.literal('idle'), lastCheckedAt: z.number().nullable() }),
  z.object({ state: z.literal('checking') }),
  z.object({ state: z.literal('downloading'), version: z.string().max(64), percent: z.number().min(0).max(100) }),
  /** Downloaded and verified: installs on "Restart to update", or by itself at the next quit. */
  z.object({ state: z.literal('ready'), version: z.string().max(64) }),
  /** The last check failed; the next daily check tries again. Never shown as an alarm. */
  z.object({ state: z.literal('error'), message: z.string().max(500) }),
]);
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

/** What opening files with Atelier (the OS's "Open with", or a second launch) brought in. */
export const OpenedFilesSchema = z.object({
  assetIds: z.array(z.string()).max(10_000),
  rejected: z.array(z.object({ name: z.string(), reason: z.string() })).max(10_000),
});
export type OpenedFiles = z.infer<typeof OpenedFilesSchema>;

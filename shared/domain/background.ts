/** Work the library does in the background over its images (fingerprints, content credentials). */
import { z } from 'zod';

export const BackgroundProgressSchema = z.object({
  /** Images the pass has done, and how many the library holds. */
  done: z.number().int(),
  total: z.number().int(),
  state: z.enum(['running', 'paused', 'idle']),
});
export type BackgroundProgress = z.infer<typeof BackgroundProgressSchema>;

/** What the user may ask of a background pass. */
export const BackgroundActionSchema = z.object({ action: z.enum(['status', 'pause', 'resume']) }).strict();

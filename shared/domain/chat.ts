/** Conversations and their turns. */
import { z } from 'zod';
import { ModelTierSchema } from './common';
import { GenerationDetailSchema } from './generation';
import { JobSchema } from './jobs';

export const ConversationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  tier: ModelTierSchema,
  modelId: z.string(),
  turns: z.number().int(),
  updatedAt: z.number(),
  /** Set once the chat moved to another model: answers before this turn came from an earlier one. */
  movedAtTurn: z.number().int().nullable().default(null),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const TurnSchema = z.object({
  index: z.number().int(),
  role: z.enum(['user', 'model']),
  /** User turns: the prompt. Model turns: the returned text (thought text is in `generation`). */
  text: z.string().nullable(),
  /** Images the user attached (user turns) or Gemini made (model turns). */
  assetIds: z.array(z.string()),
  /**
   * User turns: previews of photos held for the message (`references.hold`) that are not library
   * images yet; they become `assetIds` once the answer comes.
   */
  heldUrls: z.array(z.string()).optional(),
  jobId: z.string().nullable(),
  generation: GenerationDetailSchema.nullable(),
});
export type Turn = z.infer<typeof TurnSchema>;

export const ConversationSchema = ConversationSummarySchema.extend({
  turns: z.array(TurnSchema),
  /** The job answering the last user turn, while it is unfinished. */
  pendingJob: JobSchema.nullable(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

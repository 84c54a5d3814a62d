/** The prompt library: prompts saved with a name, tags and the whole request they make. */
import { z } from 'zod';
import { Id } from './common';
import { GenerateRequestSchema } from './generation';

/**
 * What a saved prompt keeps: the request as the studio would send it, without the queue order
 * and a canvas edit's marks (neither is a setting of the picture; see generate/recall.ts).
 */
export const SavedRequestSchema = GenerateRequestSchema.omit({ priority: true, edit: true });
export type SavedRequest = z.infer<typeof SavedRequestSchema>;

const TagSchema = z.string().trim().min(1).max(40, 'A tag is 40 characters at most.');

const PromptNameSchema = z.string().trim().min(1, 'Give the prompt a name.').max(120, 'The name is too long (120 characters at most).');

/** A saved prompt's new name (its prompt, tags and settings stay). */
export const RenamePromptSchema = z.object({ id: Id, name: PromptNameSchema }).strict();

export const SavePromptSchema = z
  .object({
    name: PromptNameSchema,
    tags: z.array(TagSchema).max(20, 'Twenty tags at most.').default([]),
    request: SavedRequestSchema,
  })
  .strict();
export type SavePromptInput = z.input<typeof SavePromptSchema>;

export const SavedPromptSchema = z.object({
  id: Id,
  name: z.string(),
  tags: z.array(z.string()),
  request: SavedRequestSchema,
  createdAt: z.number(),
});
export type SavedPrompt = z.infer<typeof SavedPromptSchema>;

/** A search over names, tags and prompt words; empty lists everything, newest first. */
export const PromptQuerySchema = z.object({ text: z.string().trim().max(200, 'The search is too long.').default('') }).strict();

/** One prompt the user sent before, newest first, once each. */
export const PromptHistoryItemSchema = z.object({ prompt: z.string(), lastUsedAt: z.number() });
export type PromptHistoryItem = z.infer<typeof PromptHistoryItemSchema>;

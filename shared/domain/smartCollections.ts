/** Smart collections: saved searches of the library that stay live, counted when listed. */
import { z } from 'zod';
import { Id } from './common';
import { LibraryQuerySchema } from './library';

/** What a smart collection keeps: the words and filters, not a page, an order or the trash. */
export const SmartCollectionQuerySchema = LibraryQuerySchema.omit({ offset: true, limit: true, sort: true, trashed: true }).extend({
  /** Saved while search by meaning was on: showing it also asks for the pictures nearest in meaning to its words. */
  meaning: z.boolean().optional(),
});
export type SmartCollectionQuery = z.input<typeof SmartCollectionQuerySchema>;

const SmartNameSchema = z.string().trim().min(1, 'Give the smart collection a name.').max(120, 'The name is too long (120 characters at most).');

/** A smart collection's new name (its search stays). */
export const RenameSmartCollectionSchema = z.object({ id: Id, name: SmartNameSchema }).strict();

export const CreateSmartCollectionSchema = z
  .object({
    name: SmartNameSchema,
    query: SmartCollectionQuerySchema,
  })
  .strict();

export const SmartCollectionSchema = z.object({
  id: Id,
  name: z.string(),
  query: SmartCollectionQuerySchema,
  /** How many images match now; `capped`: counting stopped at the library's cap ("10,000+"). */
  count: z.number().int(),
  capped: z.boolean(),
  createdAt: z.number(),
});
export type SmartCollection = z.infer<typeof SmartCollectionSchema>;

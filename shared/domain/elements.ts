/**
 * Elements: a named person, object or style kept in the library with its reference images, so
 * the same photos are not dropped again for every request. Typing `@` in a prompt offers them;
 * a chosen one adds its images as references of the matching kind.
 */
import { z } from 'zod';
import { Id } from './common';
import { AssetReferenceSchema, GenerationParamsSchema } from './generation';
import type { ReferenceKind } from './vocabulary';

export const ELEMENT_KINDS = ['person', 'object', 'style'] as const;
export const ElementKindSchema = z.enum(ELEMENT_KINDS);
export type ElementKind = z.infer<typeof ElementKindSchema>;

/** More than a model's 14 references would never fit in one request. */
export const MAX_ELEMENT_IMAGES = 14;

/** Gemini counts people and objects; a style's images travel as object references. */
export function referenceKindOf(kind: ElementKind): ReferenceKind {
  return kind === 'person' ? 'person' : 'object';
}

export const ElementNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the Element a name.')
  .max(60, 'An Element’s name is 60 characters at most.')
  .regex(/^[^@\n\r\t]+$/, 'An Element’s name cannot hold “@” or line breaks.');

export const ElementDescriptionSchema = z.string().trim().max(500, 'The description is 500 characters at most.');

export const ElementSchema = z.object({
  id: Id,
  name: z.string(),
  kind: ElementKindSchema,
  description: z.string(),
  /** In the order they travel with a request. */
  assetIds: z.array(Id),
  /** The first image's thumbnail, for the picker and the list. */
  coverUrl: z.string().nullable(),
  createdAt: z.number(),
});
export type Element = z.infer<typeof ElementSchema>;

export const CreateElementSchema = z
  .object({
    name: ElementNameSchema,
    kind: ElementKindSchema,
    description: ElementDescriptionSchema.default(''),
    assetIds: z
      .array(Id)
      .min(1, 'Choose at least one image for the Element.')
      .max(MAX_ELEMENT_IMAGES, `An Element holds ${MAX_ELEMENT_IMAGES} images at most.`),
  })
  .strict();
export type CreateElementInput = z.input<typeof CreateElementSchema>;

export const RenameElementSchema = z.object({ id: Id, name: ElementNameSchema, description: ElementDescriptionSchema.optional() }).strict();
export const DeleteElementSchema = z.object({ id: Id }).strict();

/** Any of an Element's own words at once: its name, kind and description. */
export const UpdateElementSchema = z
  .object({ id: Id, name: ElementNameSchema.optional(), kind: ElementKindSchema.optional(), description: ElementDescriptionSchema.optional() })
  .strict()
  .refine((u) => u.name !== undefined || u.kind !== undefined || u.description !== undefined, 'Change the name, the kind or the description.');
export type UpdateElementInput = z.input<typeof UpdateElementSchema>;

export const AddElementImagesSchema = z
  .object({
    id: Id,
    assetIds: z.array(Id).min(1, 'Choose at least one image to add.').max(MAX_ELEMENT_IMAGES, `An Element holds ${MAX_ELEMENT_IMAGES} images at most.`),
  })
  .strict();
export const RemoveElementImageSchema = z.object({ id: Id, assetId: Id }).strict();

/** One prompt of a batch with the Elements its `@Names` chose: their images as its references. */
export const BatchLineSchema = z
  .object({
    references: z.array(AssetReferenceSchema).max(64),
    elements: GenerationParamsSchema.shape.elements,
  })
  .strict();
export type BatchLine = z.infer<typeof BatchLineSchema>;

/** Assets, lineage, collections and library queries. */
import { z } from 'zod';
import { AspectRatioSchema, Id, ModelIdSchema, ImageSizeSchema, ModelTierSchema } from './common';
import { ContentCredentialsSchema, CredentialsFilterSchema } from './credentials';
import { GenerationDetailSchema } from './generation';

export const AssetSummarySchema = z.object({
  id: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  mime: z.string(),
  createdAt: z.number(),
  prompt: z.string().nullable(),
  tier: ModelTierSchema.nullable(),
  rating: z.number().int().min(0).max(5).default(0),
  favorite: z.boolean().default(false),
});
export type AssetSummary = z.infer<typeof AssetSummarySchema>;

export const AssetSourceSchema = z.enum(['generated', 'edited', 'imported']);

export const LineageNodeSchema = z.object({
  id: z.string(),
  parentIds: z.array(z.string()),
  prompt: z.string().nullable(),
  createdAt: z.number(),
  trashed: z.boolean(),
});
export type LineageNode = z.infer<typeof LineageNodeSchema>;

/**
 * A masked edit's result is made by Atelier, not by the model: the model's answer inside the mask,
 * the original (the lineage's parent) outside. The model's whole answer stays beside it.
 */
export const EditCompositeSchema = z.object({
  madeBy: z.literal('Atelier'),
  mode: z.enum(['region', 'outpaint']),
  featherPx: z.number().int(),
  /** The original it was laid over (null once that is deleted). */
  baseAssetId: z.string().nullable(),
  /** The model's whole image, served like a thought image: never a library image. */
  modelImageUrl: z.string(),
});
export type EditComposite = z.infer<typeof EditCompositeSchema>;

/**
 * A masked edit whose answer came back in another shape: not composited, the model's whole image
 * is the result as it came. `message` says so in a person's words.
 */
export const EditKeptWholeSchema = z.object({
  mode: z.enum(['region', 'outpaint']),
  baseAssetId: z.string().nullable(),
  base: z.object({ width: z.number().int(), height: z.number().int() }),
  model: z.object({ width: z.number().int(), height: z.number().int() }),
  message: z.string(),
});
export type EditKeptWhole = z.infer<typeof EditKeptWholeSchema>;

export const AssetDetailSchema = AssetSummarySchema.extend({
  bytes: z.number().int(),
  sha256: z.string(),
  source: AssetSourceSchema,
  name: z.string().nullable(),
  tags: z.array(z.string()),
  collections: z.array(z.object({ id: z.string(), name: z.string() })),
  trashedAt: z.number().nullable(),
  /** Every version connected to this one (edits, chat turns), parents first. */
  lineage: z.array(LineageNodeSchema),
  /** What made it: the prompt, model, parameters, text, thoughts, grounding, usage and cost. */
  generation: GenerationDetailSchema.nullable(),
  /** The file's content credentials (C2PA) as read when it was stored; absent when never read. */
  credentials: ContentCredentialsSchema.nullable().optional(),
  /** Set when this image is a masked edit Atelier composited. */
  composite: EditCompositeSchema.nullable().optional(),
  /** Set when this image is a masked edit's answer kept whole because its shape differed. */
  keptWhole: EditKeptWholeSchema.nullable().optional(),
});
export type AssetDetail = z.infer<typeof AssetDetailSchema>;

export const LibraryQuerySchema = z
  .object({
    /** Words to find in prompts, returned text, tags, collection and file names; prefixes match, accents are ignored. */
    text: z.string().max(500).default(''),
    // Every list is bounded: 40,000 model ids once made SQLite answer "too many SQL variables".
    tiers: z.array(ModelTierSchema).max(10).optional(),
    modelIds: z.array(ModelIdSchema).max(50).optional(),
    aspectRatios: z.array(AspectRatioSchema).max(20).optional(),
    imageSizes: z.array(ImageSizeSchema).max(10).optional(),
    from: z.number().optional(),
    to: z.number().optional(),
    minRating: z.number().int().min(0).max(5).optional(),
    favorites: z.boolean().optional(),
    collectionId: Id.optional(),
    /** Results made with this Element (`generation_elements`, filled as each generation is stored). */
    elementId: Id.optional(),
    /** Where images came from; `compared` is any image a comparison made, whatever its source. */
    sources: z.array(z.union([AssetSourceSchema, z.literal('compared')])).max(10).optional(),
    /** The tier Google served the generation at (Economy is `flex`); images from before tiers count as standard. */
    serviceTiers: z.array(z.enum(['standard', 'flex', 'priority', 'batch'])).max(4).optional(),
    hasGrounding: z.boolean().optional(),
    /** "has": files carrying content credentials; "ai": those whose credentials say an algorithm made them. */
    credentials: CredentialsFilterSchema.optional(),
    /** The trash instead of the library. */
    trashed: z.boolean().default(false),
    sort: z.enum(['newest', 'oldest', 'rating', 'name']).default('newest'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type LibraryQuery = z.input<typeof LibraryQuerySchema>;

export const CollectionSchema = z.object({ id: z.string(), name: z.string(), count: z.number().int(), createdAt: z.number() });
export type Collection = z.infer<typeof CollectionSchema>;

/** POSIX `/…`, Windows `C:\…` or `C:/…`, and UNC `\\server\share`. */
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export const ImportFileSchema = z
  .object({
    name: z.string().min(1).max(1024),
    /**
     * In Electron: the dropped file's path (webUtils.getPathForFile). Absolute only: a relative
     * path would resolve against main's working directory, which the user never chose.
     */
    path: z
      .string()
      .min(1)
      .max(4096)
      .refine((p) => ABSOLUTE_PATH.test(p) && !p.includes('\0'), 'Give the full path of the file; a relative path is not accepted.')
      .optional(),
    /** Elsewhere (and for pasted images): the bytes, base64. ~70 MB of base64 at most per file. */
    dataBase64: z.string().max(96 * 1024 * 1024).optional(),
  })
  .strict()
  .refine((f) => !!f.path !== !!f.dataBase64, 'Give either a path or the bytes of a file.');


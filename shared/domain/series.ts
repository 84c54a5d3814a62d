/**
 * A Series: 2–8 panel prompts (a comic, a storyboard) sharing Elements, a style line, a ratio and
 * a model, generated as a set. Kept in the library with every roll of every panel.
 */
import { z } from 'zod';
import { AspectRatioSchema, Id, ImageSizeSchema, ModelIdSchema, ModelTierSchema } from './common';
import { ElementKindSchema, MAX_ELEMENT_IMAGES } from './elements';
import { JobStateSchema } from './jobs';

export const MIN_PANELS = 2;
export const MAX_PANELS = 8;

/**
 * `independent`: one request per panel, each with the same references (panels may run side by
 * side). `chat`: the panels in order as the turns of one multi-turn chat, so each panel sees the
 * ones before it (stronger consistency; every turn resends the history, so input tokens grow).
 */
export const SeriesModeSchema = z.enum(['independent', 'chat']);
export type SeriesMode = z.infer<typeof SeriesModeSchema>;

/** An Element as the series saw it when chosen: its images travel with every panel. */
export const SeriesElementSchema = z
  .object({
    id: Id,
    name: z.string().min(1).max(60),
    kind: ElementKindSchema,
    assetIds: z.array(Id).min(1).max(MAX_ELEMENT_IMAGES),
  })
  .strict();
export type SeriesElement = z.infer<typeof SeriesElementSchema>;

const PanelPromptSchema = z.string().max(2000, 'A panel’s words are 2000 characters at most.');

/** What the user writes and picks; saved as it is, empty panels included (a series being written). */
export const SeriesDraftSchema = z
  .object({
    /** Absent: a new series. */
    id: Id.optional(),
    title: z.string().trim().min(1, 'Give the series a title.').max(80, 'The title is 80 characters at most.'),
    panels: z.array(PanelPromptSchema).min(MIN_PANELS, `A series has at least ${MIN_PANELS} panels.`).max(MAX_PANELS, `A series has at most ${MAX_PANELS} panels.`),
    style: z.string().trim().max(300, 'The style line is 300 characters at most.').default(''),
    aspectRatio: AspectRatioSchema,
    imageSize: ImageSizeSchema.nullable().default(null),
    tier: ModelTierSchema,
    modelId: ModelIdSchema.nullable().default(null),
    mode: SeriesModeSchema.default('independent'),
    elements: z.array(SeriesElementSchema).max(MAX_ELEMENT_IMAGES).default([]),
  })
  .strict();
export type SeriesDraft = z.output<typeof SeriesDraftSchema>;
export type SeriesDraftInput = z.input<typeof SeriesDraftSchema>;

/** One roll of a panel: its job, the picture it made, and (chat mode) the conversation it was a turn of. */
export const SeriesRollSchema = z.object({
  jobId: z.string(),
  /** `gone`: the job's row was cleared and it left no picture. */
  state: z.union([JobStateSchema, z.literal('gone')]),
  assetId: z.string().nullable(),
  conversationId: z.string().nullable(),
  createdAt: z.number(),
});
export type SeriesRoll = z.infer<typeof SeriesRollSchema>;

export const SeriesPanelSchema = z.object({
  prompt: z.string(),
  /** The newest roll: what the strip shows. */
  current: SeriesRollSchema.nullable(),
  /** Every roll, oldest first (the current one last). */
  rolls: z.array(SeriesRollSchema),
});
export type SeriesPanel = z.infer<typeof SeriesPanelSchema>;

export const SeriesSchema = z.object({
  id: Id,
  title: z.string(),
  panels: z.array(SeriesPanelSchema),
  style: z.string(),
  aspectRatio: AspectRatioSchema,
  imageSize: ImageSizeSchema.nullable(),
  tier: ModelTierSchema,
  modelId: z.string().nullable(),
  mode: SeriesModeSchema,
  elements: z.array(SeriesElementSchema),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Series = z.infer<typeof SeriesSchema>;

export const SeriesSummarySchema = z.object({
  id: Id,
  title: z.string(),
  panelCount: z.number().int(),
  mode: SeriesModeSchema,
  /** The first panel's current picture, for the list. */
  coverAssetId: z.string().nullable(),
  updatedAt: z.number(),
});
export type SeriesSummary = z.infer<typeof SeriesSummarySchema>;

export const SeriesPanelRefSchema = z.object({ id: Id, panel: z.number().int().min(0).max(MAX_PANELS - 1) }).strict();

export const SeriesExportSchema = z.object({
  folder: z.string().nullable(),
  /** The numbered panel files, in order, then the contact sheet. */
  written: z.array(z.string()),
  sheet: z.string().nullable(),
});

/**
 * One panel's words as sent: its number, the shared Elements it does not already name, and the
 * style line. The same text in both modes, so a series switched between them compares fairly.
 */
export function panelPrompt(s: Pick<SeriesDraft, 'panels' | 'style' | 'elements'>, i: number): string {
  const words = s.panels[i]!.trim();
  const mention = s.elements.filter((e) => !words.toLowerCase().includes(`@${e.name.toLowerCase()}`)).map((e) => `@${e.name}`);
  return [`Panel ${i + 1} of ${s.panels.length}: ${words}`, mention.length ? `With ${mention.join(', ')}.` : '', s.style.trim() ? `Style: ${s.style.trim()}` : ''].filter(Boolean).join(' ');
}

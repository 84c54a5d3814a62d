/** Spending over time. */
import { z } from 'zod';

export const UsageSummarySchema = z.object({
  days: z.array(z.object({ date: z.string(), costUsd: z.number(), jobs: z.number().int(), images: z.number().int() })),
  byModel: z.array(z.object({ modelId: z.string(), costUsd: z.number(), jobs: z.number().int() })),
  todayUsd: z.number(),
  monthToDateUsd: z.number(),
  monthlyBudgetUsd: z.number().nullable(),
  /**
   * What Flex and Batch saved over the period: the same results at Standard minus what they cost
   * (results from before service tiers were recorded count only when they were batch results).
   */
  savedUsd: z.object({ flex: z.number(), batch: z.number() }).optional(),
});
export type UsageSummary = z.infer<typeof UsageSummarySchema>;

/** Spending over time. */
import { z } from 'zod';

export const UsageSummarySchema = z.object({
  days: z.array(z.object({ date: z.string(), costUsd: z.number(), jobs: z.number().int(), images: z.number().int() })),
  byModel: z.array(z.object({ modelId: z.string(), costUsd: z.number(), jobs: z.number().int() })),
  todayUsd: z.number(),
  monthToDateUsd: z.number(),
  monthlyBudgetUsd: z.number().nullable(),
});
export type UsageSummary = z.infer<typeof UsageSummarySchema>;

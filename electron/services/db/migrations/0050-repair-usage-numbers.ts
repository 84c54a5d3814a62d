import { capabilitiesFor, estimateCost } from '../../../../shared/models';
import { costUsd, MAX_TOKENS, tokenCount } from '../../usage/sane';
import type { Migration } from '../types';

/**
 * Repairs usage rows stored before numbers were checked at the edge (issue 10): a negative or
 * absurd token count, or a cost of Infinity, made `jobs.list`, `usage.summary` and that asset's
 * `library.get` fail for good. Bad counts become 0; a bad cost is estimated again from the
 * repaired counts (with today's price table), so it is finite.
 */
export const m0050RepairUsageNumbers: Migration = {
  version: 50,
  name: 'repair token counts and costs that are negative or not finite',
  up(db) {
    const bad = db
      .prepare(
        `SELECT id, model_id, prompt_tokens, output_tokens, thought_tokens, image_tokens, cost_usd FROM generations
         WHERE NOT (prompt_tokens BETWEEN 0 AND ${MAX_TOKENS}) OR NOT (output_tokens BETWEEN 0 AND ${MAX_TOKENS})
            OR NOT (thought_tokens BETWEEN 0 AND ${MAX_TOKENS}) OR NOT (image_tokens BETWEEN 0 AND ${MAX_TOKENS})
            OR cost_usd IS NULL OR NOT (cost_usd BETWEEN 0 AND 100000)`,
      )
      .all() as Array<{ id: string; model_id: string; prompt_tokens: number; output_tokens: number; thought_tokens: number; image_tokens: number; cost_usd: number | null }>;
    const fix = db.prepare('UPDATE generations SET prompt_tokens = ?, output_tokens = ?, thought_tokens = ?, image_tokens = ?, cost_usd = ? WHERE id = ?');
    for (const g of bad) {
      const usage = {
        promptTokens: tokenCount(g.prompt_tokens),
        outputTokens: tokenCount(g.output_tokens),
        thoughtTokens: tokenCount(g.thought_tokens),
        imageTokens: tokenCount(g.image_tokens),
      };
      const cost = costUsd(g.cost_usd) ?? costUsd(estimateCost(capabilitiesFor(g.model_id), usage)) ?? 0;
      fix.run(usage.promptTokens, usage.outputTokens, usage.thoughtTokens, usage.imageTokens, cost, g.id);
    }
  },
};

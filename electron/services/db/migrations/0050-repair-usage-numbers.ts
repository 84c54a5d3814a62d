import type { Migration } from '../types';

// Frozen copies of what this repair used to read from live code (usage/sane.ts and the price table
// in shared/models.ts, as they stood when it was frozen in December 2026). A migration must do the
// same thing on every database whenever it runs, so later price changes must not reach it.
const MAX_TOKENS = 100_000_000;
const MAX_COST_USD = 100_000;

/** USD per million tokens: prompt, text and thinking output, image output. */
interface Prices {
  input: number;
  textOutput: number;
  imageOutput: number;
}
const FLASH: Prices = { input: 0.5, textOutput: 3, imageOutput: 60 };
const PRO: Prices = { input: 2, textOutput: 12, imageOutput: 120 };
const PRICES: Readonly<Record<string, Prices>> = {
  'gemini-nano-banana-2.1': { input: 1.5, textOutput: 3, imageOutput: 30 },
  'gemini-3.1-flash-image': FLASH,
  'gemini-3.1-flash-lite-image': { input: 0.25, textOutput: 1.5, imageOutput: 30 },
  'gemini-3-pro-image': PRO,
};

/** An id the table did not know was priced by its class: Pro by name, everything else as Flash. */
function pricesOf(modelId: string): Prices {
  return PRICES[modelId] ?? (/\bpro\b/i.test(modelId.replace(/[-_]/g, ' ')) ? PRO : FLASH);
}

function tokenCount(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_TOKENS ? Math.round(v) : 0;
}

function costUsd(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_COST_USD ? v : null;
}

/**
 * Repairs usage rows stored before numbers were checked at the edge (issue 10): a negative or
 * absurd token count, or a cost of Infinity, made `jobs.list`, `usage.summary` and that asset's
 * `library.get` fail for good. Bad counts become 0; a bad cost is estimated again from the
 * repaired counts, so it is finite. Rows that are already sane are not touched, so running it
 * again (a database that skipped it is repaired late, see db.ts) changes nothing that was fixed.
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
            OR cost_usd IS NULL OR NOT (cost_usd BETWEEN 0 AND ${MAX_COST_USD})`,
      )
      .all() as Array<{ id: string; model_id: string; prompt_tokens: number; output_tokens: number; thought_tokens: number; image_tokens: number; cost_usd: number | null }>;
    const fix = db.prepare('UPDATE generations SET prompt_tokens = ?, output_tokens = ?, thought_tokens = ?, image_tokens = ?, cost_usd = ? WHERE id = ?');
    for (const g of bad) {
      const prompt = tokenCount(g.prompt_tokens);
      const output = tokenCount(g.output_tokens);
      const thought = tokenCount(g.thought_tokens);
      const image = tokenCount(g.image_tokens);
      // Thinking is billed as text output.
      const p = pricesOf(g.model_id);
      const text = Math.max(0, output - image) + thought;
      const estimate = (prompt * p.input + text * p.textOutput + image * p.imageOutput) / 1_000_000;
      const cost = costUsd(g.cost_usd) ?? costUsd(estimate) ?? 0;
      fix.run(prompt, output, thought, image, cost, g.id);
    }
  },
};

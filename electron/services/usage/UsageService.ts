import type { UsageSummary } from '../../../shared/ipc/contract';
import type { Db } from '../db/db';
import { costUsd, MAX_COST_USD } from './sane';

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function startOfLocalDay(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Spend estimated from stored results (each generation keeps its token counts and estimated cost). */
export class UsageService {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly budget: () => number | null,
  ) {}

  monthToDate(): number {
    const d = new Date(this.now());
    const start = new Date(d.getFullYear(), d.getMonth(), 1).getTime();
    // Only believable costs are summed (usage/sane): one bad row must not make the total Infinity.
    const total = this.db
      .prepare(`SELECT COALESCE(sum(cost_usd), 0) FROM generations WHERE created_at >= ? AND cost_usd >= 0 AND cost_usd <= ${MAX_COST_USD}`)
      .pluck()
      .get(start) as number;
    return costUsd(total) ?? 0;
  }

  summary(days: number): UsageSummary {
    const now = this.now();
    const from = startOfLocalDay(now) - (days - 1) * 86_400_000;
    const rows = this.db
      .prepare(
        `SELECT g.created_at AS at, g.cost_usd AS cost, g.job_id AS job, g.model_id AS model,
                (SELECT count(*) FROM assets a WHERE a.generation_id = g.id) AS images
         FROM generations g WHERE g.created_at >= ?`,
      )
      .all(from) as Array<{ at: number; cost: number; job: string | null; model: string; images: number }>;
    const byDay = new Map<string, { costUsd: number; jobs: Set<string>; images: number }>();
    for (let t = from; t <= now; t += 86_400_000) byDay.set(localDay(t), { costUsd: 0, jobs: new Set(), images: 0 });
    const byModel = new Map<string, { costUsd: number; jobs: Set<string> }>();
    for (const r of rows) {
      r.cost = costUsd(r.cost) ?? 0;
      const day = byDay.get(localDay(r.at)) ?? { costUsd: 0, jobs: new Set<string>(), images: 0 };
      day.costUsd += r.cost;
      day.images += r.images;
      if (r.job) day.jobs.add(r.job);
      byDay.set(localDay(r.at), day);
      const m = byModel.get(r.model) ?? { costUsd: 0, jobs: new Set<string>() };
      m.costUsd += r.cost;
      if (r.job) m.jobs.add(r.job);
      byModel.set(r.model, m);
    }
    return {
      days: [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, d]) => ({ date, costUsd: d.costUsd, jobs: d.jobs.size, images: d.images })),
      byModel: [...byModel.entries()].map(([modelId, m]) => ({ modelId, costUsd: m.costUsd, jobs: m.jobs.size })).sort((a, b) => b.costUsd - a.costUsd),
      todayUsd: byDay.get(localDay(now))?.costUsd ?? 0,
      monthToDateUsd: this.monthToDate(),
      monthlyBudgetUsd: this.budget(),
      savedUsd: this.saved(from),
    };
  }

  /** Flex and Batch results since `from`: what Standard would have cost, less what they did. */
  private saved(from: number): { flex: number; batch: number } {
    const rows = this.db
      .prepare(
        `SELECT service_tier AS tier, COALESCE(sum(list_cost_usd - cost_usd), 0) AS saved FROM generations
          WHERE created_at >= ? AND service_tier IN ('flex', 'batch') AND list_cost_usd IS NOT NULL
            AND cost_usd >= 0 AND cost_usd <= ${MAX_COST_USD} AND list_cost_usd >= cost_usd AND list_cost_usd <= ${MAX_COST_USD}
          GROUP BY service_tier`,
      )
      .all(from) as Array<{ tier: 'flex' | 'batch'; saved: number }>;
    const of = (tier: 'flex' | 'batch') => costUsd(rows.find((r) => r.tier === tier)?.saved ?? 0) ?? 0;
    return { flex: of('flex'), batch: of('batch') };
  }
}

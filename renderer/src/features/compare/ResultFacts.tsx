/** The facts of one result, drawn the same way for a comparison and for library images. */
import { formatDuration, formatUsdPrecise } from '../../lib/format';

export interface Facts {
  modelId: string | null;
  width: number | null;
  height: number | null;
  firstProgressMs?: number | null;
  finalMs: number | null;
  tokens: { prompt: number; output: number; thinking: number } | null;
  costUsd: number | null;
}

export function ResultFacts({
  facts,
  hide,
}: {
  facts: Facts;
  hide: {
    model?: boolean;
    size?: boolean;
    /** Tokens and cost, which tell tiers apart by price. */
    numbers?: boolean;
    /** Pro thinks before it draws, so its times give it away. */
    timings?: boolean;
  };
}) {
  const dash = '—';
  const rows: Array<[string, string, string]> = [
    ['model', 'Model', hide.model ? 'hidden until you vote' : (facts.modelId ?? dash)],
    ['size', 'Pixels', hide.size ? 'hidden' : facts.width ? `${facts.width}×${facts.height}` : dash],
    ['first', 'First progress', hide.timings ? 'hidden' : facts.firstProgressMs != null ? formatDuration(facts.firstProgressMs) : dash],
    ['final', 'Final image', hide.timings ? 'hidden' : facts.finalMs != null ? formatDuration(facts.finalMs) : dash],
    ['tokens', 'Tokens p / o / t', hide.numbers ? 'hidden' : facts.tokens ? `${facts.tokens.prompt} / ${facts.tokens.output} / ${facts.tokens.thinking}` : dash],
    ['cost', 'Cost', hide.numbers ? 'hidden' : facts.costUsd != null ? formatUsdPrecise(facts.costUsd) : dash],
  ];
  return (
    <dl className="facts" data-testid="result-facts">
      {rows.map(([key, label, value]) => (
        <div key={key} className="facts-row" data-fact={key}>
          <dt>{label}</dt>
          <dd className={value === 'hidden' || value.startsWith('hidden') ? 'is-hidden' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

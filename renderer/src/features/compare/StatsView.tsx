/** What the votes say: per pair of contenders, wins with their interval, speed, price and cost per win. */
import { useEffect, useState } from 'react';
import type { PairStats } from '../../../../shared/ipc/contract';
import { formatDuration, formatUsdPrecise } from '../../lib/format';
import { useCompareStore } from './store';

const pct = (x: number) => `${Math.round(x * 100)} %`;
/** An interval as the range itself ("21–100 %"), not a point with a "±" that cannot be lopsided. */
const range = (lo: number, hi: number) => `${Math.round(lo * 100)}–${pct(hi)}`;
const dayStart = (s: string) => (s ? new Date(`${s}T00:00:00`).getTime() : undefined);

/** A's win rate as a dot on a 0–100 % line, with its 95 % interval as a bar and 50 % marked. */
function IntervalChart({ p }: { p: PairStats }) {
  const W = 320;
  const x = (v: number) => 12 + v * (W - 24);
  if (p.winRateA === null || !p.intervalA) return <p className="muted">No decided votes yet.</p>;
  const [lo, hi] = p.intervalA;
  return (
    <svg className="interval-chart" viewBox={`0 0 ${W} 46`} role="img" aria-label={`${p.a} wins ${pct(p.winRateA)}, 95 % interval ${pct(lo)} to ${pct(hi)}`} data-testid="interval-chart">
      <line x1={x(0)} x2={x(1)} y1={18} y2={18} className="axis" />
      <line x1={x(0.5)} x2={x(0.5)} y1={8} y2={28} className="even" />
      <rect x={x(lo)} y={13} width={Math.max(2, x(hi) - x(lo))} height={10} rx={5} className="interval" />
      <circle cx={x(p.winRateA)} cy={18} r={6} className="point" />
      <text x={x(0)} y={42} textAnchor="start">
        {p.b} better
      </text>
      <text x={x(0.5)} y={42} textAnchor="middle">
        even
      </text>
      <text x={x(1)} y={42} textAnchor="end">
        {p.a} better
      </text>
    </svg>
  );
}

export function StatsView() {
  const stats = useCompareStore((s) => s.stats);
  const query = useCompareStore((s) => s.statsQuery);
  const load = useCompareStore((s) => s.loadStats);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [tag, setTag] = useState('');
  const collections = useCompareStore((s) => s.collections);
  const loadCollections = useCompareStore((s) => s.loadCollections);
  useEffect(() => {
    void load();
    void loadCollections();
  }, [load, loadCollections]);
  const apply = (patch: Partial<typeof query>) => void load(patch);

  return (
    <section className="stats" data-testid="stats-view" aria-labelledby="stats-title">
      <h1 id="stats-title">What your votes say</h1>
      <form
        className="stats-filters"
        onSubmit={(e) => {
          e.preventDefault();
          const toDay = dayStart(to);
          apply({ from: dayStart(from), to: toDay !== undefined ? toDay + 86_400_000 : undefined, tag: tag.trim() || undefined });
        }}
      >
        <label className="field">
          <span>From</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          <span>To</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label className="field">
          <span>Tag</span>
          <input value={tag} onChange={(e) => setTag(e.target.value)} placeholder="any" data-testid="stats-tag" />
        </label>
        <label className="field">
          <span>Collection</span>
          <select value={query.collectionId ?? ''} onChange={(e) => apply({ collectionId: e.target.value || undefined })}>
            <option value="">Any</option>
            {collections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={query.blindOnly} onChange={(e) => apply({ blindOnly: e.target.checked })} data-testid="stats-blind" />
          <span>Blind votes only</span>
        </label>
        <button type="submit" className="btn">
          Apply
        </button>
      </form>
      {stats && (
        <p className="muted" data-testid="stats-count">
          {stats.voted} voted {stats.voted === 1 ? 'comparison' : 'comparisons'}
        </p>
      )}
      {stats?.pairs.length === 0 && <p className="muted">No votes match. Compare two models and pick a winner to see results here.</p>}
      {stats?.pairs.map((p) => (
        <article key={`${p.a}|${p.b}`} className="pair" data-testid="stats-pair">
          <h3>
            {p.a} <span className="muted">vs</span> {p.b}
          </h3>
          <p className="answer" data-testid="stats-answer">
            {p.answer}
          </p>
          <IntervalChart p={p} />
          <table className="pair-table">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">{p.a}</th>
                <th scope="col">{p.b}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Wins</th>
                <td data-testid="wins-a">{p.winsA}</td>
                <td data-testid="wins-b">{p.winsB}</td>
              </tr>
              <tr>
                <th scope="row">Wins this share of votes (95 % interval)</th>
                <td data-testid="interval-a">{p.intervalA ? range(p.intervalA[0], p.intervalA[1]) : '—'}</td>
                <td data-testid="interval-b">{p.intervalA ? range(1 - p.intervalA[1], 1 - p.intervalA[0]) : '—'}</td>
              </tr>
              <tr>
                <th scope="row">Median time</th>
                <td>{p.medianMsA !== null ? formatDuration(p.medianMsA) : '—'}</td>
                <td>{p.medianMsB !== null ? formatDuration(p.medianMsB) : '—'}</td>
              </tr>
              <tr>
                <th scope="row">Median cost</th>
                <td>{p.medianCostA !== null ? formatUsdPrecise(p.medianCostA) : '—'}</td>
                <td>{p.medianCostB !== null ? formatUsdPrecise(p.medianCostB) : '—'}</td>
              </tr>
              <tr>
                <th scope="row">Cost per win</th>
                <td>{p.costPerWinA !== null ? formatUsdPrecise(p.costPerWinA) : 'no wins'}</td>
                <td>{p.costPerWinB !== null ? formatUsdPrecise(p.costPerWinB) : 'no wins'}</td>
              </tr>
            </tbody>
          </table>
          <p className="muted" data-testid="stats-other">
            {p.comparisons} compared · {p.ties} {p.ties === 1 ? 'tie' : 'ties'} · {p.allBad} all bad
          </p>
        </article>
      ))}
    </section>
  );
}

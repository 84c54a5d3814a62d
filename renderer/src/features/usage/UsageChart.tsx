import type { UsageSummary } from '../../../../shared/ipc/contract';
import { formatUsdTotal } from '../../lib/format';

type Day = UsageSummary['days'][number];

const W = 760;
const H = 210;
const PAD = { top: 12, right: 8, bottom: 26, left: 52 };
const GRID_LINES = 4;

const monthDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/** "2026-11-24" is a calendar day where the user is: read it as local midnight, not UTC. */
export function parseDay(date: string): Date {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(y, m - 1, d);
}

export function dayLabel(date: string): string {
  return monthDay.format(parseDay(date));
}

/** The tooltip text: "Nov 24 · $0.40 · 3 jobs". */
export function dayTitle(day: Day): string {
  return `${dayLabel(day.date)} · ${formatUsdTotal(day.costUsd)} · ${day.jobs} ${day.jobs === 1 ? 'job' : 'jobs'}`;
}

/** A round step for the y axis so the grid reads $0.50, $1.00, … rather than $0.37, $0.74. */
function niceStep(max: number): number {
  const raw = max / GRID_LINES;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * magnitude >= raw) return m * magnitude;
  return 10 * magnitude;
}

function tickLabel(v: number, step: number): string {
  if (v === 0) return '$0';
  const digits = step >= 1 && Number.isInteger(step) ? 0 : step >= 0.1 ? 2 : step >= 0.01 ? 2 : 3;
  return `$${v.toFixed(digits)}`;
}

export function UsageChart({ days, today }: { days: readonly Day[]; today: string }) {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const n = Math.max(sorted.length, 1);
  const max = Math.max(0, ...sorted.map((d) => d.costUsd));
  const step = max > 0 ? niceStep(max) : 0.25;
  const top = step * Math.max(1, Math.ceil(max / step));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / n;
  const barW = Math.max(2, Math.min(22, slot * 0.64));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);

  return (
    <svg
      className="usage-chart"
      data-testid="usage-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Estimated spending per day over the last ${sorted.length} days`}
    >
      {ticks.map((t) => (
        <g key={t} className="usage-grid">
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className={t === 0 ? 'is-base' : undefined} />
          <text x={PAD.left - 10} y={y(t)} dy="0.32em" textAnchor="end">
            {tickLabel(t, step)}
          </text>
        </g>
      ))}
      {sorted.map((d, i) => {
        const cx = PAD.left + slot * (i + 0.5);
        const h = d.costUsd > 0 ? Math.max(2, y(0) - y(d.costUsd)) : 0;
        const isToday = d.date === today;
        // A label every seven days counted back from the newest, so today is always labelled.
        const labelled = (sorted.length - 1 - i) % 7 === 0;
        return (
          <g key={d.date} className={`usage-day${isToday ? ' is-today' : ''}`} data-testid="usage-day-bar" data-date={d.date}>
            <title>{dayTitle(d)}</title>
            <rect className="usage-hit" x={PAD.left + slot * i} y={PAD.top} width={slot} height={plotH} />
            {h > 0 ? (
              <rect className="usage-bar" x={cx - barW / 2} y={y(0) - h} width={barW} height={h} rx={Math.min(3, barW / 4)} />
            ) : (
              <rect className="usage-bar is-zero" x={cx - barW / 2} y={y(0) - 1} width={barW} height={1} />
            )}
            {labelled && (
              <text className="usage-x" x={cx} y={H - 8} textAnchor="middle">
                {isToday ? 'Today' : dayLabel(d.date)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

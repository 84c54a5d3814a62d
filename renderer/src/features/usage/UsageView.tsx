import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { UsageSummary } from '../../../../shared/ipc/contract';
import { TIER_LABELS } from '../../../../shared/domain/vocabulary';
import { tierOfModel } from '../../../../shared/models/catalogue';
import { formatCount, formatUsdPrecise, formatUsdTotal } from '../../lib/format';
import { AlertIcon } from '../../lib/icons';
import { useNavigation } from '../../lib/navigation';
import { SavedTile } from './SavedTile';
import { USAGE_DAYS, useUsageStore } from './store';
import { UsageChart, parseDay } from './UsageChart';
import './usage.css';

/** Amber past this share of the budget; red at or over it. */
const WARN_AT = 0.8;

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Settings' Budget section, by its heading's id. */
const BUDGET_SECTION = 'settings-budget';

function BudgetLink({ children }: { children: string }) {
  return (
    <button type="button" className="link-button usage-budget-link" data-testid="usage-budget-link" onClick={() => useNavigation.getState().navigate('settings', BUDGET_SECTION)}>
      {children}
    </button>
  );
}

function NoBudget() {
  return (
    <section className="panel usage-card usage-budget is-none" data-testid="usage-budget" data-level="none" aria-labelledby="usage-budget-title">
      <div className="usage-card-head">
        <h2 id="usage-budget-title" className="card-title">
          Monthly budget
        </h2>
        <span className="usage-budget-figures">None set</span>
      </div>
      <p className="usage-budget-note">
        With a budget, Atelier refuses new jobs once this month’s estimated spend would pass it. <BudgetLink>Set a budget in Settings</BudgetLink>
      </p>
    </section>
  );
}

function Budget({ spent, budget }: { spent: number; budget: number }) {
  const ratio = budget > 0 ? spent / budget : spent > 0 ? Infinity : 0;
  const level = ratio >= 1 ? 'over' : ratio > WARN_AT ? 'warning' : 'ok';
  const pct = Number.isFinite(ratio) ? Math.round(ratio * 100) : 100;
  return (
    <section className={`panel usage-card usage-budget is-${level}`} data-testid="usage-budget" data-level={level} aria-labelledby="usage-budget-title">
      <div className="usage-card-head">
        <h2 id="usage-budget-title" className="card-title">
          Monthly budget
        </h2>
        <span className="usage-budget-figures">
          <strong>{formatUsdTotal(spent)}</strong> of {formatUsdTotal(budget)}
          <span className="usage-budget-pct">{pct} %</span>
        </span>
      </div>
      <div className="usage-meter" role="progressbar" aria-label="Share of the monthly budget spent" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(pct, 100)}>
        <span className="usage-meter-fill" style={{ width: `${Math.min(100, Math.max(0, pct))}%` }} />
        <span className="usage-meter-mark" style={{ left: `${WARN_AT * 100}%` }} aria-hidden="true" />
      </div>
      <p className="usage-budget-note">
        {level === 'over'
          ? 'Budget reached: Atelier refuses new jobs this month.'
          : level === 'warning'
            ? `${formatUsdTotal(budget - spent)} left this month. Jobs that would pass the budget are refused.`
            : `${formatUsdTotal(budget - spent)} left this month.`}{' '}
        <BudgetLink>{level === 'over' ? 'Raise it in Settings to continue' : 'Change it in Settings'}</BudgetLink>
      </p>
    </section>
  );
}

function ByModel({ rows }: { rows: UsageSummary['byModel'] }) {
  const sorted = [...rows].sort((a, b) => b.costUsd - a.costUsd);
  const total = sorted.reduce((s, r) => s + r.costUsd, 0);
  const jobs = sorted.reduce((s, r) => s + r.jobs, 0);
  return (
    <section className="panel usage-card" aria-labelledby="usage-models-title">
      <h2 id="usage-models-title" className="card-title">
        By model
      </h2>
      <table className="usage-table" data-testid="usage-by-model">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="is-num">
              Jobs
            </th>
            <th scope="col" className="is-num">
              Cost
            </th>
            <th scope="col" className="usage-share-col">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 && (
            <tr>
              <td colSpan={4} className="usage-table-empty">
                No jobs in the last {USAGE_DAYS} days.
              </td>
            </tr>
          )}
          {sorted.map((r) => {
            const share = total > 0 ? r.costUsd / total : 0;
            const tier = tierOfModel(r.modelId);
            return (
              <tr key={r.modelId} data-model-id={r.modelId}>
                <td>
                  <span className="usage-model">
                    <span className={`tier-tag is-${tier}`}>{TIER_LABELS[tier]}</span>
                    <span className="mono">{r.modelId}</span>
                  </span>
                </td>
                <td className="is-num">{formatCount(r.jobs)}</td>
                <td className="is-num">{formatUsdPrecise(r.costUsd)}</td>
                <td className="usage-share-col">
                  <span className="usage-share">
                    <span className="usage-share-bar">
                      <span style={{ width: `${Math.round(share * 100)}%` }} />
                    </span>
                    <span className="usage-share-pct">{Math.round(share * 100)} %</span>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
        {sorted.length > 1 && (
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="is-num">{formatCount(jobs)}</td>
              <td className="is-num">{formatUsdPrecise(total)}</td>
              <td />
            </tr>
          </tfoot>
        )}
      </table>
    </section>
  );
}

export function UsageView() {
  const { summary, loading, error, load } = useUsageStore(
    useShallow((s) => ({ summary: s.summary, loading: s.loading, error: s.error, load: s.load })),
  );

  useEffect(() => {
    void load();
  }, [load]);

  const days = summary ? [...summary.days].sort((a, b) => a.date.localeCompare(b.date)) : [];
  const today = days.at(-1);
  const periodUsd = days.reduce((s, d) => s + d.costUsd, 0);
  const periodJobs = days.reduce((s, d) => s + d.jobs, 0);
  const periodImages = days.reduce((s, d) => s + d.images, 0);
  const monthStart = new Date();
  monthStart.setDate(1);

  return (
    <div className="usage-view" data-testid="usage-view" aria-busy={loading && !summary}>
      <header className="page-header">
        <h1 className="page-title">Usage</h1>
        <p className="muted">Estimated spending over the last {USAGE_DAYS} days</p>
      </header>

      {error && (
        <div className="inline-error" role="alert">
          <AlertIcon />
          <span className="spacer">Could not load usage: {error}</span>
          <button type="button" className="btn btn-link" onClick={() => void load()}>
            Try again
          </button>
        </div>
      )}

      {!summary && !error && (
        <div className="usage-loading">
          <span className="spinner is-queued" aria-hidden="true" />
          <span className="muted">Adding up…</span>
        </div>
      )}

      {summary && (
        <>
          <div className="usage-tiles">
            <div className="panel usage-tile" data-testid="usage-today">
              <span className="section-title">Today</span>
              <span className="usage-tile-value">{formatUsdTotal(summary.todayUsd)}</span>
              <span className="usage-tile-sub">
                {today ? `${plural(today.jobs, 'job', 'jobs')} · ${plural(today.images, 'image', 'images')}` : 'No jobs yet'}
              </span>
            </div>
            <div className="panel usage-tile" data-testid="usage-month">
              <span className="section-title">This month</span>
              <span className="usage-tile-value">{formatUsdTotal(summary.monthToDateUsd)}</span>
              <span className="usage-tile-sub">
                Since {monthStart.toLocaleDateString('en-US', { month: 'long', day: 'numeric' })}
              </span>
            </div>
            <div className="panel usage-tile" data-testid="usage-period">
              <span className="section-title">Last {USAGE_DAYS} days</span>
              <span className="usage-tile-value">{formatUsdTotal(periodUsd)}</span>
              <span className="usage-tile-sub">
                {plural(periodJobs, 'job', 'jobs')} · {plural(periodImages, 'image', 'images')}
              </span>
            </div>
            <SavedTile saved={summary.savedUsd} />
          </div>

          {summary.monthlyBudgetUsd !== null ? <Budget spent={summary.monthToDateUsd} budget={summary.monthlyBudgetUsd} /> : <NoBudget />}

          <section className="panel usage-card" aria-labelledby="usage-chart-title">
            <div className="usage-card-head">
              <h2 id="usage-chart-title" className="card-title">
                Per day
              </h2>
              {days.length > 0 && (
                <span className="usage-card-aside">
                  {parseDay(days[0]!.date).toLocaleDateString('en-US', { month: 'short', day: 'numeric' })} –{' '}
                  {parseDay(days.at(-1)!.date).toLocaleDateString('en-US', { month: 'short', day: 'numeric' })}
                </span>
              )}
            </div>
            <UsageChart days={days} today={today?.date ?? ''} />
            {periodUsd === 0 && <p className="usage-chart-empty muted">Nothing spent in this period.</p>}
          </section>

          <ByModel rows={summary.byModel} />
        </>
      )}

      <p className="usage-note">Estimates from Google's published prices; your invoice is authoritative.</p>
    </div>
  );
}

/** The Usage view as a top-level page: one scrolling column. */
export function UsagePage() {
  return (
    <div className="workspace-scroll">
      <UsageView />
    </div>
  );
}

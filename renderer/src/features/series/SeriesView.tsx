/** The studio's Series mode: a stored series' panels, shared choices, mode and cost, and the strip. */
import { useEffect, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { COMMON_ASPECT_RATIOS, type AspectRatio } from '../../../../shared/domain/vocabulary';
import { panelPrompt, type SeriesMode } from '../../../../shared/domain/series';
import { seriesCost } from '../../../../shared/models/seriesCost';
import { thumbUrl } from '../../../../shared/urls';
import { ElementKindIcon } from '../../lib/ElementPicker';
import { useElements } from '../../lib/elements';
import { formatUsdCompact } from '../../lib/format';
import { RetryIcon, SparkIcon } from '../../lib/icons';
import { InlineError } from '../../lib/InlineError';
import { jobById, useJobs } from '../../lib/jobCache';
import { ModelOptions, TierPicker } from '../../lib/ModelKnobs';
import { useCapabilities, useModelsStore } from '../../lib/models';
import { useSeries } from './store';
import './series.css';

const MODE_WORDS: Record<SeriesMode, { label: string; how: string }> = {
  independent: { label: 'Independent', how: 'One request per panel, each with the same references' },
  chat: { label: 'One chat', how: 'The panels in order as one conversation, each drawn seeing the ones before it' },
};

function Panel({ i }: { i: number }) {
  const { roll, reroll, busy, mode, ratio } = useSeries(
    useShallow((s) => ({ roll: s.stored?.panels[i]?.current ?? null, reroll: s.reroll, busy: s.busy, mode: s.mode, ratio: s.aspectRatio.replace(':', ' / ') })),
  );
  const live = useJobs((s) => (roll ? jobById(s.jobs, roll.jobId) : undefined));
  const state = live?.state ?? roll?.state ?? 'empty';
  const assetId = live ? (live.state === 'succeeded' ? (live.assetIds[0] ?? roll?.assetId ?? null) : null) : (roll?.assetId ?? null);
  const shown = assetId && state === 'succeeded' ? assetId : null;
  const placeholder = state === 'empty' ? (mode === 'chat' && i > 0 ? `Panel ${i + 1} follows panel ${i}` : `Panel ${i + 1}`) : state === 'failed' ? 'Failed' : state === 'cancelled' ? 'Cancelled' : state === 'gone' ? 'Picture deleted' : 'Making…';
  return (
    <li className="series-panel" data-testid="series-panel" data-job-id={roll?.jobId ?? ''} data-asset-id={shown ?? ''} data-state={state}>
      <div className="series-panel-frame" style={{ aspectRatio: ratio }}>
        {shown ? <img src={thumbUrl(shown)} alt={`Panel ${i + 1}`} /> : <span className="muted">{placeholder}</span>}
      </div>
      <div className="series-panel-bar">
        <span>{i + 1}</span>
        <button type="button" className="btn btn-secondary btn-sm" data-testid="series-reroll" disabled={busy || state === 'queued' || state === 'running' || state === 'paused'} aria-label={`Re-roll panel ${i + 1}`} onClick={() => void reroll(i)}>
          <RetryIcon />
          Re-roll
        </button>
      </div>
    </li>
  );
}

/** Both modes' price for the series as written, and why "One chat" costs more. */
function CostLine() {
  const s = useSeries(useShallow((x) => ({ tier: x.tier, modelId: x.modelId, mode: x.mode, panels: x.panels, style: x.style, elements: x.elements, imageSize: x.imageSize })));
  const caps = useCapabilities(s.tier, s.modelId);
  const chars = s.panels.reduce((sum, _, i) => sum + panelPrompt({ panels: s.panels, style: s.style, elements: s.elements }, i).length, 0) / s.panels.length;
  const input = { panels: s.panels.length, imageSize: s.imageSize, references: s.elements.reduce((n, e) => n + e.assetIds.length, 0), promptChars: chars };
  const independent = seriesCost(caps, 'independent', input);
  const chat = seriesCost(caps, 'chat', input);
  const tokens = (n: number) => n.toLocaleString('en-US');
  return (
    <p className="series-cost muted" data-testid="series-cost">
      {s.mode === 'independent'
        ? `≈ ${formatUsdCompact(independent.total)} for ${s.panels.length} panels: ${s.panels.length} requests at the same price. One chat would be ≈ ${formatUsdCompact(chat.total)}.`
        : `≈ ${formatUsdCompact(chat.total)} for ${s.panels.length} panels: every panel resends the chat so far, so input tokens grow per panel (panel 1 sends ≈ ${tokens(chat.inputTokens[0]!)} input tokens, panel ${s.panels.length} ≈ ${tokens(chat.inputTokens.at(-1)!)}). Independent would be ≈ ${formatUsdCompact(independent.total)}.`}
    </p>
  );
}

function ModelPicker() {
  const { tier, modelId, setTier, setModel } = useSeries(useShallow((s) => ({ tier: s.tier, modelId: s.modelId, setTier: s.setTier, setModel: s.setModel })));
  const models = useModelsStore((m) => m.models);
  const id = useId();
  return (
    <div className="series-model">
      <TierPicker value={tier} onChange={setTier} testIdPrefix="series-tier-" />
      <div className="select-wrap">
        <label htmlFor={id} className="select-label">
          <span className="select-prefix">Model</span>
        </label>
        <select id={id} className="select select-model" data-testid="series-model" value={modelId ?? ''} onChange={(e) => setModel(e.target.value || null)}>
          <option value="">Default for tier</option>
          <ModelOptions models={models} />
        </select>
      </div>
    </div>
  );
}

function SavedSeries() {
  const { list, id, openSeries, newSeries } = useSeries(useShallow((s) => ({ list: s.list, id: s.id, openSeries: s.openSeries, newSeries: s.newSeries })));
  const selectId = useId();
  return (
    <div className="series-saved">
      <label htmlFor={selectId} className="sr-only">
        Open a saved series
      </label>
      <select id={selectId} className="select" data-testid="series-open" value={id ?? ''} onChange={(e) => (e.target.value ? void openSeries(e.target.value) : newSeries())}>
        <option value="">{list.length ? 'Saved series…' : 'No saved series yet'}</option>
        {list.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title} ({s.panelCount} panels)
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-secondary btn-sm" data-testid="series-new" onClick={newSeries}>
        New series
      </button>
    </div>
  );
}

export function SeriesView() {
  const s = useSeries();
  const { elements, loaded, load } = useElements(useShallow((e) => ({ elements: e.elements, loaded: e.loaded, load: e.load })));
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  const hasPicture = s.stored?.panels.some((p) => p.current?.assetId) ?? false;
  return (
    <section className="series" data-testid="series" aria-labelledby="series-title">
      <h2 id="series-title" className="sr-only">
        Series
      </h2>
      <div className="series-head">
        <label className="series-field series-title">
          <span>Title</span>
          <input className="input" data-testid="series-title" value={s.title} maxLength={80} onChange={(e) => s.setTitle(e.target.value)} />
        </label>
        <SavedSeries />
      </div>
      <div className="series-shared">
        <label className="series-field">
          <span>Panels</span>
          <select className="select" data-testid="series-count" value={s.panels.length} onChange={(e) => s.setCount(Number(e.target.value))}>
            {[2, 3, 4, 5, 6, 7, 8].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="series-field">
          <span>Ratio</span>
          <select className="select" data-testid="series-ratio" value={s.aspectRatio} onChange={(e) => s.setAspectRatio(e.target.value as AspectRatio)}>
            {COMMON_ASPECT_RATIOS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="series-field series-style">
          <span>Style line</span>
          <input className="input" data-testid="series-style" value={s.style} maxLength={300} placeholder="e.g. ink and watercolour, soft morning light" onChange={(e) => s.setStyle(e.target.value)} />
        </label>
        <ModelPicker />
        <div className="series-elements" role="group" aria-label="Elements in every panel">
          {elements.map((e) => (
            <button key={e.id} type="button" className="chip-toggle" data-testid="series-element" aria-pressed={s.elements.some((x) => x.id === e.id)} onClick={() => s.toggleElement(e)}>
              <ElementKindIcon kind={e.kind} />@{e.name}
            </button>
          ))}
        </div>
      </div>
      <div className="series-mode">
        <div className="segmented" role="group" aria-label="How the panels are made">
          {(Object.keys(MODE_WORDS) as SeriesMode[]).map((m) => (
            <button key={m} type="button" className="segment" data-testid={`series-mode-${m}`} aria-pressed={s.mode === m} title={`${MODE_WORDS[m].label}: ${MODE_WORDS[m].how.toLowerCase()}`} onClick={() => s.setMode(m)}>
              {MODE_WORDS[m].label}
            </button>
          ))}
        </div>
        <span className="muted series-mode-how">{MODE_WORDS[s.mode].how}.</span>
        <CostLine />
      </div>
      <ol className="series-prompts">
        {s.panels.map((p, i) => (
          <li key={i}>
            <textarea className="input series-prompt" data-testid="series-prompt" aria-label={`Panel ${i + 1}`} placeholder={`Panel ${i + 1}: what happens`} rows={2} value={p} onChange={(e) => s.setPanel(i, e.target.value)} />
          </li>
        ))}
      </ol>
      <div className="series-go">
        <InlineError message={s.error} testId="series-error" />
        {s.exported && (
          <span className="muted series-exported" data-testid="series-exported" role="status">
            {s.exported}
          </span>
        )}
        <button type="button" className="btn btn-secondary" data-testid="series-export" disabled={s.busy || !hasPicture} onClick={() => void s.exportSeries()} title="Numbered files and a contact sheet, into a folder you choose">
          Export…
        </button>
        <button type="button" className="btn btn-primary" data-testid="series-generate" disabled={s.busy} onClick={() => void s.generateAll()}>
          <SparkIcon />
          Generate series
        </button>
      </div>
      <ol className="series-strip" aria-label="The series" data-testid="series-strip">
        {s.panels.map((_, i) => (
          <Panel key={i} i={i} />
        ))}
      </ol>
    </section>
  );
}

/**
 * One comparison: results side by side at equal size as they arrive, synchronised zoom, a
 * swipe between any two, and the vote (keys 1–4, 0 tie, X all bad). Blind comparisons hide
 * labels and give-away numbers until the vote.
 */
import { assetUrl } from '../../../../shared/urls';
import { useEffect, useState } from 'react';
import type { Comparison, ContenderResult } from '../../../../shared/ipc/contract';
import { CloseLook, lookModeForKey, type LookMode } from '../../lib/CloseLook';
import { useZoomGroup, ZoomPane } from '../../lib/SyncedZoom';
import { CompactFacts } from '../../lib/GenerationFacts';
import { useCompareStore } from './store';

const LETTERS = 'ABCD';
const settled = (k: ContenderResult) => k.state === 'succeeded' || k.state === 'failed' || k.state === 'cancelled';

export function ComparisonScreen({ comparison: c }: { comparison: Comparison }) {
  const vote = useCompareStore((s) => s.vote);
  const cancel = useCompareStore((s) => s.cancel);
  const close = useCompareStore((s) => s.close);
  const nextPrompt = useCompareStore((s) => s.nextPrompt);
  const error = useCompareStore((s) => s.error);
  const group = useZoomGroup();
  /** The two results looked at closely, and the mode it opened in; null: the grid. */
  const [look, setLook] = useState<{ pair: [number, number]; mode: LookMode } | null>(null);
  const swipe = look?.pair ?? null;
  const setSwipe = (pair: [number, number] | null) => setLook(pair ? { pair, mode: look?.mode ?? 'wipe' } : null);
  const shown = c.order.map((i) => c.contenders[i]!);
  const hidden = c.blind && !c.vote;
  const sizesDiffer = new Set(shown.map((k) => (k.width ? `${k.width}x${k.height}` : null)).filter(Boolean)).size > 1;
  const canVote = !c.vote && shown.every(settled) && shown.filter((k) => k.state === 'succeeded').length >= 1;
  const name = (k: ContenderResult, pos: number) => (hidden ? `Result ${LETTERS[pos]}` : k.label);

  useEffect(() => {
    if (!canVote) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const pos = Number(e.key) - 1;
      if (pos >= 0 && pos < shown.length) {
        e.preventDefault();
        void vote('winner', shown[pos]!.index);
      } else if (e.key === '0') {
        e.preventDefault();
        void vote('tie');
      } else if (e.key === 'x' || e.key === 'X') {
        e.preventDefault();
        void vote('all_bad');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canVote, shown, vote]);

  const lookable = shown.filter((k) => k.assetId).length >= 2;
  useEffect(() => {
    if (look || !lookable) return;
    // From the grid, a mode's key opens the close look at the first two results in that mode.
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const mode = e.key === ' ' ? 'flicker' : lookModeForKey(e.key);
      if (!mode || mode === 'side') return;
      e.preventDefault();
      const pair = shown.flatMap((k, pos) => (k.assetId ? [pos] : [])).slice(0, 2) as [number, number];
      setLook({ pair, mode });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [look, lookable, shown]);

  const winner = c.vote?.kind === 'winner' ? c.vote.winner : null;
  return (
    <section className="comparison" data-testid="comparison" data-state={c.state} data-blind={hidden ? 'hidden' : c.blind ? 'revealed' : 'open'}>
      <header className="comparison-head">
        <button type="button" className="btn-ghost" onClick={close}>
          ← New comparison
        </button>
        <p className="comparison-prompt" title={c.prompt}>
          {c.edit ? `Edit: ${c.edit.instruction}` : c.prompt}
        </p>
        {c.state === 'running' && (
          <button type="button" className="btn-ghost" data-testid="comparison-cancel" onClick={() => void cancel()}>
            Cancel the rest
          </button>
        )}
        <button type="button" className="btn-ghost" aria-pressed={!!swipe} onClick={() => setSwipe(swipe ? null : [0, 1])} disabled={!lookable} data-testid="compare-look">
          {swipe ? 'All results' : 'Look closely'}
        </button>
      </header>

      {swipe ? (
        <div className="comparison-swipe">
          <div className="compare-form-row">
            {[0, 1].map((side) => (
              <select
                key={side}
                aria-label={side === 0 ? 'Left image' : 'Right image'}
                value={swipe[side]}
                onChange={(e) => setSwipe(side === 0 ? [Number(e.target.value), swipe[1]] : [swipe[0], Number(e.target.value)])}
              >
                {shown.map((k, pos) => (
                  <option key={pos} value={pos} disabled={!k.assetId}>
                    {name(k, pos)}
                  </option>
                ))}
              </select>
            ))}
          </div>
          <CloseLook
            key={`${swipe[0]}-${swipe[1]}`}
            testId="compare-look-view"
            blind={hidden}
            initialMode={look!.mode}
            a={{ src: assetUrl(shown[swipe[0]]!.assetId ?? ''), label: name(shown[swipe[0]]!, swipe[0]), width: shown[swipe[0]]!.width ?? 1, height: shown[swipe[0]]!.height ?? 1 }}
            b={{ src: assetUrl(shown[swipe[1]]!.assetId ?? ''), label: name(shown[swipe[1]]!, swipe[1]), width: shown[swipe[1]]!.width ?? 1, height: shown[swipe[1]]!.height ?? 1 }}
          />
        </div>
      ) : (
        <div className={`results results-${shown.length}`}>
          {shown.map((k, pos) => (
            <article
              key={k.index}
              className={`result${winner === k.index ? ' is-winner' : ''}`}
              data-testid="compare-result"
              data-state={k.state}
              aria-label={name(k, pos)}
            >
              <header className="result-head">
                <span className="result-key" aria-hidden="true">
                  {pos + 1}
                </span>
                <strong data-testid="result-label">{name(k, pos)}</strong>
                {winner === k.index && <span className="badge-winner">Winner</span>}
              </header>
              <div className="result-frame">
                {k.assetId ? (
                  <ZoomPane group={group} index={pos}>
                    <img src={assetUrl(k.assetId)} alt={name(k, pos)} draggable={false} data-testid="result-image" />
                  </ZoomPane>
                ) : k.state === 'failed' || k.state === 'cancelled' ? (
                  <div className="result-error" role="status" data-testid="result-error">
                    <strong>{k.state === 'cancelled' ? 'Cancelled' : 'Failed'}</strong>
                    <span>{k.error?.message ?? ''}</span>
                  </div>
                ) : (
                  <div className="result-placeholder" data-testid="result-placeholder" aria-live="polite">
                    <span className="pulse" aria-hidden="true" />
                    {k.state === 'running' ? 'Drawing…' : 'Waiting in the queue…'}
                  </div>
                )}
              </div>
              <CompactFacts
                facts={{
                  modelId: k.modelId,
                  width: k.width,
                  height: k.height,
                  firstProgressMs: k.firstProgressMs,
                  finalMs: k.finalMs,
                  tokens: k.usage ? { prompt: k.usage.promptTokens, output: k.usage.outputTokens, thinking: k.usage.thoughtTokens } : null,
                  costUsd: k.costUsd,
                }}
                // Blind hides what names a model: its id, price, tokens, a differing size, and its
                // times (Pro's thinking makes it the slow one).
                hide={{ model: hidden, size: hidden && sizesDiffer, numbers: hidden, timings: hidden }}
              />
            </article>
          ))}
        </div>
      )}

      <footer className="vote-bar" data-testid="vote-bar">
        {c.vote ? (
          <>
            <p data-testid="vote-result">
              {c.vote.kind === 'winner'
                ? `You picked ${c.contenders[c.vote.winner!]!.label}.`
                : c.vote.kind === 'tie'
                  ? 'You called it a tie.'
                  : 'You marked them all bad.'}
              {c.blind ? ' Revealed: the labels and numbers above are now shown.' : ''}
            </p>
            {/* Voting by key leaves the hands on the keyboard: Enter goes on to the next prompt. */}
            <button type="button" className="btn btn-primary" data-testid="compare-next" onClick={nextPrompt} autoFocus>
              Next prompt
            </button>
          </>
        ) : (
          <>
            <span className="muted">{canVote ? 'Vote:' : c.state === 'running' ? 'Vote once every result has arrived.' : ''}</span>
            {shown.map((k, pos) => (
              <button key={k.index} type="button" className="btn" disabled={!canVote || k.state !== 'succeeded'} onClick={() => void vote('winner', k.index)} data-testid={`vote-${pos + 1}`}>
                <kbd>{pos + 1}</kbd> {name(k, pos)}
              </button>
            ))}
            <button type="button" className="btn" disabled={!canVote} onClick={() => void vote('tie')} data-testid="vote-tie">
              <kbd>0</kbd> Tie
            </button>
            <button type="button" className="btn" disabled={!canVote} onClick={() => void vote('all_bad')} data-testid="vote-all-bad">
              <kbd>X</kbd> All bad
            </button>
          </>
        )}
        {error && (
          <span className="form-error" role="alert">
            {error}
          </span>
        )}
      </footer>
    </section>
  );
}

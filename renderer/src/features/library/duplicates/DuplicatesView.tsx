import { useShallow } from 'zustand/react/shallow';
import type { DuplicateGroup, DuplicateLevel } from '../../../../../shared/ipc/contract';
import { thumbUrl } from '../../../../../shared/urls';
import { formatCount } from '../../../lib/format';
import { intents } from '../../../lib/intents';
import { BackgroundWork } from '../../../lib/BackgroundWork';
import { keeperOf, useDuplicates } from './store';
import './duplicates.css';

const LEVELS: DuplicateLevel[] = ['exact', 'near', 'similar'];
const LEVEL_WORDS: Record<DuplicateLevel, string> = {
  exact: 'Exact: the same picture, re-saved or resized',
  near: 'Near: also small crops and touch-ups',
  similar: 'Similar: also shots of a series',
};

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function Progress() {
  const { progress, backfill } = useDuplicates(useShallow((s) => ({ progress: s.progress, backfill: s.backfill })));
  return (
    <BackgroundWork
      progress={progress}
      doing="Fingerprinting the library"
      then="Groups grow as it goes."
      label="Fingerprinting progress"
      testId="dups-progress"
      onToggle={(action) => void backfill(action)}
    />
  );
}

function Group({ group, index }: { group: DuplicateGroup; index: number }) {
  const { keeper, choose, keepOne, busy } = useDuplicates(useShallow((s) => ({ keeper: keeperOf(s, group), choose: s.choose, keepOne: s.keepOne, busy: s.busy })));
  const ids = group.members.map((m) => m.id);
  const reasonId = `dups-reason-${index}`;
  return (
    <li className="dups-group" data-testid="dups-group">
      <ul className="dups-members" aria-label={`Group ${index + 1}: ${group.members.length} images`}>
        {group.members.map((m, i) => {
          const isKeeper = m.id === keeper;
          return (
            <li key={m.id} className={`dups-member${isKeeper ? ' is-keeper' : ''}`} data-testid="dups-member" data-asset-id={m.id} data-keeper={isKeeper}>
              <button type="button" className="dups-thumb" onClick={() => intents.openViewer(ids, i)} aria-label={`View ${m.prompt ?? 'image'} (${m.width} × ${m.height})`}>
                <img src={thumbUrl(m.id)} alt="" loading="lazy" />
              </button>
              <div className="dups-facts">
                <span>
                  {m.width} × {m.height} · {size(m.bytes)}
                  {m.rating ? ` · ${'★'.repeat(m.rating)}` : ''}
                </span>
                {isKeeper ? (
                  <span className="dups-keeper-badge" data-testid="dups-keeper" title={m.id === group.keeperId ? group.keeperReason : 'Your choice'} aria-describedby={m.id === group.keeperId ? reasonId : undefined}>
                    {m.id === group.keeperId ? 'Suggested keeper' : 'Keeper'}
                  </span>
                ) : (
                  <button type="button" className="btn btn-link btn-sm" data-testid="dups-choose" onClick={() => choose(group, m.id)}>
                    Keep this one
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <div className="dups-group-actions">
        <span id={reasonId} className="dups-reason">
          {group.keeperReason}
        </span>
        <button type="button" className="btn btn-secondary btn-sm" data-testid="dups-keep-one" disabled={busy} onClick={() => void keepOne([group])}>
          Keep one, trash {group.members.length - 1 === 1 ? 'the other' : `the other ${group.members.length - 1}`}
        </button>
      </div>
    </li>
  );
}

/** Groups of near-identical images, a level to tighten or loosen them, and one click to keep one of each. */
export function DuplicatesView() {
  const { level, setLevel, loading, error, groups, totalGroups, keepOne, busy, last, undo } = useDuplicates(
    useShallow((s) => ({ level: s.level, setLevel: s.setLevel, loading: s.loading, error: s.error, groups: s.groups, totalGroups: s.totalGroups, keepOne: s.keepOne, busy: s.busy, last: s.last, undo: s.undo })),
  );
  const extra = groups.reduce((n, g) => n + g.members.length - 1, 0);
  return (
    <div className="dups" data-testid="duplicates-view">
      <div className="dups-bar">
        <label className="dups-level">
          <span className="dups-level-label">How alike</span>
          <input
            type="range"
            min={0}
            max={2}
            step={1}
            value={LEVELS.indexOf(level)}
            data-testid="dups-level"
            aria-valuetext={LEVEL_WORDS[level]}
            onChange={(e) => setLevel(LEVELS[Number(e.target.value)]!)}
          />
          <span className="dups-level-value" data-testid="dups-level-value">
            {LEVEL_WORDS[level]}
          </span>
        </label>
        <span className="spacer" />
        {last && last.trashed.length > 0 && (
          <button type="button" className="btn btn-secondary btn-sm" data-testid="dups-undo" onClick={() => void undo()}>
            Undo: bring back {last.trashed.length === 1 ? '1 image' : `${formatCount(last.trashed.length)} images`}
          </button>
        )}
        <button type="button" className="btn btn-primary btn-sm" data-testid="dups-keep-all" disabled={busy || groups.length === 0} onClick={() => void keepOne(groups)}>
          Keep one of each, trash {formatCount(extra)}
        </button>
      </div>
      <Progress />
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : loading && groups.length === 0 ? (
        <p className="muted">Looking for duplicates…</p>
      ) : groups.length === 0 ? (
        <p className="dups-empty" data-testid="dups-empty">
          No {level === 'similar' ? 'similar' : level === 'exact' ? 'exact duplicate' : 'near-identical'} images in the library.
        </p>
      ) : (
        <>
          <p className="dups-summary" data-testid="dups-summary" role="status">
            {totalGroups === 1 ? '1 group' : `${formatCount(totalGroups)} groups`} of {LEVEL_WORDS[level].split(':')[0]!.toLowerCase()} duplicates
            {totalGroups > groups.length ? ` (the largest ${formatCount(groups.length)} shown)` : ''}. The suggested keeper is the highest rated, then the largest, then the newest; anything trashed can be brought back.
          </p>
          <ol className="dups-groups">
            {groups.map((g, i) => (
              <Group key={g.keeperId} group={g} index={i} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

import { assetUrl, thumbUrl } from '../../../../shared/urls';
import { intents } from '../../lib/intents';
import type { Conversation, GenerationDetail, Job, Turn, WaitReason } from '../../../../shared/ipc/contract';
import { formatCount, formatDuration, formatUsdPrecise } from '../../lib/format';
import { GenerationFacts } from '../../lib/GenerationFacts';
import { AlertIcon, BranchIcon, BulbIcon, RetryIcon } from '../../lib/icons';
import { ChatImageActions } from './ChatImageActions';
import { isActive, isStopped } from '../../lib/jobs';
import { useNow } from '../../lib/useNow';
import { RichText } from './RichText';
import { BoundedMessage, BoundedText } from '../../lib/BoundedText';
import { useChatStore } from './store';

export interface OpenImage {
  src: string;
  alt: string;
}

/** Version numbers for the model turns that returned pictures: "v1" is the first picture. */
export function versionsOf(turns: readonly Turn[]): Map<number, number> {
  const versions = new Map<number, number>();
  let n = 0;
  for (const t of turns) if (t.role === 'model' && t.assetIds.length > 0) versions.set(t.index, ++n);
  return versions;
}

/** "Branch from here": a new chat with the turns so far, this one's original left as it is. */
function BranchButton({ turn }: { turn: Turn }) {
  const branch = useChatStore((s) => s.branch);
  const label = turn.role === 'user' ? 'Branch: ask this differently in a new chat' : 'Branch from here: continue from this answer in a new chat';
  return (
    <button type="button" className="btn btn-ghost btn-sm chat-branch" data-testid="chat-branch" aria-label={label} title={label} onClick={() => void branch(turn.index)}>
      <BranchIcon />
      Branch
    </button>
  );
}

/** Every picture of the conversation, in order, for the viewer to step through. */
function chatImages(turns: readonly Turn[]): string[] {
  return turns.flatMap((t) => t.assetIds);
}

function UserTurn({ turn, all }: { turn: Turn; all: string[] }) {
  return (
    <article className="chat-turn is-user" data-testid="chat-turn" data-role="user" data-index={turn.index}>
      <div className="chat-bubble">
        {(turn.assetIds.length > 0 || (turn.heldUrls?.length ?? 0) > 0) && (
          <div className="chat-refs" aria-label="Reference images">
            {turn.assetIds.map((id) => (
              <button key={id} type="button" className="chat-ref-button" aria-label="View this photo" onClick={() => intents.openViewer(all, all.indexOf(id))}>
                <img className="chat-ref" data-testid="chat-ref" src={thumbUrl(id)} alt="Reference image" loading="lazy" />
              </button>
            ))}
            {/* Held for this message; it joins the library (and the viewer) once the answer comes. */}
            {turn.heldUrls?.map((url) => <img key={url} className="chat-ref" data-testid="chat-ref-held" src={url} alt="Reference photo (joins the library with the answer)" />)}
          </div>
        )}
        {turn.text && <p className="chat-prompt">{turn.text}</p>}
      </div>
      <BranchButton turn={turn} />
    </article>
  );
}

function Thoughts({ thoughts, onOpenImage }: { thoughts: GenerationDetail['thoughts']; onOpenImage: (img: OpenImage) => void }) {
  if (thoughts.text.length === 0 && thoughts.imageUrls.length === 0) return null;
  const steps = thoughts.text.length;
  return (
    <details className="panel chat-thoughts" data-testid="chat-thoughts">
      <summary>
        <BulbIcon />
        <span>Thinking</span>
        <span className="chat-thoughts-count">
          {steps > 0 && `${steps} ${steps === 1 ? 'step' : 'steps'}`}
          {steps > 0 && thoughts.imageUrls.length > 0 && ' · '}
          {thoughts.imageUrls.length > 0 && `${thoughts.imageUrls.length} ${thoughts.imageUrls.length === 1 ? 'draft' : 'drafts'}`}
        </span>
      </summary>
      <div className="chat-thoughts-body">
        {thoughts.text.map((t, i) => (
          <RichText key={i} text={t} className="chat-thought" />
        ))}
        {thoughts.imageUrls.length > 0 && (
          <div className="chat-thought-images">
            {thoughts.imageUrls.map((url, i) => (
              <button
                key={url}
                type="button"
                className="chat-thought-image"
                aria-label={`Enlarge draft ${i + 1}`}
                onClick={() => onOpenImage({ src: url, alt: `Draft ${i + 1} from the model's thinking` })}
              >
                <img src={url} alt={`Draft ${i + 1}`} loading="lazy" />
              </button>
            ))}
          </div>
        )}
      </div>
    </details>
  );
}

function CostLine({ generation }: { generation: GenerationDetail }) {
  const u = generation.usage;
  return (
    <p className="chat-cost" title={`${generation.modelId} · ${new Date(generation.createdAt).toLocaleString()}`}>
      <span>{formatCount(u.promptTokens)} in</span>
      <span>{formatCount(u.outputTokens)} out</span>
      {u.thoughtTokens > 0 && <span>{formatCount(u.thoughtTokens)} thinking</span>}
      <span className="chat-cost-usd">{formatUsdPrecise(generation.costUsd)}</span>
      {generation.durationMs > 0 && <span>{formatDuration(generation.durationMs)}</span>}
    </p>
  );
}

function ModelTurn({
  turn,
  version,
  latest,
  all,
  onOpenImage,
}: {
  turn: Turn;
  version: number | undefined;
  latest: boolean;
  all: string[];
  onOpenImage: (img: OpenImage) => void;
}) {
  const g = turn.generation;
  const images = turn.assetIds;
  return (
    <article
      className={`chat-turn is-model${latest ? ' is-latest' : ''}`}
      data-testid="chat-turn"
      data-role="model"
      data-index={turn.index}
    >
      <header className="chat-turn-meta">
        <span className="chat-avatar" aria-hidden="true" />
        <span className="chat-author">Gemini</span>
        {version !== undefined && <span className={`chat-version${latest ? ' is-latest' : ''}`}>v{version}</span>}
        {latest && images.length > 0 && <span className="chat-latest-label">Latest</span>}
      </header>
      {images.length > 0 && (
        <div className={`chat-images count-${Math.min(images.length, 4)}`}>
          {images.map((id, i) => {
            const alt = `Version ${version ?? ''}${images.length > 1 ? `, image ${i + 1}` : ''}`.trim();
            return (
              <figure key={id} className="chat-image-card">
                <button type="button" className="chat-image" aria-label={`View ${alt}`} onClick={() => intents.openViewer(all, all.indexOf(id))}>
                  <img data-testid="chat-turn-image" src={assetUrl(id)} alt={alt} />
                </button>
                <ChatImageActions assetId={id} onView={() => intents.openViewer(all, all.indexOf(id))} />
              </figure>
            );
          })}
        </div>
      )}
      {turn.text && <BoundedText text={turn.text} excerpt={4_000} render={(t) => <RichText text={t} className="chat-reply" />} />}
      {!turn.text && images.length === 0 && <p className="chat-reply muted">Gemini answered without text or a picture.</p>}
      {g && <Thoughts thoughts={g.thoughts} onOpenImage={onOpenImage} />}
      {g && <CostLine generation={g} />}
      <footer className="chat-turn-tools">
        {g && (
          <details className="chat-facts" data-testid="chat-facts">
            <summary>Details</summary>
            <GenerationFacts generation={g} />
          </details>
        )}
        <BranchButton turn={turn} />
      </footer>
    </article>
  );
}

const WAIT_REASONS: Record<WaitReason, string> = {
  capacity: 'Waiting for a free slot',
  rate_limit: 'Waiting for the rate limit',
  quota_retry: 'Gemini’s quota is used up; trying again soon',
  backoff: 'Retrying after an error',
  offline: 'Offline — waiting for the connection',
  queue_paused: 'The queue is paused',
  daily_limit: 'Today’s request limit is reached',
  spend_limit: 'Waiting to stay under your 10-minute spend limit',
  flex_shed: 'Google set the Economy (Flex) request aside; trying again at half price',
};

function pendingText(job: Job, now: number): string {
  switch (job.state) {
    case 'queued': {
      const reason = job.waitReason ? WAIT_REASONS[job.waitReason] : 'Queued';
      const wait = job.nextAttemptAt !== null ? Math.ceil((job.nextAttemptAt - now) / 1000) : 0;
      return wait > 0 ? `${reason} · next try in ${formatDuration(wait * 1000)}` : reason;
    }
    case 'running': {
      const since = job.startedAt ?? now;
      const secs = Math.max(0, Math.floor((now - since) / 1000));
      return `${job.attempt > 1 ? `Drawing (attempt ${job.attempt})` : 'Drawing'} · ${secs} s`;
    }
    case 'paused':
      return 'Paused';
    case 'succeeded':
      return 'Done — loading the answer';
    case 'failed':
      return 'No answer';
    case 'cancelled':
      return 'Cancelled';
  }
}

function Pending({ job, aspect, from, nextVersion }: { job: Job; aspect: string; from: string | null; nextVersion: number }) {
  const retry = useChatStore((s) => s.retry);
  const retryError = useChatStore((s) => s.retryError);
  const active = isActive(job);
  const now = useNow(active);
  const [w = 1, h = 1] = aspect.split(':').map(Number);
  const stopped = isStopped(job);
  return (
    <article className={`chat-turn is-model chat-pending is-${job.state}`} data-testid="chat-pending" data-state={job.state} data-job-id={job.id}>
      <header className="chat-turn-meta">
        <span className="chat-avatar" aria-hidden="true" />
        <span className="chat-author">Gemini</span>
        {!stopped && <span className="chat-version">v{nextVersion}</span>}
      </header>
      <div className="chat-pending-row">
        {!stopped && (
          // The picture being refined, blurred, stands in for the one on its way.
          <div className="chat-placeholder" style={{ aspectRatio: `${w} / ${h}` }}>
            {from && <img src={thumbUrl(from)} alt="" />}
            <span className={`spinner${job.state === 'running' ? '' : ' is-queued'}`} aria-hidden="true" />
          </div>
        )}
        <p className="chat-pending-state" role="status">
          {pendingText(job, now)}
        </p>
      </div>
      {stopped && (
        <div className="chat-failure">
          {job.error && (
            <div className="inline-error" data-testid="chat-error" data-code={job.error.code}>
              <AlertIcon />
              <BoundedMessage text={job.error.message || 'The request failed.'} />
            </div>
          )}
          <div className="chat-failure-actions">
            <button type="button" className="btn btn-secondary" data-testid="chat-retry" onClick={() => void retry(job.id)}>
              <RetryIcon />
              Retry
            </button>
            {retryError && <span className="chat-retry-error">{retryError}</span>}
          </div>
        </div>
      )}
    </article>
  );
}

export function ChatThread({
  conversation,
  pending,
  onOpenImage,
}: {
  conversation: Conversation;
  pending: Job | null;
  onOpenImage: (img: OpenImage) => void;
}) {
  const versions = versionsOf(conversation.turns);
  const all = chatImages(conversation.turns);
  const latest = [...conversation.turns].reverse().find((t) => t.role === 'model' && t.assetIds.length > 0);
  const latestIndex = latest?.index;
  // The placeholder takes the shape of the picture being refined.
  const aspect = pending?.request.aspectRatio ?? [...conversation.turns].reverse().find((t) => t.generation?.params.aspectRatio)?.generation?.params.aspectRatio ?? '1:1';

  return (
    <div className="chat-thread">
      {conversation.turns.map((turn) =>
        turn.role === 'user' ? (
          <UserTurn key={turn.index} turn={turn} all={all} />
        ) : (
          <ModelTurn
            key={turn.index}
            turn={turn}
            version={versions.get(turn.index)}
            latest={turn.index === latestIndex}
            all={all}
            onOpenImage={onOpenImage}
          />
        ),
      )}
      {pending && <Pending job={pending} aspect={aspect} from={latest?.assetIds[0] ?? null} nextVersion={versions.size + 1} />}
    </div>
  );
}

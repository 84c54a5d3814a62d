/**
 * The facts of one generation — prompt, model, parameters, returned text, thinking, grounding,
 * tokens, cost, time and file — drawn the same way wherever an image is shown: in full in the
 * library's detail panel, the viewer's side sheet and a chat turn (`GenerationFacts`), and as
 * one row per fact beside other results in a comparison (`CompactFacts`). Both write each fact
 * with the same helpers below.
 */
import { useState, type MouseEvent, type ReactNode } from 'react';
import type { AssetDetail, GenerationDetail } from '../../../shared/ipc/contract';
import { TIER_LABELS } from '../../../shared/domain/vocabulary';
import { BoundedText } from './BoundedText';
import { excerptOf } from './safeText';
import { MODALITY_LABELS, formatBytes, formatCount, formatDateTime, formatDuration, formatUsdCompact, formatUsdPrecise } from './format';
import { ExternalIcon, SearchIcon, ThoughtIcon } from './icons';
import { useLinks } from './links';
import { InlineError } from './InlineError';
import { ContentCredentialsFacts, credentialsLine } from './ContentCredentials';
import './facts.css';

/** An image's size in pixels, as both layouts write it. */
function pixelsText(width: number, height: number): string {
  return `${width}×${height}`;
}

/** Prompt / output / thinking tokens in the compact row. */
function tokensShort(t: { prompt: number; output: number; thinking: number }): string {
  return `${t.prompt} / ${t.output} / ${t.thinking}`;
}

/** Thought summaries arrive as light Markdown ("**Planning the light**\n\n…"); only bold is worth keeping. */
function withBold(text: string): ReactNode[] {
  return text.split(/\*\*(.+?)\*\*/g).map((part, i) => (i % 2 === 1 ? <strong key={i}>{part}</strong> : part));
}

function hostOf(uri: string): string {
  try {
    return new URL(uri).hostname.replace(/^www\./, '');
  } catch {
    return uri;
  }
}

function Thoughts({ gen }: { gen: GenerationDetail }) {
  const { text, imageUrls } = gen.thoughts;
  if (text.length === 0 && imageUrls.length === 0) return null;
  const parts = [
    text.length ? `${text.length} ${text.length === 1 ? 'note' : 'notes'}` : null,
    imageUrls.length ? `${imageUrls.length} ${imageUrls.length === 1 ? 'draft' : 'drafts'}` : null,
  ].filter(Boolean);
  return (
    <details className="panel detail-thoughts" data-testid="detail-thoughts">
      <summary>
        <ThoughtIcon />
        <span>Thinking</span>
        <span className="muted">{parts.join(' · ')}</span>
      </summary>
      <div className="thoughts-body">
        {text.map((t, i) => (
          <p key={i} className="thought-text bidi-isolate" dir="auto" data-testid="thought-text">
            {withBold(excerptOf(t, 4_000))}
          </p>
        ))}
        {imageUrls.length > 0 && (
          <div className="thought-images">
            {imageUrls.map((url, i) => (
              <img key={url} className="thought-image" data-testid="thought-image" src={url} alt={`Draft ${i + 1} of ${imageUrls.length}`} loading="lazy" />
            ))}
          </div>
        )}
      </div>
    </details>
  );
}

function Grounding({ grounding, generationId }: { grounding: NonNullable<GenerationDetail['grounding']>; generationId: string }) {
  const [openError, setOpenError] = useState<string | null>(null);
  // `queries` is the web queries followed by the image ones (main concatenates them in that order).
  const webQueries = grounding.queries.slice(0, grounding.queries.length - grounding.imageQueries.length);

  async function open(e: MouseEvent, url: string) {
    // Never navigate the app's own window: main opens https links in the system browser.
    e.preventDefault();
    setOpenError(null);
    setOpenError(await useLinks.getState().open(url, generationId));
  }

  return (
    <section className="grounding" data-testid="grounding" aria-label="Google Search grounding">
      {grounding.sources.length > 0 && (
        <ol className="grounding-sources">
          {grounding.sources.map((src, i) => (
            <li key={`${src.uri}-${i}`}>
              {src.uri.startsWith('https://') ? (
                <a href={src.uri} data-testid="grounding-source" title={src.uri} onClick={(e) => void open(e, src.uri)}>
                  <span className="source-title">{src.title || hostOf(src.uri)}</span>
                  <ExternalIcon />
                </a>
              ) : (
                <span className="source-title" data-testid="grounding-source">
                  {src.title || src.uri}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {webQueries.length > 0 && (
        <div className="grounding-queries" data-testid="grounding-queries">
          <span className="muted">Searched for</span>
          {webQueries.map((q) => (
            <span key={q} className="query-chip">
              <SearchIcon size={12} />
              {q}
            </span>
          ))}
        </div>
      )}
      {grounding.imageQueries.length > 0 && (
        <div className="grounding-queries" data-testid="grounding-image-queries">
          <span className="muted">Searched Google Images for</span>
          {grounding.imageQueries.map((q) => (
            <span key={q} className="query-chip">
              <SearchIcon size={12} />
              {q}
            </span>
          ))}
        </div>
      )}
      {grounding.entryPointUrl && (
        // Google's suggestion chip is its own HTML, served by main with its own CSP. The sandbox
        // gives it no scripts and no origin — only links that open outside, which main routes.
        <iframe
          className="grounding-entry"
          data-testid="grounding-entry"
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          src={grounding.entryPointUrl}
          title="Google Search suggestions"
          referrerPolicy="no-referrer"
          loading="lazy"
        />
      )}
      <InlineError message={openError} />
    </section>
  );
}

function referencesText(refs: GenerationDetail['params']['references']): string {
  if (refs.length === 0) return 'None';
  const people = refs.filter((r) => r.kind === 'person').length;
  const objects = refs.length - people;
  const parts = [objects ? `${objects} ${objects === 1 ? 'object' : 'objects'}` : null, people ? `${people} ${people === 1 ? 'person' : 'people'}` : null];
  return `${refs.length} — ${parts.filter(Boolean).join(', ')}`;
}

function Params({ gen, pixels }: { gen: GenerationDetail | null; pixels: string | null }) {
  if (!gen) return <dd data-testid="detail-params">{pixels}</dd>;
  const p = gen.params;
  const rows: [string, ReactNode][] = [
    ['Aspect ratio', <>{p.aspectRatio ?? 'Auto'}{pixels && <span className="muted"> · {pixels}</span>}</>],
    ['Size', p.imageSize ?? 'Model default'],
    ['Output', MODALITY_LABELS[p.modalities]],
    ['Search grounding', p.imageSearch ? 'Web and images' : p.grounding ? 'Web' : 'Off'],
    ['Thinking level', p.thinkingLevel ? p.thinkingLevel[0]!.toUpperCase() + p.thinkingLevel.slice(1) : 'Model default'],
    ['Thinking shown', p.includeThoughts ? 'On' : 'Off'],
    ['References', referencesText(p.references)],
    // Named as the request named them: a deleted Element is still what this was made with.
    ...(p.elements?.length ? [['Elements', <span data-testid="detail-elements">{p.elements.map((e) => `@${e.name}`).join(', ')}</span>] as [string, ReactNode]] : []),
  ];
  return (
    <dd data-testid="detail-params">
      <dl className="param-grid">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </dd>
  );
}

/** Pass what is known: a chat turn has only the generation, an imported file only the asset. */
export function GenerationFacts({ generation: gen, asset = null }: { generation: GenerationDetail | null; asset?: AssetDetail | null }) {
  const prompt = gen?.prompt ?? asset?.prompt ?? null;
  const pixels = asset ? pixelsText(asset.width, asset.height) : null;
  const created = gen?.createdAt ?? asset?.createdAt;
  return (
    <dl className="detail-fields">
      <dt>Prompt</dt>
      <dd className="detail-prompt" data-testid="detail-prompt">
        {prompt ?? <span className="muted">No prompt ({asset?.source ?? 'unknown'})</span>}
      </dd>

      <dt>Model</dt>
      <dd data-testid="detail-model">
        {gen ? (
          <>
            <span className="mono">{gen.modelId}</span> <span className="pill">{TIER_LABELS[gen.tier]}</span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </dd>

      <dt>Parameters</dt>
      <Params gen={gen} pixels={pixels} />

      {gen?.text != null && gen.text.trim() !== '' && (
        <>
          <dt>Returned text</dt>
          <dd className="detail-text" data-testid="detail-text">
            <BoundedText text={gen.text} />
          </dd>
        </>
      )}

      {gen && (gen.thoughts.text.length > 0 || gen.thoughts.imageUrls.length > 0) && (
        <>
          <dt className="sr-only">Thinking</dt>
          <dd className="detail-block">
            <Thoughts gen={gen} />
          </dd>
        </>
      )}

      {gen?.grounding && (
        <>
          <dt>Grounded with Google Search</dt>
          <dd className="detail-block">
            <Grounding grounding={gen.grounding} generationId={gen.id} />
          </dd>
        </>
      )}

      {gen && (
        <>
          <dt>Tokens</dt>
          <dd data-testid="detail-tokens">
            {formatCount(gen.usage.promptTokens)} prompt · {formatCount(gen.usage.outputTokens)} output ·{' '}
            {formatCount(gen.usage.thoughtTokens)} thinking
          </dd>

          <dt>Cost</dt>
          <dd data-testid="detail-cost" title="Estimated from the tokens Gemini reported, at standard prices">
            ≈ {formatUsdCompact(gen.costUsd)}
          </dd>

          <dt>Duration</dt>
          <dd data-testid="detail-duration">{formatDuration(gen.durationMs)}</dd>
        </>
      )}

      {created !== undefined && (
        <>
          <dt>Created</dt>
          <dd data-testid="detail-created">{formatDateTime(created)}</dd>
        </>
      )}

      {asset && (
        <>
          <dt>Content credentials</dt>
          <dd className="detail-block">
            <ContentCredentialsFacts credentials={asset.credentials} declaredByProvider={gen !== null && asset.source !== 'imported'} />
          </dd>
        </>
      )}

      {asset && (
        <>
          <dt>File</dt>
          <dd>
            {asset.mime.replace(/^image\//, '').toUpperCase()} · {formatBytes(asset.bytes)}
          </dd>
        </>
      )}
    </dl>
  );
}

/** The facts of a result side by side with others (a comparison): one row each, any of them hideable. */
export interface Facts {
  modelId: string | null;
  width: number | null;
  height: number | null;
  firstProgressMs?: number | null;
  finalMs: number | null;
  tokens: { prompt: number; output: number; thinking: number } | null;
  costUsd: number | null;
  /** The result's content credentials, where the comparison has read its asset. */
  credentials?: AssetDetail['credentials'];
}

export function CompactFacts({
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
    ['size', 'Pixels', hide.size ? 'hidden' : facts.width ? pixelsText(facts.width, facts.height ?? 0) : dash],
    ['first', 'First progress', hide.timings ? 'hidden' : facts.firstProgressMs != null ? formatDuration(facts.firstProgressMs) : dash],
    ['final', 'Final image', hide.timings ? 'hidden' : facts.finalMs != null ? formatDuration(facts.finalMs) : dash],
    ['tokens', 'Tokens p / o / t', hide.numbers ? 'hidden' : facts.tokens ? tokensShort(facts.tokens) : dash],
    ['cost', 'Cost', hide.numbers ? 'hidden' : facts.costUsd != null ? formatUsdPrecise(facts.costUsd) : dash],
  ];
  if (facts.credentials !== undefined) rows.push(['credentials', 'Content credentials', hide.model ? 'hidden until you vote' : credentialsLine(facts.credentials)]);
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

import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AssetDetail as AssetDetailData, GenerationDetail } from '../../../../shared/ipc/contract';
import { TIER_LABELS } from '../../../../shared/models';
import { BoundedText } from '../../lib/BoundedText';
import { excerptOf } from '../../lib/safeText';
import { call } from '../../lib/bridge';
import { MODALITY_LABELS, errorText, formatBytes, formatCount, formatDateTime, formatDuration, formatUsdCompact } from '../../lib/format';
import {
  AlertIcon,
  CheckIcon,
  CloseIcon,
  CopyIcon,
  EditIcon,
  ExportIcon,
  ExternalIcon,
  FolderIcon,
  ImageIcon,
  OpenIcon,
  RestoreIcon,
  ReuseIcon,
  SearchIcon,
  TextIcon,
  ThoughtIcon,
  TrashIcon,
} from '../../lib/icons';
import { useGenerateStore } from '../generate/store';
import { useOnboardingStore } from '../../lib/onboarding';
import { Collections, Lineage, RatingRow, Tags } from './DetailOrganise';
import { focusTile } from './LibraryGrid';
import { ASSET_DRAG_TYPE, useLibraryStore } from './store';
import { useHandoff } from '../../lib/handoff';

/** After "Reuse settings" or "Edit this" the prompt is where the user goes next. */
function focusPrompt() {
  const input = document.querySelector<HTMLTextAreaElement>('[data-testid="prompt-input"]');
  input?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  input?.focus();
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
    const res = await call('app.openExternal', { url, generationId });
    if (!res.ok) setOpenError(errorText(res));
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
      {openError && (
        <p className="inline-error" role="alert">
          <AlertIcon />
          <span>{openError}</span>
        </p>
      )}
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

function Fields({ gen, asset }: { gen: GenerationDetail | null; asset: AssetDetailData | null }) {
  const prompt = gen?.prompt ?? asset?.prompt ?? null;
  const pixels = asset ? `${asset.width}×${asset.height}` : null;
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
          <dt>File</dt>
          <dd>
            {asset.mime.replace(/^image\//, '').toUpperCase()} · {formatBytes(asset.bytes)}
          </dd>
        </>
      )}
    </dl>
  );
}

function Actions({ gen, asset }: { gen: GenerationDetail | null; asset: AssetDetailData | null }) {
  const assetId = asset?.id ?? null;
  const { reuse, addReferences, isReference } = useGenerateStore(
    useShallow((s) => ({ reuse: s.reuse, addReferences: s.addReferences, isReference: assetId !== null && s.references.some((r) => r.assetId === assetId) })),
  );
  if (!gen && !assetId) return null;
  const trashed = asset?.trashedAt != null;
  return (
    <div className="detail-actions">
      {assetId && !trashed && (
        <button
          type="button"
          className="btn btn-primary btn-sm"
          data-testid="detail-edit"
          title="Use this image as the reference of a new prompt"
          onClick={() => {
            if (!isReference) addReferences([{ assetId }]);
            focusPrompt();
          }}
        >
          <EditIcon />
          Edit this
        </button>
      )}
      {assetId && !trashed && (
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          data-testid="detail-canvas"
          title="Open this image on the edit canvas to mark a region, crop or expand it"
          onClick={() => useHandoff.getState().editAsset(assetId)}
        >
          <EditIcon />
          Mark &amp; edit
        </button>
      )}
      {gen && (
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          data-testid="detail-reuse"
          title="Put this prompt and its settings in the generate panel"
          onClick={() => {
            reuse(gen);
            focusPrompt();
          }}
        >
          <ReuseIcon />
          Reuse settings
        </button>
      )}
      {assetId && (
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          data-testid="detail-use-reference"
          disabled={isReference}
          onClick={() => addReferences([{ assetId }])}
        >
          {isReference ? <CheckIcon /> : <ImageIcon size={14} />}
          {isReference ? 'In references' : 'Use as reference'}
        </button>
      )}
    </div>
  );
}

/** What the desktop can do with the file: open, show, copy, export, and the trash. */
function FileTools({ asset }: { asset: AssetDetailData }) {
  const { openImage, revealImage, copyImage, exportAssets, trash, restore } = useLibraryStore(
    useShallow((s) => ({ openImage: s.openImage, revealImage: s.revealImage, copyImage: s.copyImage, exportAssets: s.exportAssets, trash: s.trash, restore: s.restore })),
  );
  const trashed = asset.trashedAt !== null;
  const tools = [
    { testId: 'detail-open', label: 'Open in viewer', icon: <OpenIcon />, run: () => void openImage(asset.id) },
    { testId: 'detail-reveal', label: 'Show in folder', icon: <FolderIcon />, run: () => void revealImage(asset.id) },
    { testId: 'detail-copy', label: 'Copy image', icon: <CopyIcon />, run: () => void copyImage(asset.id) },
    { testId: 'detail-export', label: 'Export…', icon: <ExportIcon />, run: () => void exportAssets([asset.id]) },
  ];
  return (
    <div className="detail-tools" role="group" aria-label="File">
      {tools.map((t) => (
        <button key={t.testId} type="button" className="btn btn-icon btn-sm" data-testid={t.testId} aria-label={t.label} title={t.label} onClick={t.run}>
          {t.icon}
        </button>
      ))}
      <span className="spacer" />
      {trashed ? (
        <button type="button" className="btn btn-secondary btn-sm" data-testid="detail-restore" onClick={() => void restore([asset.id])}>
          <RestoreIcon />
          Restore
        </button>
      ) : (
        <button type="button" className="btn btn-icon btn-sm detail-trash" data-testid="detail-trash" aria-label="Move to trash" title="Move to trash (Delete)" onClick={() => void trash([asset.id])}>
          <TrashIcon />
        </button>
      )}
    </div>
  );
}

function DetailImage({ id, alt }: { id: string; alt: string }) {
  return (
    <div className="detail-image">
      <img
        data-testid="detail-image"
        src={`/assets/${id}`}
        alt={alt}
        draggable
        title="Drag onto the reference tray, or out to another app"
        onDragStart={(e) => {
          e.dataTransfer.setData(ASSET_DRAG_TYPE, id);
          e.dataTransfer.effectAllowed = 'copy';
          // In Electron the file itself goes with the drag, so other apps and the desktop take it.
          if (window.atelier?.pathForFile) void call('library.startDrag', { ids: [id] });
        }}
      />
    </div>
  );
}

function TrashNotice({ asset }: { asset: AssetDetailData }) {
  if (asset.trashedAt === null) return null;
  return (
    <p className="detail-trashed" data-testid="detail-trashed">
      <TrashIcon />
      <span>In the trash since {formatDateTime(asset.trashedAt)}.</span>
    </p>
  );
}

export function AssetDetail() {
  const { selectedId, generationId, detail, detailError, closeDetail, generation, generationError } = useLibraryStore(
    useShallow((s) => ({
      selectedId: s.selectedId,
      generationId: s.generationId,
      detail: s.detail,
      detailError: s.detailError,
      closeDetail: s.closeDetail,
      generation: s.generationId ? s.generations[s.generationId] : undefined,
      generationError: s.generationId ? s.generationErrors[s.generationId] : undefined,
    })),
  );
  const open = selectedId !== null || generationId !== null;

  useEffect(() => {
    if (!open) return;
    const id = selectedId;
    function onKey(e: globalThis.KeyboardEvent) {
      // Escape belongs to the key dialog while it is open.
      if (e.key !== 'Escape' || e.defaultPrevented || useOnboardingStore.getState().dialogOpen) return;
      closeDetail();
      if (id) focusTile(id);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, selectedId, closeDetail]);

  if (!open) return null;

  const isAsset = selectedId !== null;
  const gen = isAsset ? (detail?.generation ?? null) : (generation ?? null);
  const error = isAsset ? detailError : (generationError ?? null);
  const loaded = isAsset ? detail !== null : generation !== undefined;
  const alt = detail?.prompt ?? detail?.name ?? 'Image';
  const asset = isAsset && detail?.id === selectedId ? detail : null;

  return (
    <aside
      className="detail"
      data-testid={isAsset ? 'asset-detail' : 'generation-detail'}
      aria-label={isAsset ? 'Image details' : 'Answer details'}
    >
      <header className="detail-header">
        <h2 className="section-title">{isAsset ? 'Details' : 'Answer'}</h2>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-icon"
          data-testid="detail-close"
          aria-label="Close details"
          title="Close (Esc)"
          onClick={() => {
            closeDetail();
            if (selectedId) focusTile(selectedId);
          }}
        >
          <CloseIcon />
        </button>
      </header>
      <div className="detail-scroll">
        {isAsset ? (
          <DetailImage id={selectedId} alt={alt} />
        ) : (
          <div className="detail-textonly" data-testid="detail-text-only">
            <TextIcon size={18} />
            <span>Gemini answered in words, without an image.</span>
          </div>
        )}
        {error ? (
          <p className="inline-error" role="alert">
            <AlertIcon />
            <span>{error}</span>
          </p>
        ) : loaded ? (
          <>
            {asset && (
              <div className="detail-organise">
                <RatingRow asset={asset} />
                <TrashNotice asset={asset} />
                <FileTools asset={asset} />
              </div>
            )}
            <Actions gen={gen} asset={asset} />
            {asset && (
              <div className="detail-labels">
                <Tags asset={asset} />
                <Collections asset={asset} />
              </div>
            )}
            {asset && <Lineage asset={asset} />}
            <Fields gen={gen} asset={asset} />
          </>
        ) : (
          <p className="muted detail-loading">Loading details…</p>
        )}
      </div>
    </aside>
  );
}

import { assetUrl } from '../../../../shared/urls';
import { useEffect, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AssetDetail as AssetDetailData, GenerationDetail } from '../../../../shared/ipc/contract';
import { dragOutToDesktop } from '../../lib/bridge';
import { formatDateTime } from '../../lib/format';
import { GenerationFacts } from '../../lib/GenerationFacts';
import { SimilarImages } from '../../lib/SimilarImages';
import {
  AlertIcon,
  ChatIcon,
  CheckIcon,
  CloseIcon,
  CopyIcon,
  EditIcon,
  ExportIcon,
  FolderIcon,
  ImageIcon,
  OpenIcon,
  RestoreIcon,
  ReuseIcon,
  TextIcon,
  TrashIcon,
} from '../../lib/icons';
import { useKeyStatus } from '../../lib/keyStatus';
import { Collections, Lineage, RatingRow, Tags } from './DetailOrganise';
import { CompositeNote } from './CompositeNote';
import { focusTile, viewerSpan } from './LibraryGrid';
import { ASSET_DRAG_TYPE, indexOfAsset, useLibraryStore } from './store';
import { useHandoff } from '../../lib/handoff';
import { intents, useStudioReferences } from '../../lib/intents';

function Actions({ gen, asset }: { gen: GenerationDetail | null; asset: AssetDetailData | null }) {
  const assetId = asset?.id ?? null;
  const studioReferences = useStudioReferences();
  const isReference = assetId !== null && studioReferences.has(assetId);
  if (!gen && !assetId) return null;
  const trashed = asset?.trashedAt != null;
  return (
    <div className="detail-actions">
      {assetId && !trashed && (
        <button
          type="button"
          className="btn btn-primary btn-sm"
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
          title="Put this prompt and every setting of its request in the studio: model, ratio, size, thinking, search, tier and references"
          onClick={() => intents.reuse(gen)}
        >
          <ReuseIcon />
          Recall every setting
        </button>
      )}
      {assetId && !trashed && (
        <button type="button" className="btn btn-secondary btn-sm" data-testid="detail-start-chat" title="Refine this picture in a new chat" onClick={() => intents.startChat(assetId)}>
          <ChatIcon size={14} />
          Start a chat
        </button>
      )}
      {assetId && (
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          data-testid="detail-use-reference"
          disabled={isReference}
          onClick={() => intents.addReferences([assetId])}
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
  const [embed, setEmbed] = useState(false);
  const signed = asset.credentials != null && asset.credentials.state !== 'none';
  const tools = [
    { testId: 'detail-open', label: 'Open in the system viewer', icon: <OpenIcon />, run: () => void openImage(asset.id) },
    { testId: 'detail-reveal', label: 'Show in folder', icon: <FolderIcon />, run: () => void revealImage(asset.id) },
    { testId: 'detail-copy', label: 'Copy image', icon: <CopyIcon />, run: () => void copyImage(asset.id) },
    { testId: 'detail-export', label: 'Export…', icon: <ExportIcon />, run: () => void exportAssets([asset.id], { embedMetadata: signed && embed }) },
  ];
  return (
    <div className="detail-tools" role="group" aria-label="File">
      {tools.map((t) => (
        <button key={t.testId} type="button" className="btn btn-icon btn-sm" data-testid={t.testId} aria-label={t.label} title={t.label} onClick={t.run}>
          {t.icon}
        </button>
      ))}
      {signed && (
        <label className="detail-embed" title="Off: the file is exported exactly as received, and Atelier’s details go into an .xmp file beside it.">
          <input type="checkbox" data-testid="detail-export-embed" checked={embed} onChange={(e) => setEmbed(e.target.checked)} />
          Embed Atelier’s metadata (removes the content credentials)
        </label>
      )}
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

/** The image in the viewer, with the loaded neighbours to step through. */
function viewFromDetail(id: string) {
  const { pages, count } = useLibraryStore.getState();
  const index = indexOfAsset(pages, id);
  if (index < 0) return intents.openViewer([id], 0);
  const { ids, at } = viewerSpan(pages, index, count);
  intents.openViewer(ids, at);
}

function DetailImage({ id, alt }: { id: string; alt: string }) {
  return (
    <div className="detail-image">
      <button type="button" className="btn btn-secondary btn-sm detail-view" data-testid="detail-view" title="View full size (Space)" onClick={() => viewFromDetail(id)}>
        <OpenIcon />
        View
      </button>
      <img
        onDoubleClick={() => viewFromDetail(id)}
        data-testid="detail-image"
        src={assetUrl(id)}
        alt={alt}
        draggable
        title="Drag onto the reference tray, or out to another app"
        onDragStart={(e) => {
          // In Electron the file itself goes with the drag, so other apps and the desktop take it
          // (and the reference tray too, as a file of the library's own).
          if (dragOutToDesktop(e, [id])) return;
          e.dataTransfer.setData(ASSET_DRAG_TYPE, id);
          e.dataTransfer.effectAllowed = 'copy';
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

/** `wide`: the library page's side panel, with a larger image. */
/** "Similar" in the detail panel: asked for only when opened, as it reads the whole index. */
function DetailSimilar({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="detail-similar" data-testid="detail-similar" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Similar images</summary>
      {open && <SimilarImages assetId={id} onOpen={(ids, index) => intents.openViewer(ids, index)} testId="detail-similar-list" />}
    </details>
  );
}

export function AssetDetail({ wide = false, aboutAsset }: { wide?: boolean; aboutAsset?: (assetId: string) => ReactNode }) {
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
      if (e.key !== 'Escape' || e.defaultPrevented || useKeyStatus.getState().dialogOpen) return;
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
      className={`detail${wide ? ' is-wide' : ''}`}
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
            {asset && <CompositeNote asset={asset} />}
            {asset && <DetailSimilar key={asset.id} id={asset.id} />}
            {asset && aboutAsset?.(asset.id)}
            <GenerationFacts generation={gen} asset={asset} />
          </>
        ) : (
          <p className="muted detail-loading">Loading details…</p>
        )}
      </div>
    </aside>
  );
}

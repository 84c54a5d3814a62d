import { useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { referenceKey } from '../../../../shared/domain/referenceKey';
import { checkRequest } from '../../../../shared/models/checkRequest';
import { droppedFiles } from '../../lib/files';
import { AlertIcon, CloseIcon, ImageIcon, ObjectIcon, PersonIcon, PlusIcon } from '../../lib/icons';
import { ASSET_DRAG_TYPE } from '../../lib/files';
import { useCapabilities, useGenerateStore, type ReferenceItem } from './store';

/** What main accepts; the picker offers these, a drop may bring anything and main says why not. */
const ACCEPT = 'image/png,image/jpeg,image/webp,image/heic,image/heif';

function carriesSomething(e: DragEvent): boolean {
  const types = e.dataTransfer.types;
  return types.includes('Files') || types.includes(ASSET_DRAG_TYPE);
}

function Reference({ item, index }: { item: ReferenceItem; index: number }) {
  const { setKind, remove } = useGenerateStore(useShallow((s) => ({ setKind: s.setReferenceKind, remove: s.removeReference })));
  const person = item.kind === 'person';
  const label = item.name ?? `Reference ${index + 1}`;
  const key = referenceKey(item);
  // A held photo is this request's own input, not (yet) a library image.
  const ids = 'assetId' in item ? { 'data-asset-id': item.assetId } : { 'data-held': item.heldSha256 };
  return (
    <li className={`reference-item${person ? ' is-person' : ''}`} data-testid="reference-item" {...ids} data-kind={item.kind} title={label}>
      <img src={item.previewUrl} alt={label} draggable={false} />
      <button
        type="button"
        className="reference-kind"
        data-testid="reference-kind"
        aria-label={`${label}: ${person ? 'a person' : 'an object'}. Mark as ${person ? 'an object' : 'a person'}.`}
        title={person ? 'Person — keeps their likeness. Click for Object.' : 'Object — keeps its look. Click for Person.'}
        onClick={() => setKind(key, person ? 'object' : 'person')}
      >
        {person ? <PersonIcon /> : <ObjectIcon />}
        {person ? 'Person' : 'Object'}
      </button>
      <button type="button" className="reference-remove" data-testid="reference-remove" aria-label={`Remove ${label}`} onClick={() => remove(key)}>
        <CloseIcon />
      </button>
    </li>
  );
}

export function ReferenceTray() {
  const { references, referenceErrors, importing, importReferences, addReferences } = useGenerateStore(
    useShallow((s) => ({
      references: s.references,
      referenceErrors: s.referenceErrors,
      importing: s.importing,
      importReferences: s.importReferences,
      addReferences: s.addReferences,
    })),
  );
  const caps = useCapabilities();
  const fileInput = useRef<HTMLInputElement>(null);
  // dragenter/dragleave fire for every child crossed; count them so the highlight does not flicker.
  const depth = useRef(0);
  const [over, setOver] = useState(false);

  // After a switch to a model that takes fewer, the tray can hold more than it may send.
  const standing = checkRequest(caps, { references });
  const lines = standing && !referenceErrors.includes(standing) ? [...referenceErrors, standing] : referenceErrors;
  const max = caps.maxReferenceImages;
  const full = references.length >= max;
  const overLimit = references.length > max;

  function onDrop(e: DragEvent) {
    e.preventDefault();
    depth.current = 0;
    setOver(false);
    const assetId = e.dataTransfer.getData(ASSET_DRAG_TYPE);
    if (assetId) {
      addReferences([{ assetId }]);
      return;
    }
    void importReferences(droppedFiles(e.dataTransfer));
  }

  return (
    <div className="reference-tray" data-testid="reference-tray">
      <div
        className={`reference-drop${over ? ' is-over' : ''}${references.length === 0 ? ' is-empty' : ''}`}
        data-testid="reference-drop"
        onDragEnter={(e) => {
          if (!carriesSomething(e)) return;
          e.preventDefault();
          depth.current += 1;
          setOver(true);
        }}
        onDragOver={(e) => {
          if (!carriesSomething(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={() => {
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setOver(false);
        }}
        onDrop={onDrop}
      >
        {references.length > 0 && (
          <ul className="reference-list" aria-label="Reference images">
            {references.map((item, i) => (
              <Reference key={referenceKey(item)} item={item} index={i} />
            ))}
          </ul>
        )}
        {references.length === 0 ? (
          <p className="reference-hint">
            <ImageIcon size={16} />
            <span>
              {importing ? 'Adding images…' : over ? 'Drop to add as references' : 'Reference images — drop them here, paste, or'}
            </span>
            {!importing && !over && (
              <button type="button" className="btn btn-link reference-add-link" data-testid="reference-add" onClick={() => fileInput.current?.click()}>
                choose files
              </button>
            )}
          </p>
        ) : (
          <button
            type="button"
            className="reference-add-tile"
            data-testid="reference-add"
            disabled={full || importing}
            title={full ? `${caps.id} takes at most ${max} reference images.` : 'Add images'}
            onClick={() => fileInput.current?.click()}
          >
            {importing ? <span className="spinner" aria-hidden="true" /> : <PlusIcon size={16} />}
            <span>{importing ? 'Adding…' : 'Add images'}</span>
          </button>
        )}
        <span className="spacer" />
        <span
          className={`reference-count${overLimit ? ' is-over' : ''}`}
          data-testid="reference-count"
          title={`${caps.id} takes up to ${max} reference images: ${caps.maxReferencesOfKind.object} objects and ${caps.maxReferencesOfKind.person} people.`}
        >
          {references.length} / {max}
        </span>
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPT}
          multiple
          hidden
          data-testid="reference-file-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void importReferences(files);
          }}
        />
      </div>
      {lines.length > 0 && (
        <div className="inline-error reference-error" role="alert" data-testid="reference-error">
          <AlertIcon />
          <div>
            {lines.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
          <button type="button" className="btn btn-icon" aria-label="Dismiss" onClick={() => useGenerateStore.getState().clearReferenceErrors()}>
            <CloseIcon />
          </button>
        </div>
      )}
    </div>
  );
}

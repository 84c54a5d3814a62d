/**
 * Editing an existing Element in its card: its name, kind and description, and its images — add
 * by dropping photos (imported first, as any drop into the library is) or from the library's
 * selection; take one out with its own button (the image stays in the library). The last image
 * stays: an Element without one could not be used, and main says so in words.
 */
import { useState, type DragEvent, type FormEvent } from 'react';
import { MAX_ELEMENT_IMAGES, type Element, type ElementKind } from '../../../../../shared/domain/elements';
import { thumbUrl } from '../../../../../shared/urls';
import { call } from '../../../lib/bridge';
import { useElements } from '../../../lib/elements';
import { droppedFiles, toImportFiles } from '../../../lib/files';
import { errorText } from '../../../lib/format';
import { CloseIcon } from '../../../lib/icons';
import { InlineError } from '../../../lib/InlineError';
import { useLibraryStore } from '../store';
import { KindAndDescription } from './KindAndDescription';

export function ElementEditor({ element, onDone }: { element: Element; onDone(): void }) {
  const selection = useLibraryStore((s) => s.selection);
  const { update, addImages, removeImage } = useElements.getState();
  const [name, setName] = useState(element.name);
  const [kind, setKind] = useState<ElementKind>(element.kind);
  const [description, setDescription] = useState(element.description);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const addable = [...selection].filter((id) => !element.assetIds.includes(id));

  async function run(work: () => Promise<string | null>, done?: string) {
    setBusy(true);
    const problem = await work();
    setBusy(false);
    setError(problem);
    setNote(problem ? null : (done ?? null));
    return problem;
  }

  async function save(e?: FormEvent) {
    e?.preventDefault();
    const patch = {
      ...(name.trim() !== element.name ? { name } : {}),
      ...(kind !== element.kind ? { kind } : {}),
      ...(description.trim() !== element.description ? { description } : {}),
    };
    if (Object.keys(patch).length === 0) return onDone();
    if ((await run(() => update({ id: element.id, ...patch }))) === null) onDone();
  }

  async function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const files = droppedFiles(e.dataTransfer);
    if (files.length === 0) return;
    await run(async () => {
      const res = await call('library.import', { files: await toImportFiles(files) });
      if (!res.ok) return `Could not bring the photos in: ${errorText(res)}`;
      return addImages(element.id, res.data.imported.map((a) => a.id));
    }, `Added ${files.length === 1 ? 'the photo' : `${files.length} photos`} to @${element.name}.`);
  }

  function cancel() {
    setName(element.name);
    setKind(element.kind);
    setDescription(element.description);
    onDone();
  }

  return (
    <div className="element-editor" data-testid="element-editor">
      <form className="element-editor-fields" onSubmit={(e) => void save(e)}>
        <label className="element-field">
          <span>Name</span>
          <input
            className="input"
            data-testid="element-rename-input"
            aria-label={`New name for ${element.name}`}
            value={name}
            maxLength={60}
            autoFocus
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                cancel();
              }
            }}
          />
        </label>
        <KindAndDescription kind={kind} onKind={setKind} description={description} onDescription={setDescription} testIds={{ kind: 'element-edit-kind', description: 'element-edit-description' }} />
        <div className="element-editor-buttons">
          <button type="button" className="btn btn-sm" data-testid="element-edit-cancel" onClick={cancel}>
            Close
          </button>
          <button type="submit" className="btn btn-sm btn-primary" data-testid="element-edit-save" disabled={busy}>
            Save
          </button>
        </div>
      </form>
      <ul className="element-editor-images" aria-label={`Images of @${element.name}`}>
        {element.assetIds.map((assetId, i) => (
          <li key={assetId} className="element-editor-image" data-testid="element-image" data-asset-id={assetId}>
            <img src={thumbUrl(assetId)} alt={`@${element.name}, image ${i + 1}`} />
            <button
              type="button"
              className="btn btn-sm element-image-remove"
              data-testid="element-image-remove"
              aria-label={`Remove image ${i + 1} from @${element.name} (it stays in the library)`}
              disabled={busy}
              onClick={() => void run(() => removeImage(element.id, assetId), `Image ${i + 1} is out of @${element.name}; it is still in the library.`)}
            >
              <CloseIcon size={12} />
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div
        className={`element-editor-add${dragging ? ' is-dragging' : ''}`}
        data-testid="element-add-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => void onDrop(e)}
      >
        <span className="muted">
          Drop photos here to add them ({element.assetIds.length} of {MAX_ELEMENT_IMAGES}), or
        </span>
        <button
          type="button"
          className="btn btn-sm"
          data-testid="element-add-selected"
          disabled={busy || addable.length === 0}
          onClick={() => void run(() => addImages(element.id, addable), `Added ${addable.length === 1 ? 'the selected image' : `${addable.length} selected images`} to @${element.name}.`)}
        >
          {addable.length === 0 ? 'Select images in the library to add' : `Add ${addable.length} selected`}
        </button>
      </div>
      <p className="element-editor-note" role="status" data-testid="element-edit-note">
        {note ?? ''}
      </p>
      <InlineError message={error} testId="element-card-error" />
    </div>
  );
}

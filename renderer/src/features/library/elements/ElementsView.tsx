/**
 * The library's Elements: each named person, object or style with its images, and a form that
 * makes one from the selected library images or from photos dropped on it (imported first, as
 * any drop into the library is). Each card opens its editor (ElementEditor); delete keeps the
 * images and the results.
 */
import { useState, type DragEvent, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { type Element, type ElementKind } from '../../../../../shared/domain/elements';
import { thumbUrl } from '../../../../../shared/urls';
import { call } from '../../../lib/bridge';
import { ELEMENT_KIND_WORDS, ElementKindIcon } from '../../../lib/ElementPicker';
import { useElements } from '../../../lib/elements';
import { droppedFiles, toImportFiles } from '../../../lib/files';
import { errorText } from '../../../lib/format';
import { EditIcon, SearchIcon, TrashIcon } from '../../../lib/icons';
import { InlineError } from '../../../lib/InlineError';
import { useLibraryStore } from '../store';
import { KindAndDescription } from './KindAndDescription';
import { useElementsView } from './store';
import { ElementEditor } from './ElementEditor';
import './elements.css';

function NewElement() {
  const selection = useLibraryStore((s) => s.selection);
  const create = useElements((s) => s.create);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ElementKind>('person');
  const [description, setDescription] = useState('');
  const [dropped, setDropped] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const assetIds = [...new Set([...selection, ...dropped])];

  async function onDrop(e: DragEvent) {
    e.preventDefault();
    const files = droppedFiles(e.dataTransfer);
    if (files.length === 0) return;
    setBusy(true);
    const res = await call('library.import', { files: await toImportFiles(files) });
    setBusy(false);
    if (!res.ok) return setError(`Could not bring the photos in: ${errorText(res)}`);
    setDropped((d) => [...d, ...res.data.imported.map((a) => a.id)]);
    setError(null);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError('Give the Element a name.');
    if (assetIds.length === 0) return setError('Select images in the library first, or drop photos here.');
    setBusy(true);
    const made = await create({ name, kind, description, assetIds });
    setBusy(false);
    if (!made) return setError(useElements.getState().error);
    setName('');
    setDescription('');
    setDropped([]);
    setError(null);
  }

  return (
    <form className="element-new" data-testid="element-new" aria-labelledby="element-new-title" onSubmit={(e) => void onSubmit(e)} onDragOver={(e) => e.preventDefault()} onDrop={(e) => void onDrop(e)}>
      <h3 id="element-new-title" className="element-new-title">
        New Element
      </h3>
      <label className="element-field">
        <span>Name</span>
        <input className="input" data-testid="element-name" value={name} maxLength={60} placeholder="e.g. Anna" onChange={(e) => setName(e.target.value)} />
      </label>
      <KindAndDescription kind={kind} onKind={setKind} description={description} onDescription={setDescription} testIds={{ kind: 'element-kind', description: 'element-description' }} />
      <div className="element-new-images" data-testid="element-new-images">
        {assetIds.length === 0 ? (
          <span className="muted">Select images in the library, or drop photos here.</span>
        ) : (
          <>
            <span>
              {assetIds.length} image{assetIds.length === 1 ? '' : 's'}
            </span>
            {assetIds.slice(0, 6).map((id) => (
              <img key={id} src={thumbUrl(id)} alt="" />
            ))}
          </>
        )}
      </div>
      <button type="submit" className="btn btn-primary" data-testid="element-create" disabled={busy}>
        Create Element
      </button>
      <InlineError message={error} testId="element-new-error" />
    </form>
  );
}

function ElementCard({ element }: { element: Element }) {
  const remove = useElements((s) => s.remove);
  const setFilters = useLibraryStore((s) => s.setFilters);
  const close = useElementsView((s) => s.setOpen);
  const [editing, setEditing] = useState(false);

  return (
    <li className={`element-card${editing ? ' is-editing' : ''}`} data-testid="element-card" data-element-id={element.id}>
      {element.coverUrl ? <img className="element-cover" src={element.coverUrl} alt={`${element.name}, first image`} /> : <span className="element-cover" />}
      <div className="element-card-body">
        <h3 className="element-card-name">@{element.name}</h3>
        <p className="element-card-meta">
          <ElementKindIcon kind={element.kind} /> {ELEMENT_KIND_WORDS[element.kind]} · {element.assetIds.length} image{element.assetIds.length === 1 ? '' : 's'}
        </p>
        {element.description && <p className="element-card-description">{element.description}</p>}
      </div>
      <div className="element-card-actions">
        <button
          type="button"
          className="btn btn-sm"
          data-testid="element-results"
          onClick={() => {
            setFilters({ elementId: element.id });
            close(false);
          }}
        >
          <SearchIcon />
          Results
        </button>
        <button
          type="button"
          className="btn btn-icon btn-sm"
          data-testid="element-rename"
          aria-label={`Edit @${element.name}: name, kind, description and images`}
          aria-expanded={editing}
          title="Edit"
          onClick={() => setEditing((on) => !on)}
        >
          <EditIcon />
        </button>
        <button type="button" className="btn btn-icon btn-sm" data-testid="element-delete" aria-label={`Delete @${element.name} (its images stay in the library)`} title="Delete (its images stay)" onClick={() => void remove(element.id)}>
          <TrashIcon />
        </button>
      </div>
      {editing && <ElementEditor element={element} onDone={() => setEditing(false)} />}
    </li>
  );
}

export function ElementsView() {
  const { elements, loaded } = useElements(useShallow((s) => ({ elements: s.elements, loaded: s.loaded })));
  return (
    <div className="elements-view" data-testid="elements-view">
      <p className="muted elements-intro">People, objects and styles you use again. Type @ and a name in a prompt to add one’s images as references.</p>
      <NewElement />
      {loaded && elements.length === 0 ? (
        <p className="muted" data-testid="elements-empty">
          No Elements yet.
        </p>
      ) : (
        <ul className="element-list" aria-label="Elements" data-testid="element-list">
          {elements.map((e) => (
            <ElementCard key={e.id} element={e} />
          ))}
        </ul>
      )}
    </div>
  );
}

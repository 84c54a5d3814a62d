/**
 * The dock's "Prompts": save the prompt with every setting under a name and tags, find saved
 * prompts and earlier ones by words, and put either back in the studio. A saved prompt recalls
 * every setting (./recall.ts); a history line brings back only its words.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SavedPrompt } from '../../../../shared/ipc/contract';
import { InlineError } from '../../lib/InlineError';
import { NameInput } from '../../lib/NameInput';
import { EditIcon, TextIcon, TrashIcon } from '../../lib/icons';
import { catalog } from '../../lib/models';
import { optionChips } from './optionChips';
import { usePromptLibrary } from './promptLibraryStore';
import { choicesOf, requestOf } from './recall';
import { requestReference, useGenerateStore } from './store';

/** A saved prompt's name changed in place: Enter renames, Escape keeps the old one, an empty name is not sent. */
function RenamePrompt({ p, onDone }: { p: SavedPrompt; onDone: () => void }) {
  const rename = usePromptLibrary((s) => s.rename);
  return (
    <NameInput
      className="saved-prompt-rename"
      initial={p.name}
      placeholder={`New name for “${p.name}”`}
      testId="saved-prompt-rename-input"
      saveTestId="saved-prompt-rename-save"
      saveLabel="Rename"
      onSave={async (name) => {
        if (name === p.name || (await rename(p.id, name))) onDone();
      }}
      onCancel={onDone}
    />
  );
}

function chipsOf(p: SavedPrompt): string[] {
  const r = p.request;
  const pinned = r.modelId ? (catalog()?.models.find((m) => m.id === r.modelId)?.displayName ?? r.modelId) : null;
  return optionChips({
    ...choicesOf(r, catalog()),
    pinnedModel: pinned,
    referenceCount: r.references.length,
  });
}

/** The studio's request as a saved prompt keeps it; photos held for one request only are left out. */
function currentRequest() {
  const s = useGenerateStore.getState();
  const kept = s.references.filter((r) => !('heldSha256' in r));
  return { request: requestOf({ ...s, references: kept.map(requestReference) }), droppedHeld: s.references.length - kept.length };
}

export function PromptLibrary() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const { text, saved, history, error, search, save, remove } = usePromptLibrary();
  const [renaming, setRenaming] = useState<string | null>(null);
  const panelId = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    void search(usePromptLibrary.getState().text);
    const onDown = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open, search]);

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  async function onSave(e: FormEvent) {
    e.preventDefault();
    const { request, droppedHeld } = currentRequest();
    if (request.prompt.trim() === '') return setFormError('Write a prompt first, then save it.');
    const ok = await save(name.trim() || request.prompt.trim().slice(0, 60), tags, request);
    if (!ok) return setFormError(null);
    setFormError(null);
    setName('');
    setTags('');
    setNote(droppedHeld > 0 ? 'Saved. Photos dropped in for one request are not kept with a saved prompt; library images are.' : 'Saved with every setting.');
  }

  function use(p: SavedPrompt) {
    useGenerateStore.getState().recall(choicesOf(p.request, catalog()));
    close();
  }

  function insert(prompt: string) {
    const s = useGenerateStore.getState();
    s.setPrompt(prompt);
    s.requestFocus();
    setOpen(false);
  }

  return (
    <div className="prompt-library" ref={wrap}>
      <button
        ref={button}
        type="button"
        className="btn btn-secondary btn-sm prompt-library-toggle"
        data-testid="prompts-toggle"
        aria-label="Prompts: saved prompts and history"
        aria-expanded={open}
        aria-controls={panelId}
        title="Saved prompts and the prompts you used before"
        onClick={() => setOpen((o) => !o)}
      >
        <TextIcon />
        <span className="prompt-library-word">Prompts</span>
      </button>
      <div
        id={panelId}
        className="prompt-library-panel panel"
        role="dialog"
        aria-label="Prompt library"
        data-testid="prompt-library"
        hidden={!open}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          close();
        }}
      >
        <form className="prompt-save" onSubmit={(e) => void onSave(e)} aria-label="Save this prompt">
          <label className="prompt-field">
            <span>Name</span>
            <input className="input" data-testid="prompt-save-name" value={name} maxLength={120} placeholder="The prompt’s first words" onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="prompt-field">
            <span>Tags</span>
            <input className="input" data-testid="prompt-save-tags" value={tags} placeholder="sea, night" onChange={(e) => setTags(e.target.value)} />
          </label>
          <button type="submit" className="btn btn-primary btn-sm" data-testid="prompt-save" title="Save the prompt with its model, ratio, size, thinking, search, tier and references">
            Save with every setting
          </button>
        </form>
        {note && !formError && (
          <p className="prompt-note" role="status" data-testid="prompt-save-note">
            {note}
          </p>
        )}
        <InlineError message={formError ?? error} testId="prompts-error" />
        <input
          type="search"
          className="input"
          data-testid="prompts-search"
          aria-label="Search saved prompts and history"
          placeholder="Search by name, tag or words"
          value={text}
          onChange={(e) => void search(e.target.value)}
        />
        <h3 className="prompt-heading">Saved</h3>
        {saved.length === 0 ? (
          <p className="prompt-empty">{text ? 'No saved prompt matches.' : 'Nothing saved yet.'}</p>
        ) : (
          <ul className="prompt-list" data-testid="saved-prompts">
            {saved.map((p) => (
              <li key={p.id} className="saved-prompt" data-testid="saved-prompt">
                {renaming === p.id ? (
                  <RenamePrompt p={p} onDone={() => setRenaming(null)} />
                ) : (
                  <button type="button" className="saved-prompt-use" data-testid="saved-prompt-use" title="Put this prompt and every setting in the studio" onClick={() => use(p)}>
                    <span className="saved-prompt-name">{p.name}</span>
                    <span className="saved-prompt-text">{p.request.prompt}</span>
                    <span className="dock-chips">
                      {chipsOf(p).map((c) => (
                        <span key={c} className="dock-chip">
                          {c}
                        </span>
                      ))}
                      {p.tags.map((t) => (
                        <span key={`#${t}`} className="dock-chip prompt-tag">
                          #{t}
                        </span>
                      ))}
                    </span>
                  </button>
                )}
                {renaming !== p.id && (
                  <button type="button" className="btn btn-icon btn-sm" data-testid="saved-prompt-rename" aria-label={`Rename “${p.name}”`} title="Rename this saved prompt" onClick={() => setRenaming(p.id)}>
                    <EditIcon />
                  </button>
                )}
                <button type="button" className="btn btn-icon btn-sm" data-testid="saved-prompt-delete" aria-label={`Delete “${p.name}”`} title="Delete this saved prompt" onClick={() => void remove(p.id)}>
                  <TrashIcon />
                </button>
              </li>
            ))}
          </ul>
        )}
        <h3 className="prompt-heading">History</h3>
        {history.length === 0 ? (
          <p className="prompt-empty">{text ? 'No earlier prompt matches.' : 'Prompts you generate with appear here.'}</p>
        ) : (
          <ul className="prompt-list" data-testid="prompt-history">
            {history.map((h) => (
              <li key={h.prompt}>
                <button type="button" className="history-prompt" data-testid="history-prompt" title="Put these words in the prompt box" onClick={() => insert(h.prompt)}>
                  {h.prompt}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/**
 * Typing `@` in a prompt offers the library's Elements: a listbox under the caret's word, driven
 * from the prompt box (↑ ↓ move, Enter or Tab chooses, Esc closes) so focus never leaves the
 * typing. The box keeps its textbox role and points at the active option with
 * aria-activedescendant, the listbox pattern ARIA allows on a textarea.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Element } from '../../../shared/ipc/contract';
import { matchingElements, mentionAt, useElements } from './elements';
import { CloseIcon, ObjectIcon, PersonIcon, SparkIcon } from './icons';
import './elementPicker.css';

const KIND_WORDS = { person: 'Person', object: 'Object', style: 'Style' } as const;

export function ElementKindIcon({ kind }: { kind: Element['kind'] }) {
  return kind === 'person' ? <PersonIcon size={14} /> : kind === 'object' ? <ObjectIcon size={14} /> : <SparkIcon />;
}

export interface ElementMention {
  /** Spread on the textarea. */
  inputProps: {
    'aria-autocomplete': 'list';
    'aria-controls': string | undefined;
    'aria-activedescendant': string | undefined;
    onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): void;
    onSelect(): void;
    onClick(): void;
    onFocus(): void;
    onBlur(): void;
  };
  /** Call from the prompt's onChange with the caret after the change. */
  noteCaret(caret: number | null): void;
  /** The listbox, or null when closed. */
  picker: React.ReactNode;
}

/**
 * `value`/`onChange` are the prompt's; `onChoose` hears the Element chosen after the prompt's
 * `@partial` became `@Name `.
 */
export function useElementMention(ref: RefObject<HTMLTextAreaElement | null>, value: string, onChange: (next: string) => void, onChoose: (element: Element) => void): ElementMention {
  const { elements, loaded, load } = useElements();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const listId = useId();
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  // Where the caret goes once the chosen name is in the box: placed in the same commit that writes
  // the value, before the next keystroke is handled (a later frame would pull the caret back from
  // under a fast typist).
  const caretAfterChoice = useRef<number | null>(null);
  useLayoutEffect(() => {
    const pos = caretAfterChoice.current;
    if (pos === null || !ref.current) return;
    caretAfterChoice.current = null;
    ref.current.setSelectionRange(pos, pos);
  }, [value, ref]);

  const mention = mentionAt(value, caret);
  const options = mention ? matchingElements(elements, mention.query) : [];
  const open = !!mention && options.length > 0 && dismissedAt !== mention.start;
  const current = open ? Math.min(active, options.length - 1) : -1;
  const optionId = (i: number) => `${listId}-opt-${i}`;

  function readCaret() {
    const el = ref.current;
    if (el) setCaret(el.selectionStart ?? el.value.length);
  }

  function choose(element: Element) {
    if (!mention) return;
    const after = value.slice(caret);
    const inserted = `@${element.name} `;
    const next = value.slice(0, mention.start) + inserted + (after.startsWith(' ') ? after.slice(1) : after);
    onChange(next);
    const pos = mention.start + inserted.length;
    setCaret(pos);
    setActive(0);
    caretAfterChoice.current = pos;
    onChoose(element);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + options.length) % options.length);
    } else if ((e.key === 'Enter' && !e.metaKey && !e.ctrlKey && !e.shiftKey) || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      choose(options[current]!);
    } else if (e.key === 'Escape') {
      // Closes the list only; the shell's Esc (leave the prompt) waits for the next one.
      e.preventDefault();
      e.stopPropagation();
      setDismissedAt(mention!.start);
    }
  }

  const picker = open ? (
    <ul className="element-picker" role="listbox" id={listId} aria-label="Elements" data-testid="element-picker">
      {options.map((el, i) => (
        <li
          key={el.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === current}
          className={`element-option${i === current ? ' is-active' : ''}`}
          data-testid="element-option"
          data-element-id={el.id}
          // mousedown, not click: the prompt keeps focus and its caret.
          onMouseDown={(e) => {
            e.preventDefault();
            choose(el);
          }}
        >
          {el.coverUrl ? <img src={el.coverUrl} alt="" /> : <span className="element-option-blank" />}
          <span className="element-option-name">@{el.name}</span>
          <span className="element-option-meta">
            <ElementKindIcon kind={el.kind} />
            {KIND_WORDS[el.kind]} · {el.assetIds.length} image{el.assetIds.length === 1 ? '' : 's'}
          </span>
        </li>
      ))}
    </ul>
  ) : null;

  return {
    inputProps: {
      'aria-autocomplete': 'list',
      'aria-controls': open ? listId : undefined,
      'aria-activedescendant': open ? optionId(current) : undefined,
      onKeyDown,
      onSelect: readCaret,
      onClick: readCaret,
      onFocus: () => setDismissedAt(null),
      onBlur: () => setDismissedAt(mention?.start ?? null),
    },
    noteCaret: (c) => c !== null && setCaret(c),
    picker,
  };
}

/**
 * The Elements a prompt has chosen with `@`, one chip each (its kind and image count), and —
 * when they do not fit the model — the sentence saying which to drop (shared/models/elementFit).
 * Every prompt with `@` draws them with this one component.
 */
export function ElementChipList({ elements, problem, onRemove }: { elements: ReadonlyArray<Pick<Element, 'id' | 'name' | 'kind' | 'assetIds'>>; problem: string | null; onRemove(id: string): void }) {
  if (elements.length === 0) return null;
  return (
    <div className="element-chips" data-testid="element-chips">
      <ul aria-label="Elements in this prompt">
        {elements.map((e) => (
          <li key={e.id} className="element-chip" data-testid="element-chip" data-element-id={e.id}>
            <ElementKindIcon kind={e.kind} />
            <span>@{e.name}</span>
            <span className="element-chip-count">
              · {e.assetIds.length} image{e.assetIds.length === 1 ? '' : 's'}
            </span>
            <button type="button" className="element-chip-remove" aria-label={`Remove @${e.name}`} onClick={() => onRemove(e.id)}>
              <CloseIcon size={12} />
            </button>
          </li>
        ))}
      </ul>
      <p className={`element-fit${problem ? ' is-over' : ''}`} role="status" data-testid="element-fit">
        {problem ?? ''}
      </p>
    </div>
  );
}

export { KIND_WORDS as ELEMENT_KIND_WORDS };

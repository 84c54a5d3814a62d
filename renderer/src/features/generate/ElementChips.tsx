import { useShallow } from 'zustand/react/shallow';
import { CloseIcon } from '../../lib/icons';
import { ElementKindIcon } from '../../lib/ElementPicker';
import { useGenerateStore } from './store';

/**
 * The Elements chosen with `@`, one chip each (its kind and image count), and — when they do not
 * fit the model beside the tray — the sentence saying which to drop.
 */
export function ElementChips({ problem }: { problem: string | null }) {
  const { elements, removeElement } = useGenerateStore(useShallow((s) => ({ elements: s.elements, removeElement: s.removeElement })));
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
            <button type="button" className="element-chip-remove" aria-label={`Remove @${e.name}`} onClick={() => removeElement(e.id)}>
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

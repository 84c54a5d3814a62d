/**
 * The collapsed dock's "Options": a button showing the current choices as chips, opening a panel
 * above the dock that holds the same pickers as the full dock. It stays in the page while closed
 * (hidden), so the pickers keep their place and what reads them never finds them missing.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ChevronDownIcon } from '../../lib/icons';
import { useModelsStore } from '../../lib/models';
import { optionChips } from './optionChips';
import { useGenerateStore } from './store';

function useChips(): string[] {
  const s = useGenerateStore(
    useShallow((st) => ({
      tier: st.tier,
      modelId: st.modelId,
      aspectRatio: st.aspectRatio,
      imageSize: st.imageSize,
      thinkingLevel: st.thinkingLevel,
      modalities: st.modalities,
      grounding: st.grounding,
      imageSearch: st.imageSearch,
      includeThoughts: st.includeThoughts,
      referenceCount: st.references.length,
      serviceTier: st.serviceTier,
    })),
  );
  const models = useModelsStore((st) => st.models);
  const pinned = s.modelId ? (models?.models.find((m) => m.id === s.modelId)?.displayName ?? s.modelId) : null;
  return optionChips({ ...s, pinnedModel: pinned });
}

export function OptionsPopover({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const chips = useChips();
  const panelId = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('button, select, input, textarea, [tabindex]:not([tabindex="-1"])')?.focus();
    // A press anywhere else closes it, as a menu does.
    const onDown = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  return (
    <div className="dock-options" ref={wrap}>
      <button
        ref={button}
        type="button"
        className="dock-options-toggle"
        data-testid="options-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        title="Model, ratio, size and the other choices"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="dock-options-word">Options</span>
        <span className="dock-chips" data-testid="options-chips">
          {chips.map((c) => (
            <span key={c} className="dock-chip" data-testid="options-chip">
              {c}
            </span>
          ))}
        </span>
        <ChevronDownIcon size={12} />
      </button>
      <div
        ref={panel}
        id={panelId}
        className="dock-options-panel panel"
        role="dialog"
        aria-label="Generation options"
        data-testid="options-popover"
        hidden={!open}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          // Handled here: the shell's Esc ("newest result") sees defaultPrevented and leaves it.
          e.preventDefault();
          setOpen(false);
          button.current?.focus();
        }}
      >
        {children}
      </div>
    </div>
  );
}

import { useShallow } from 'zustand/react/shallow';
import { ElementChipList } from '../../lib/ElementPicker';
import { useGenerateStore } from './store';

/** The studio's chosen Elements (lib's ElementChipList) and, when they do not fit, which to drop. */
export function ElementChips({ problem }: { problem: string | null }) {
  const { elements, removeElement } = useGenerateStore(useShallow((s) => ({ elements: s.elements, removeElement: s.removeElement })));
  return <ElementChipList elements={elements} problem={problem} onRemove={removeElement} />;
}

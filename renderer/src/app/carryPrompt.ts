/**
 * The studio's prompt goes with the person to Compare: "how would Pro draw this?" is the usual
 * reason to open it. A prompt typed in Compare itself is never overwritten; one carried earlier
 * and left untouched follows the studio's newer prompt.
 */
import { useCompareStore } from '../features/compare/store';
import { useGenerateStore } from '../features/generate/store';
import { useNavigation } from '../lib/navigation';

export function carryStudioPromptToCompare(): () => void {
  let carried: string | null = null;
  const carry = () => {
    const studioPrompt = useGenerateStore.getState().prompt;
    const compare = useCompareStore.getState();
    const current = compare.draft.prompt;
    const untouched = current.trim() === '' || current === carried;
    if (!untouched || studioPrompt.trim() === '' || current === studioPrompt) return;
    compare.setDraft({ prompt: studioPrompt });
    carried = studioPrompt;
  };
  if (useNavigation.getState().view === 'compare') carry();
  return useNavigation.subscribe((s, before) => {
    if (s.view === 'compare' && before.view !== 'compare') carry();
  });
}

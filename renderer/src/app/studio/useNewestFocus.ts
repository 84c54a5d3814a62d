import { useEffect, useRef, type RefObject } from 'react';
import { useStudio } from './studioStore';

/**
 * "Newest result" (Esc in the prompt, or N) lands on the stage's first result. Asked for before
 * there is one (a fast typist presses Esc 100 ms after Ctrl+Enter), the stage itself takes focus
 * so the keys that follow are not typed into the prompt, and the request waits: when the result
 * arrives it gets focus, unless the person has moved focus elsewhere in between.
 */
export function useNewestFocus(stageRef: RefObject<HTMLElement | null>, resultCount: number): void {
  const focusNewest = useStudio((s) => s.focusNewest);
  const seen = useRef(0);
  useEffect(() => {
    const studio = useStudio.getState();
    const stage = stageRef.current;
    if (!studio.pendingNewest || !stage) return;
    const fresh = seen.current !== focusNewest;
    seen.current = focusNewest;
    const result = stage.querySelector<HTMLElement>('.stage-result');
    if (result) {
      if (fresh || document.activeElement === stage) result.focus();
      studio.settleNewest();
    } else if (fresh) {
      stage.focus();
    } else if (document.activeElement !== stage) {
      // Focus moved on while waiting: the person is doing something else now.
      studio.settleNewest();
    }
  }, [focusNewest, resultCount, stageRef]);
}

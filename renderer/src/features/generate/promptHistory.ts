/**
 * ↑ in an empty prompt box brings back the last prompt sent, ↑ again the one before, ↓ forward
 * and, past the newest, the empty box again — as a shell's history does. Only an untouched box
 * steps: once the user edits a recalled prompt the arrows move the caret again.
 */
import { call } from '../../lib/bridge';

export interface HistoryPosition {
  /** Index into the list (0 = newest); null: not stepping. */
  index: number | null;
  prompt: string;
}

/** The next position for an arrow, or null when the arrow is the box's own (caret movement). */
export function historyStep(list: readonly string[], at: HistoryPosition, dir: 'up' | 'down'): HistoryPosition | null {
  const stepping = at.index !== null && list[at.index] === at.prompt;
  if (dir === 'up') {
    if (list.length === 0) return null;
    if (at.index === null || !stepping) return at.prompt === '' ? { index: 0, prompt: list[0]! } : null;
    const next = Math.min(at.index + 1, list.length - 1);
    return { index: next, prompt: list[next]! };
  }
  if (!stepping) return null;
  return at.index === 0 ? { index: null, prompt: '' } : { index: at.index! - 1, prompt: list[at.index! - 1]! };
}

/** This session's prompts (some still running, so not yet in the library) first, then the stored history; once each. */
export async function loadHistory(sessionPrompts: readonly string[]): Promise<string[]> {
  const res = await call('prompts.history', { text: '', limit: 200 });
  const stored = res.ok ? res.data.prompts.map((p) => p.prompt) : [];
  return [...new Set([...sessionPrompts, ...stored])];
}

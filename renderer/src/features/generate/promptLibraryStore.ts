/** The prompt library's panel: saved prompts and the history, searched together. */
import { create } from 'zustand';
import type { GenerateRequestInput, PromptHistoryItem, SavedPrompt } from '../../../../shared/ipc/contract';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';

interface PromptLibraryState {
  text: string;
  saved: SavedPrompt[];
  history: PromptHistoryItem[];
  loading: boolean;
  error: string | null;
  search(text: string): Promise<void>;
  save(name: string, tagsText: string, request: Omit<GenerateRequestInput, 'priority' | 'edit'>): Promise<boolean>;
  remove(id: string): Promise<void>;
  /** False when refused (the reason is in `error`). */
  rename(id: string, name: string): Promise<boolean>;
}

/** "sea, night,  storm" → ["sea", "night", "storm"]. */
export function parseTags(text: string): string[] {
  return text.split(',').map((t) => t.trim()).filter(Boolean);
}

export function createPromptLibraryStore() {
  return create<PromptLibraryState>()((set, get) => ({
    text: '',
    saved: [],
    history: [],
    loading: false,
    error: null,

    async search(text) {
      set({ text, loading: true });
      const [saved, history] = await Promise.all([call('prompts.list', { text }), call('prompts.history', { text, limit: 50 })]);
      // A later search may have started while this one ran: only the latest answer is shown.
      if (get().text !== text) return;
      const failed = !saved.ok ? saved : !history.ok ? history : null;
      set({
        loading: false,
        saved: saved.ok ? saved.data.saved : [],
        history: history.ok ? history.data.prompts : [],
        error: failed ? `The prompt library could not be read: ${errorText(failed)}` : null,
      });
    },

    async save(name, tagsText, request) {
      const res = await call('prompts.save', { name, tags: parseTags(tagsText), request });
      if (!res.ok) {
        set({ error: errorText(res) });
        return false;
      }
      set({ error: null });
      await get().search(get().text);
      return true;
    },

    async rename(id, name) {
      const res = await call('prompts.rename', { id, name });
      if (!res.ok) {
        set({ error: `Could not rename the prompt: ${errorText(res)}` });
        return false;
      }
      set((s) => ({ error: null, saved: s.saved.map((p) => (p.id === id ? res.data : p)) }));
      return true;
    },

    async remove(id) {
      const res = await call('prompts.delete', { id });
      if (!res.ok) set({ error: errorText(res) });
      await get().search(get().text);
    },
  }));
}

export const usePromptLibrary = createPromptLibraryStore();

/**
 * The library's Elements (named references), read by every prompt's `@` picker and by the
 * library's Elements view. Main owns them; this is a cache refreshed after each change.
 */
import { create } from 'zustand';
import type { CreateElementInput, Element, Reference, UpdateElementInput } from '../../../shared/ipc/contract';
import { referenceKindOf } from '../../../shared/domain/elements';
import { referenceKey } from '../../../shared/domain/referenceKey';
import { call } from './bridge';
import { errorText } from './format';

interface ElementsState {
  elements: Element[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** The new Element, or null (then `error` says why). */
  create(input: CreateElementInput): Promise<Element | null>;
  rename(id: string, name: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  /** Name, kind or description of an existing Element; null when done, or why not. */
  update(input: UpdateElementInput): Promise<string | null>;
  addImages(id: string, assetIds: string[]): Promise<string | null>;
  /** Takes one image out (it stays in the library); refused for the last one, in words. */
  removeImage(id: string, assetId: string): Promise<string | null>;
}

export function createElementsStore() {
  return create<ElementsState>()((set, get) => ({
    elements: [],
    loaded: false,
    error: null,
    async load() {
      const res = await call('elements.list', {});
      set(res.ok ? { elements: res.data, loaded: true, error: null } : { error: `Could not read the Elements: ${errorText(res)}` });
    },
    async create(input) {
      const res = await call('elements.create', input);
      if (!res.ok) {
        set({ error: errorText(res) });
        return null;
      }
      await get().load();
      return res.data;
    },
    async rename(id, name) {
      const res = await call('elements.rename', { id, name });
      if (!res.ok) {
        set({ error: errorText(res) });
        return false;
      }
      await get().load();
      return true;
    },
    async update(input) {
      const res = await call('elements.update', input);
      await get().load();
      return res.ok ? null : errorText(res);
    },
    async addImages(id, assetIds) {
      const res = await call('elements.addImages', { id, assetIds });
      await get().load();
      return res.ok ? null : errorText(res);
    },
    async removeImage(id, assetId) {
      const res = await call('elements.removeImage', { id, assetId });
      await get().load();
      return res.ok ? null : errorText(res);
    },
    async remove(id) {
      const res = await call('elements.delete', { id });
      if (!res.ok) set({ error: errorText(res) });
      await get().load();
    },
  }));
}

export const useElements = createElementsStore();

/** The `@word` being typed just before the caret, if any: where it starts and what follows the `@`. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0 || (at > 0 && !/\s/.test(before[at - 1]!))) return null;
  const query = before.slice(at + 1);
  // Names may hold spaces, never line breaks; a long run past any name is ordinary text.
  if (/[\n\r@]/.test(query) || query.length > 60) return null;
  return { start: at, query };
}

/** The Elements a partly typed name may mean: names starting with it first, then names containing it. */
export function matchingElements(elements: readonly Element[], query: string): Element[] {
  const q = query.toLowerCase();
  const starts = elements.filter((e) => e.name.toLowerCase().startsWith(q));
  const contains = elements.filter((e) => !starts.includes(e) && e.name.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, 8);
}

/** Whether the prompt still names the Element (`@Name`, any case). */
export function promptNames(prompt: string, name: string): boolean {
  return prompt.toLowerCase().includes(`@${name.toLowerCase()}`);
}

/** The prompt without its first `@Name` (and the space after): a chip removed takes its name along, or the next keystroke would find it there and mean it. */
export function withoutMention(prompt: string, name: string): string {
  return prompt.replace(new RegExp(`@${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ?`, 'i'), '');
}

/** An Element as a prompt holds it once chosen: enough to send its images, name it and count it. */
export type ChosenElement = Pick<Element, 'id' | 'name' | 'kind' | 'assetIds'>;

/**
 * A request's references: its own, then each chosen Element's images as its kind (a person as
 * person references, an object or a style as object ones); an image already there is sent once.
 */
export function withElementImages(references: readonly Reference[], elements: readonly ChosenElement[]): Reference[] {
  const refs = [...references];
  const seen = new Set(refs.map(referenceKey));
  for (const e of elements) {
    for (const assetId of e.assetIds) {
      if (seen.has(assetId)) continue;
      seen.add(assetId);
      refs.push({ assetId, kind: referenceKindOf(e.kind) });
    }
  }
  return refs;
}

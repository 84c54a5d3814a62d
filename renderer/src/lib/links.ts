/**
 * Links out of the app: main opens https links in the system browser, only on a click, never in
 * this window. A store so the components that show links dispatch, and the bridge call is here.
 */
import { create } from 'zustand';
import { call } from './bridge';
import { errorText } from './format';

interface LinksState {
  /** Opens `url` outside the app; resolves to null, or to why main refused. `generationId` names a grounding source's answer. */
  open(url: string, generationId?: string): Promise<string | null>;
}

export function createLinksStore() {
  return create<LinksState>()(() => ({
    async open(url, generationId) {
      const res = await call('app.openExternal', generationId === undefined ? { url } : { url, generationId });
      return res.ok ? null : errorText(res);
    },
  }));
}

export const useLinks = createLinksStore();

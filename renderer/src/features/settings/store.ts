import { create } from 'zustand';
import type { RouteInput, Settings } from '../../../../shared/ipc/contract';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';

export type SettingsPatch = NonNullable<RouteInput<'settings.update'>>;

/** Which part of the Settings view a save came from, so its result shows next to it. */
export type SettingsSection = 'endpoint' | 'defaults' | 'quotas' | 'budget' | 'notify' | 'streaming' | 'privacy' | 'priority' | 'meaning';

interface SettingsState {
  settings: Settings | null;
  loadError: string | null;
  saving: SettingsSection | null;
  saveError: { section: SettingsSection; text: string } | null;
  savedSection: SettingsSection | null;

  load(): Promise<void>;
  update(section: SettingsSection, patch: SettingsPatch): Promise<boolean>;
  /** A form refused what was typed before sending it; shows like a save error. */
  failValidation(section: SettingsSection, text: string): void;

  /** Where the library lives (null until asked), and moving it to another folder. */
  libraryDir: string | null;
  libraryMove: { busy: boolean; error: string | null; movedTo: string | null };
  loadLibraryDir(): Promise<void>;
  moveLibrary(): Promise<void>;
}

export function createSettingsStore() {
  return create<SettingsState>()((set) => ({
    settings: null,
    libraryDir: null,
    libraryMove: { busy: false, error: null, movedTo: null },

    async loadLibraryDir() {
      const res = await call('library.location');
      if (res.ok) set({ libraryDir: res.data.dir });
    },

    async moveLibrary() {
      set({ libraryMove: { busy: true, error: null, movedTo: null } });
      const res = await call('library.move');
      set({ libraryMove: { busy: false, error: res.ok ? null : errorText(res), movedTo: res.ok ? res.data.movedTo : null } });
    },

    loadError: null,
    saving: null,
    saveError: null,
    savedSection: null,

    async load() {
      const res = await call('settings.get');
      if (!res.ok) {
        set({ loadError: errorText(res) });
        return;
      }
      set({ settings: res.data, loadError: null });
    },

    failValidation(section, text) {
      set({ saving: null, savedSection: null, saveError: { section, text } });
    },

    async update(section, patch) {
      set({ saving: section, saveError: null, savedSection: null });
      const res = await call('settings.update', patch);
      if (!res.ok) {
        set({ saving: null, saveError: { section, text: errorText(res) } });
        return false;
      }
      set({ settings: res.data, saving: null, savedSection: section });
      return true;
    },
  }));
}

export const useSettingsStore = createSettingsStore();

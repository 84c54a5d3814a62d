import { create } from 'zustand';
import type { RouteInput, Settings } from '../../../../shared/ipc/contract';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';

export type SettingsPatch = NonNullable<RouteInput<'settings.update'>>;

/** Which part of the Settings view a save came from, so its result shows next to it. */
export type SettingsSection = 'endpoint' | 'defaults' | 'quotas' | 'budget' | 'notify' | 'streaming' | 'privacy';

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
}

export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: null,
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

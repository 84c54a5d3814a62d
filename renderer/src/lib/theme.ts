/**
 * Light, dark, or whatever the system says (the default). A UI preference, so it is kept by
 * zustand's persist in localStorage, not in main's settings; the root's data-theme attribute is
 * what tokens.css reads.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
export const THEME_LABELS: Record<ThemeChoice, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

interface ThemeState {
  theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
}

function apply(theme: ThemeChoice): void {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset.theme = theme;
}

/** The theme choice, persisted; made by a factory so each test builds a fresh one. */
export function createThemeStore() {
  return create<ThemeState>()(
    persist(
      (set) => ({
        theme: 'system',
        setTheme(theme) {
          apply(theme);
          set({ theme });
        },
      }),
      {
        name: 'atelier.theme',
        // A value from another version (or typed in by hand) falls back to the default.
        merge: (persisted, current) => {
          const theme = (persisted as { theme?: unknown } | undefined)?.theme;
          return { ...current, theme: THEME_CHOICES.includes(theme as ThemeChoice) ? (theme as ThemeChoice) : 'system' };
        },
        onRehydrateStorage: () => (state) => apply(state?.theme ?? 'system'),
      },
    ),
  );
}

export const useTheme = createThemeStore();

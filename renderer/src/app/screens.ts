/**
 * The app's screens in sidebar order: ids and names only, so the keymap (Alt+1…9) and the
 * sidebar read the same list without loading any screen. `routes.tsx` adds icons and views.
 */
export const SCREENS = [
  { id: 'studio', label: 'Studio' },
  { id: 'library', label: 'Library' },
  { id: 'chats', label: 'Chats' },
  { id: 'edit', label: 'Edit' },
  { id: 'compare', label: 'Compare' },
  { id: 'stats', label: 'Votes' },
  { id: 'batch', label: 'Batch' },
  { id: 'usage', label: 'Usage' },
  { id: 'settings', label: 'Settings' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

/** ⌘ on a Mac, Ctrl elsewhere: read once, for shortcut matching and labels. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

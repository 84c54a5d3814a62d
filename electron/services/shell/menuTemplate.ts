/**
 * The native menu as plain data (Electron's MenuItemConstructorOptions shape), so it can be
 * checked without Electron. Edit carries the roles that give text fields the system's undo, cut,
 * copy and paste shortcuts; on macOS those only work through a menu, hence the whole exercise.
 */
export interface MenuItem {
  label?: string;
  role?: string;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItem[];
}

export const DOCS_URL = 'https://github.com/atelier-app/atelier#readme';
export const ISSUES_URL = 'https://github.com/atelier-app/atelier/issues';
export const GEMINI_DOCS_URL = 'https://ai.google.dev/gemini-api/docs/image-generation';

export interface MenuActions {
  openExternal(url: string): void;
  showAbout(): void;
  checkForUpdates?: () => void;
}

export function menuTemplate(platform: string, appName: string, actions: MenuActions, opts: { devTools: boolean }): MenuItem[] {
  const mac = platform === 'darwin';
  const sep: MenuItem = { type: 'separator' };
  const about: MenuItem = { label: `About ${appName}`, click: actions.showAbout };
  const updates: MenuItem[] = actions.checkForUpdates ? [{ label: 'Check for Updates…', click: actions.checkForUpdates }] : [];
  const view: MenuItem[] = [
    { role: 'reload' },
    ...(opts.devTools ? [{ role: 'toggleDevTools' }] : []),
    sep,
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    sep,
    { role: 'togglefullscreen' },
  ];
  return [
    ...(mac ? [{ label: appName, submenu: [about, ...updates, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }] }] : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, sep, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, ...(mac ? [{ role: 'pasteAndMatchStyle' }] : []), { role: 'delete' }, sep, { role: 'selectAll' }],
    },
    { label: 'View', submenu: view },
    { label: 'Window', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, sep, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] },
    {
      role: 'help',
      label: 'Help',
      submenu: [
        { label: 'Atelier Documentation', click: () => actions.openExternal(DOCS_URL) },
        { label: 'Gemini Image Generation Guide', click: () => actions.openExternal(GEMINI_DOCS_URL) },
        { label: 'Report a Problem…', click: () => actions.openExternal(ISSUES_URL) },
        ...(mac ? [] : [sep, ...updates, about]),
      ],
    },
  ];
}

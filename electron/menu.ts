// The native menu (services/shell/menuTemplate.ts holds it as data) and the About panel.
import { app, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from './services/shell/menuTemplate';

export function setupMenu(o: { devTools: boolean; checkForUpdates?: () => void }): void {
  const showAbout = () => {
    const detail = `Version ${app.getVersion()}\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`;
    if (process.platform === 'darwin') app.showAboutPanel();
    else void dialog.showMessageBox({ type: 'info', title: 'About Atelier', message: 'Atelier', detail, buttons: ['OK'] });
  };
  app.setAboutPanelOptions({ applicationName: 'Atelier', applicationVersion: app.getVersion(), copyright: 'Copyright © 2026 Atelier' });
  const template = menuTemplate(process.platform, app.name, { openExternal: (url) => void shell.openExternal(url), showAbout, ...(o.checkForUpdates ? { checkForUpdates: o.checkForUpdates } : {}) }, { devTools: o.devTools });
  // The template's items are MenuItemConstructorOptions by construction (roles are Electron's).
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as MenuItemConstructorOptions[]));
}

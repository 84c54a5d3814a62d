import type { ConfirmRequest } from '../settings/endpoint';

/**
 * What only the desktop can do with a file, passed in by main.ts (Electron's webContents.startDrag,
 * clipboard, shell and dialog). The harness passes a recording version.
 */
export interface DesktopShell {
  /** Starts an OS drag of these files (to Finder, Photoshop, a browser…). */
  startDrag(paths: string[], iconPath: string): void;
  copyImage(path: string): Promise<void> | void;
  openPath(path: string): Promise<void>;
  showInFolder(path: string): void;
  /** Asks for a folder (to export to, to move the library to); null when the user cancels. */
  chooseFolder(purpose?: 'export' | 'move-library'): Promise<string | null>;
  /** Restarts the app (to finish moving the library). */
  relaunch(): void;
  /**
   * Asks the user in a native dialog that the window cannot see into or answer (Electron's
   * dialog.showMessageBox); true only for an explicit yes.
   */
  confirm(req: ConfirmRequest): Promise<boolean>;
}

export const noDesktop: DesktopShell = {
  startDrag() {},
  copyImage() {},
  openPath: async () => {},
  showInFolder() {},
  chooseFolder: async () => null,
  relaunch() {},
  // Without a desktop there is nobody to ask: the answer is no.
  confirm: async () => false,
};

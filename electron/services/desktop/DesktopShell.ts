import type { ConfirmRequest } from '../settings/endpoint';

/**
 * What only the desktop can do with a file, passed in by main.ts (Electron's clipboard, shell and
 * dialog; electron/desktop.ts). The harness passes a recording version. Dragging out is not here:
 * it belongs to the web contents that started it (electron/ipc/dragOut.ts).
 */
export interface DesktopShell {
  copyImage(path: string): Promise<void> | void;
  openPath(path: string): Promise<void>;
  showInFolder(path: string): void;
  /** Asks for a folder (to export to, to move the library to); null when the user cancels. */
  chooseFolder(purpose?: 'export' | 'move-library'): Promise<string | null>;
  /**
   * Main's own file dialog for the Import buttons, so the paths come from the user and not from
   * the window. Null when the user cancels. Absent where main has no dialog (a plain browser):
   * the window then offers its own file input, which sends bytes, never paths.
   */
  pickFiles?(): Promise<string[] | null>;
  pickFolder?(): Promise<string | null>;
  /** Restarts the app (to finish moving the library). */
  relaunch(): void;
  /**
   * Asks the user in a native dialog that the window cannot see into or answer (Electron's
   * dialog.showMessageBox); true only for an explicit yes.
   */
  confirm(req: ConfirmRequest): Promise<boolean>;
}

export const noDesktop: DesktopShell = {
  copyImage() {},
  openPath: async () => {},
  showInFolder() {},
  chooseFolder: async () => null,
  relaunch() {},
  // Without a desktop there is nobody to ask: the answer is no.
  confirm: async () => false,
};

/**
 * The main window's construction options, as data: window.ts passes them to BrowserWindow, and
 * the tests read them without Electron.
 */
import { MIN_SIZE, type WindowState } from './windowState';

export interface MainWindowOptions {
  preload: string;
  state: WindowState;
  /** Off in packaged builds: DevTools would hand anyone at the keyboard the bridge, and the key with it. */
  devTools: boolean;
  /** Linux and Windows take the window icon from here; macOS from the bundle. */
  icon?: string;
}

export function mainWindowOptions(o: MainWindowOptions) {
  return {
    ...o.state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    backgroundColor: '#141414',
    title: 'Atelier',
    show: false,
    ...(o.icon ? { icon: o.icon } : {}),
    webPreferences: {
      preload: o.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: o.devTools,
      // Off: on Windows and Linux Chromium's spellchecker downloads Hunspell dictionaries from
      // Google's CDN (Electron's spellchecker tutorial; session.setSpellCheckerDictionaryDownloadURL),
      // traffic nobody announced. Prompts are short and often not in the OS's language.
      spellcheck: false,
    },
  };
}

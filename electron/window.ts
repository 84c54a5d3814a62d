// The one window factory. Every window Atelier opens is sandboxed and isolated and loads only
// app://atelier; what it may navigate to, open and ask for is decided in security.ts for every
// web contents the app creates.
import { BrowserWindow } from 'electron';
import { APP_ORIGIN, APP_SCHEME } from './services/shell/navigation';
import { MIN_SIZE, type WindowState } from './services/shell/windowState';

export { APP_ORIGIN, APP_SCHEME };

export interface MainWindowOptions {
  preload: string;
  state: WindowState;
  /** Off in packaged builds: DevTools would hand anyone at the keyboard the bridge, and the key with it. */
  devTools: boolean;
  /** Linux and Windows take the window icon from here; macOS from the bundle. */
  icon?: string;
}

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
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
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => {
    if (o.state.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(`${APP_ORIGIN}/`);
  return win;
}

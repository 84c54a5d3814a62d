// The one window factory. Every window Atelier opens is sandboxed and isolated and loads only
// app://atelier; what it may navigate to, open and ask for is decided in security.ts for every
// web contents the app creates. The options themselves are in services/shell/windowOptions.ts.
import { BrowserWindow } from 'electron';
import { APP_ORIGIN, APP_SCHEME } from './services/shell/navigation';
import { mainWindowOptions, type MainWindowOptions } from './services/shell/windowOptions';

export { APP_ORIGIN, APP_SCHEME };
export type { MainWindowOptions };

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(o));
  win.once('ready-to-show', () => {
    if (o.state.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(`${APP_ORIGIN}/`);
  return win;
}

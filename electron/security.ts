// Guards for every web contents the app creates, installed before the first window: a
// compromised renderer (an XSS in a prompt or a grounding snippet) must not navigate the window
// elsewhere, open windows, embed webviews or gain permissions. The decisions are in
// services/shell/navigation.ts, where they are unit-tested.
import { app, session, shell, type WebContents } from 'electron';
import { navigationVerdict, permissionAllowed } from './services/shell/navigation';

function guardNavigation(contents: WebContents, event: Electron.Event, url: string, isMainFrame: boolean): void {
  const verdict = navigationVerdict(url, { isMainFrame });
  if (verdict === 'allow') return;
  event.preventDefault();
  if (verdict === 'open-externally' && isMainFrame) void shell.openExternal(url);
  if (verdict === 'deny') console.warn(`security: blocked navigation of ${isMainFrame ? 'the window' : 'a frame'} to ${url.slice(0, 200)} (${contents.getURL().slice(0, 100)})`);
}

function hardenWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Every frame, main or sub, for navigations the page starts itself.
  contents.on('will-frame-navigate', (event) => guardNavigation(contents, event, event.url, event.isMainFrame));
  // Server-side redirects do not pass will-navigate; app:// never redirects, so any redirect is suspect.
  contents.on('will-redirect', (event) => guardNavigation(contents, event, event.url, event.isMainFrame));
  // window.open and target=_blank: never a new Electron window; https links the user clicked
  // (grounding sources, the Search chip) go to the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (navigationVerdict(url, { isMainFrame: true }) === 'open-externally') void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Call once, before app 'ready'. */
export function installSecurityGuards(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  void app.whenReady().then(() => {
    const ses = session.defaultSession;
    // With webPreferences.spellcheck off too (services/shell/windowOptions.ts): no Hunspell
    // dictionary is fetched from Google's CDN on Windows and Linux.
    ses.setSpellCheckerEnabled(false);
    ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl)));
    ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));
    ses.setDevicePermissionHandler(() => false);
  });
}

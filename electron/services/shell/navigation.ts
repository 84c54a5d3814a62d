/**
 * What the window may navigate to and ask for. The renderer is treated as untrusted (any XSS in a
 * prompt or grounding text would run there), so these are checked in main on every navigation,
 * redirect, new window and permission. Pure, so they are tested without Electron.
 */
import { APP_ORIGIN, originOf } from '../../../shared/urls';

export { APP_HOST, APP_ORIGIN, APP_SCHEME } from '../../../shared/urls';

/** app://atelier/… exactly: no other host or port, no userinfo (app://evil@atelier/ parses with host "atelier"). */
export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

export type NavigationVerdict = 'allow' | 'deny' | 'open-externally';

/**
 * A frame may only move within app://atelier (the sandboxed Search chip is a subframe there too).
 * A plain https link the user followed is handed to the system browser instead; anything else —
 * http, file:, javascript:, data:, another custom scheme — goes nowhere.
 */
export function navigationVerdict(url: string, { isMainFrame }: { isMainFrame: boolean }): NavigationVerdict {
  if (isAppUrl(url)) return 'allow';
  // Chromium gives subframes about:blank / about:srcdoc before their first document.
  if (!isMainFrame && (url === 'about:blank' || url === 'about:srcdoc')) return 'allow';
  return isPlainHttps(url) ? 'open-externally' : 'deny';
}

/** https with no credentials in it: `https://user:pass@host/` is how phishing links hide their host. */
export function isPlainHttps(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * Permissions the page gets, from its own origin only. Copying text needs the sanitized clipboard
 * write; the Lightbox uses fullscreen. No camera, microphone, geolocation, notifications (main
 * shows those), HID, serial, USB or anything else.
 */
const GRANTED = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function permissionAllowed(permission: string, requestingUrl: string): boolean {
  return GRANTED.has(permission) && isAppUrl(requestingUrl.endsWith('/') ? requestingUrl : `${requestingUrl}/`);
}

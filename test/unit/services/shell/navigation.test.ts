import { describe, expect, it } from 'vitest';
import { isAppUrl, navigationVerdict, permissionAllowed } from '../../../../electron/services/shell/navigation';

describe('navigation and permission guards', () => {
  it('recognises app://atelier exactly, refusing userinfo, other hosts and ports', () => {
    expect(isAppUrl('app://atelier/')).toBe(true);
    expect(isAppUrl('app://atelier/assets/abc?x=1')).toBe(true);
    for (const url of ['app://evil@atelier/', 'app://user:pw@atelier/', 'app://atelier.evil/', 'app://evil/', 'app://atelier:8080/', 'https://atelier/', 'file:///etc/passwd', 'not a url']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('lets frames move only within the app; https goes to the browser; everything else nowhere', () => {
    expect(navigationVerdict('app://atelier/', { isMainFrame: true })).toBe('allow');
    expect(navigationVerdict('https://example.com/', { isMainFrame: true })).toBe('open-externally');
    expect(navigationVerdict('https://user:secret@example.com/', { isMainFrame: true })).toBe('deny');
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'chrome://settings', 'app://evil@atelier/']) {
      expect(navigationVerdict(url, { isMainFrame: true }), url).toBe('deny');
    }
    expect(navigationVerdict('about:srcdoc', { isMainFrame: false })).toBe('allow');
    expect(navigationVerdict('about:blank', { isMainFrame: true })).toBe('deny');
  });

  it('grants the app only clipboard writes and fullscreen, and nothing to any other origin', () => {
    expect(permissionAllowed('clipboard-sanitized-write', 'app://atelier')).toBe(true);
    expect(permissionAllowed('fullscreen', 'app://atelier/')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal']) {
      expect(permissionAllowed(p, 'app://atelier'), p).toBe(false);
    }
    expect(permissionAllowed('fullscreen', 'https://example.com')).toBe(false);
    expect(permissionAllowed('fullscreen', '')).toBe(false);
  });
});

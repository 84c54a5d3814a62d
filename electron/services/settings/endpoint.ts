/**
 * Where the API key may be sent. The window is untrusted: a script injected into it could call
 * `settings.update({ apiBaseUrl })` and then `key.test` to have main send the key to a host of its
 * choosing. So an endpoint other than Google's own needs a confirmation that only main can show
 * (a native dialog the window cannot answer), and plain http is allowed only to this computer.
 */

/** Google's own Gemini API hosts: no confirmation needed. */
const GOOGLE_HOSTS = new Set(['generativelanguage.googleapis.com']);

function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** The origin a confirmation covers (a path change on a confirmed proxy needs no new dialog). */
export function endpointOrigin(url: string): string {
  return new URL(url).origin;
}

export function isGoogleEndpoint(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && GOOGLE_HOSTS.has(u.hostname.toLowerCase()) && !u.port;
  } catch {
    return false;
  }
}

/** Null when the URL may be used as an endpoint at all (confirmation aside); otherwise why not, for a person. */
export function endpointProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'That is not a web address.';
  }
  if (u.username || u.password) return 'An endpoint address cannot carry a user name or password.';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:') {
    return isLoopbackHost(u.hostname) ? null : 'Plain http is allowed only for a proxy on this computer (localhost); use https for anything else.';
  }
  return 'An endpoint must be an https address.';
}

export interface ConfirmRequest {
  title: string;
  message: string;
  detail: string;
  confirmLabel: string;
}

export function endpointConfirmation(url: string): ConfirmRequest {
  return {
    title: 'Use another server?',
    message: `Send your Gemini API key to ${url}?`,
    detail:
      'Atelier will send every request, with your API key, to this address instead of Google. Only do this for a proxy you run or trust. If you did not just change the endpoint yourself, choose Cancel.',
    confirmLabel: 'Use this server',
  };
}

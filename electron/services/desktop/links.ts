import { AppError } from '../errors';
import type { ConfirmRequest } from '../settings/endpoint';

/**
 * Links the window asks main to open in the system browser. A compromised window could use
 * this to send the user anywhere, so only a few destinations open at once: Google's own AI pages,
 * Google Search result pages (the grounding chip's suggestions), and the sources Gemini cited for
 * a generation that is in the library. Anything else is shown in full in a native confirmation.
 */
const TRUSTED: Array<{ host: string; path?: RegExp }> = [
  { host: 'aistudio.google.com' },
  { host: 'ai.google.dev' },
  // The billing page the queue's "credit used up" banner links to (shared/urls.ts BILLING_URL).
  { host: 'ai.studio', path: /^\/projects$/ },
  // Only the results page: google.com/url is an open redirector.
  { host: 'www.google.com', path: /^\/search$/ },
];

export interface OpenLinkDeps {
  /** Whether this URL is one of the sources Gemini cited for the generation the link came from. */
  isCitedSource: (url: string) => boolean;
  confirm: (req: ConfirmRequest) => Promise<boolean>;
  open: (url: string) => Promise<void>;
}

export function linkProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'That is not a web address.';
  }
  if (u.protocol !== 'https:') return 'Only https links open.';
  if (u.username || u.password) return 'Atelier does not open links that carry a user name or password.';
  return null;
}

export function isTrustedLink(url: string): boolean {
  const u = new URL(url);
  return TRUSTED.some((t) => u.hostname === t.host && !u.port && (!t.path || t.path.test(u.pathname)));
}

/** Opens the link; false when the user declined it. */
export async function openLink(url: string, d: OpenLinkDeps): Promise<boolean> {
  const problem = linkProblem(url);
  if (problem) throw new AppError('bad_input', problem);
  if (!isTrustedLink(url) && !d.isCitedSource(url)) {
    const yes = await d.confirm({
      title: 'Open this link?',
      message: 'Open this address in your browser?',
      detail: url,
      confirmLabel: 'Open',
    });
    if (!yes) return false;
  }
  await d.open(url);
  return true;
}

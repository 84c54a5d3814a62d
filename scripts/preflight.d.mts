// Types for scripts/preflight.mjs (a plain script, so `npm start` needs no compiler).
export interface HostProbe {
  url: string;
  reachable: boolean;
  reason: string;
}

export interface PreflightFacts {
  nodeVersion: string;
  electron: { version: string; installed: boolean };
  /** better-sqlite3 is already built for Electron, or node-gyp has Electron's headers cached. */
  nativeReady: boolean;
  binaryHost: HostProbe;
  headersHost: HostProbe;
  /** The proxy the downloads would go through, if any. */
  proxy: string | null;
  /** Linux only: Ubuntu's AppArmor rule, and whether Electron's chrome-sandbox is root-owned and setuid. */
  sandbox: { restricted: boolean; helper: string; helperReady: boolean } | null;
  /** What a compile of better-sqlite3 would lack; null when it is already built for Electron. */
  toolchain: { missing: string[]; install: string } | null;
}

export interface PreflightDecision {
  ok: boolean;
  /** Electron's binary is missing but its host answers: fetch it now. */
  download: boolean;
  /** Exactly three lines when not ok: what is missing, how to fix it, the offline preview. */
  lines: string[];
  /** Said before building, without stopping (a missing C++ toolchain). */
  notes: string[];
}

export type Run = (command: string, args: string[]) => { ok: boolean; stdout: string };

export const MIN_NODE: [number, number];
export const PREVIEW_LINE: string;
export const PROBE_TIMEOUT_MS: number;
export function nodeIsRecentEnough(version: string): boolean;
export function decide(facts: PreflightFacts): PreflightDecision;
export function proxyFor(url: string, env?: Record<string, string | undefined>): string | null;
export function probe(url: string, opts?: { env?: Record<string, string | undefined>; timeoutMs?: number }): Promise<HostProbe>;
export function electronMirror(env?: Record<string, string | undefined>): string;
export function sandboxVerdict(facts: PreflightFacts): { missing: string; fix: string } | null;
export const APPARMOR_USERNS_FILE: string;
export function userNamespacesRestricted(file?: string): boolean;
export function sandboxHelperReady(file: string): boolean;
export const TOOLCHAIN_INSTALL: Record<'win32' | 'darwin' | 'linux', string>;
export function findToolchain(platform: NodeJS.Platform, run: Run, env?: Record<string, string | undefined>): { missing: string[]; install: string };
export function systemChecks(env?: Record<string, string | undefined>): Promise<PreflightFacts>;

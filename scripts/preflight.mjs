// `npm start` runs this before building anything. Without it, a machine that cannot download
// Electron fails 15 s later inside node-gyp with a proxy hint and then Electron's own advice to
// delete node_modules/electron, neither of which is the problem. This says what is missing, how
// to fix it and what works meanwhile, in three lines and under five seconds.
//
// It also catches two things that otherwise fail late and obscurely: Ubuntu 23.10+/24.04's
// AppArmor rule against unprivileged user namespaces (Chromium aborts with "The SUID sandbox helper
// binary was found, but is not configured correctly"; electron/electron#41066), and a missing C++
// toolchain, which only shows after a two-minute compile of better-sqlite3.
//
// The decision (`decide`) is pure; the probes (`systemChecks`) are injected so both are testable.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronNativeBinary, electronNativeDir } from './lib/paths.mjs';

export const MIN_NODE = [22, 12];
export const PREVIEW_LINE = 'Meanwhile: `npm run preview -- --fake` shows the whole app in Chromium, without Electron, a key or the network.';
const ELECTRON_DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';
const HEADERS_DEFAULT_URL = 'https://www.electronjs.org/headers';
/** Each probe gives up after this; both run at once, so the script ends well inside 5 s. */
export const PROBE_TIMEOUT_MS = 3000;

/** @param {string} version e.g. "20.19.0" */
export function nodeIsRecentEnough(version) {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/**
 * @param {import('./preflight').PreflightFacts} f
 * @returns {import('./preflight').PreflightDecision}
 */
export function decide(f) {
  const missing = [];
  const fixes = [];
  const network = f.proxy ? `the proxy ${f.proxy}` : 'the internet';
  if (!nodeIsRecentEnough(f.nodeVersion)) {
    missing.push(`Node ${MIN_NODE.join('.')} or newer (this is ${f.nodeVersion}; Electron's tooling needs it)`);
    fixes.push('install Node 22.12+ (`nvm install 22`, or nodejs.org)');
  }
  const needBinary = !f.electron.installed;
  const needHeaders = !f.nativeReady;
  const binaryBlocked = needBinary && !f.binaryHost.reachable;
  const headersBlocked = needHeaders && !f.headersHost.reachable;
  if (binaryBlocked) missing.push(`Electron ${f.electron.version}'s binary (not downloaded, and ${f.binaryHost.url} cannot be reached: ${f.binaryHost.reason})`);
  if (headersBlocked) missing.push(`Electron's headers to build better-sqlite3 (${f.headersHost.url} cannot be reached: ${f.headersHost.reason})`);
  if (binaryBlocked || headersBlocked) {
    fixes.push(`reach ${network}, or point ELECTRON_MIRROR${headersBlocked ? ' / ELECTRON_REBUILD_DIST_URL' : ''} (or HTTPS_PROXY) at a host you can reach, then \`npm start\` again; keep node_modules, nothing needs reinstalling`);
  }
  const sandbox = sandboxVerdict(f);
  if (sandbox) {
    missing.push(sandbox.missing);
    fixes.push(sandbox.fix);
  }
  if (missing.length) {
    return { ok: false, download: false, lines: [`Atelier cannot start here: missing ${missing.join('; and ')}.`, `Fix: ${fixes.join('; ')}.`, PREVIEW_LINE], notes: [] };
  }
  // Everything can be had: the binary is fetched now (Electron's postinstall may have failed
  // earlier), the headers later by electron-native.mjs.
  return { ok: true, download: needBinary, lines: [], notes: toolchainNotes(f.toolchain) };
}

/**
 * Chromium sandboxes its renderers with unprivileged user namespaces, or failing those with its
 * setuid helper `chrome-sandbox`. Ubuntu 23.10+ lets only binaries with an AppArmor profile make
 * those namespaces, and npm leaves chrome-sandbox owned by the user without the setuid bit, so
 * neither works and Electron aborts at launch. The fix keeps the sandbox on; `--no-sandbox` would
 * switch it off for every page the app shows, so it is never suggested.
 * @param {import('./preflight').PreflightFacts} f
 */
export function sandboxVerdict(f) {
  const s = f.sandbox;
  if (!s || !s.restricted || s.helperReady || !f.electron.installed) return null;
  return {
    missing: "a usable Chromium sandbox (Ubuntu's AppArmor restricts unprivileged user namespaces: kernel.apparmor_restrict_unprivileged_userns = 1, and Electron's chrome-sandbox helper is not root-owned and setuid)",
    fix: `run \`sudo chown root:root ${s.helper} && sudo chmod 4755 ${s.helper}\` once (again after Electron is reinstalled or updated); the installed app needs nothing: install the .deb, which brings its own AppArmor profile`,
  };
}

/** What a missing C++ toolchain means, said before any compile; not a stop, since a prebuilt binary may be downloaded. */
function toolchainNotes(t) {
  if (!t || t.missing.length === 0) return [];
  return [
    `preflight: no C++ toolchain for native modules here (missing ${t.missing.join(', ')}). better-sqlite3 for Electron is downloaded prebuilt when possible; if it must be compiled, that fails without one.`,
    `To install it: ${t.install}`,
  ];
}

// ---------------------------------------------------------------------------
// Ubuntu's AppArmor rule, and the C++ toolchain

export const APPARMOR_USERNS_FILE = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';

/** True when the kernel restricts unprivileged user namespaces to profiled binaries (the file reads 1). */
export function userNamespacesRestricted(file = APPARMOR_USERNS_FILE) {
  try {
    return fs.readFileSync(file, 'utf8').trim() === '1';
  } catch {
    return false; // no such file: not Ubuntu's AppArmor rule, nothing restricts
  }
}

/** chrome-sandbox works only owned by root with the setuid bit (mode 4755). */
export function sandboxHelperReady(file) {
  try {
    const st = fs.statSync(file);
    return st.uid === 0 && (st.mode & 0o4000) !== 0 && (st.mode & 0o755) === 0o755;
  } catch {
    return false;
  }
}

export const TOOLCHAIN_INSTALL = {
  win32:
    'Visual Studio Build Tools with the "Desktop development with C++" workload, and Python 3: `winget install --id Microsoft.VisualStudio.2022.BuildTools --override "--wait --passive --add Microsoft.VisualStudio.Workload.VCTools --includeRecommended"` and `winget install --id Python.Python.3.12`',
  darwin: "Xcode's command-line tools: `xcode-select --install`",
  linux: 'make, g++ and python3: `sudo apt-get install build-essential python3` (Debian, Ubuntu) or `sudo dnf install make gcc-c++ python3` (Fedora)',
};

/**
 * What node-gyp needs to compile, per system, through an injected `run(command, args)` that says
 * whether the command ran and exited 0 (and its stdout).
 * @param {NodeJS.Platform} platform
 * @param {(command: string, args: string[]) => { ok: boolean, stdout: string }} run
 * @param {Record<string, string | undefined>} [env]
 * @returns {{ missing: string[], install: string }}
 */
export function findToolchain(platform, run, env = process.env) {
  const missing = [];
  if (platform === 'win32') {
    const vswhere = path.win32.join(env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)', 'Microsoft Visual Studio', 'Installer', 'vswhere.exe');
    const vs = run(vswhere, ['-latest', '-products', '*', '-requires', 'Microsoft.VisualStudio.Component.VC.Tools.x86.x64', '-property', 'installationPath']);
    if (!vs.ok || !vs.stdout.trim()) missing.push('Visual Studio Build Tools with the C++ workload');
    if (!run('py', ['-3', '--version']).ok && !run('python', ['--version']).ok) missing.push('Python 3');
    return { missing, install: TOOLCHAIN_INSTALL.win32 };
  }
  if (platform === 'darwin') {
    if (!run('xcode-select', ['-p']).ok) missing.push("Xcode's command-line tools");
    return { missing, install: TOOLCHAIN_INSTALL.darwin };
  }
  for (const [cmd, args] of /** @type {const} */ ([['make', ['--version']], ['g++', ['--version']], ['python3', ['--version']]])) {
    if (!run(cmd, [...args]).ok) missing.push(cmd);
  }
  return { missing, install: TOOLCHAIN_INSTALL.linux };
}

function runQuietly(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: PROBE_TIMEOUT_MS, windowsHide: true });
  return { ok: !r.error && r.status === 0, stdout: r.stdout ?? '' };
}

// ---------------------------------------------------------------------------
// The probes, for the real machine

/** The proxy a request to `url` would go through, honouring NO_PROXY like curl does. */
export function proxyFor(url, env = process.env) {
  const u = new URL(url);
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const host = u.hostname.toLowerCase();
  if (noProxy.some((n) => n === '*' || host === n.replace(/^\./, '') || host.endsWith(n.startsWith('.') ? n : `.${n}`))) return null;
  const proxy = u.protocol === 'https:' ? (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
  return proxy || null;
}

/**
 * Reachable means "something answered HTTP": any status will do, a 404 from a mirror included,
 * since only the network is in question here. Through a proxy, the proxy must accept a CONNECT.
 * @returns {Promise<{ url: string, reachable: boolean, reason: string }>}
 */
export function probe(url, { env = process.env, timeoutMs = PROBE_TIMEOUT_MS } = {}) {
  return new Promise((resolve) => {
    const done = (reachable, reason) => {
      clearTimeout(timer);
      req?.destroy();
      resolve({ url, reachable, reason });
    };
    const timer = setTimeout(() => done(false, `no answer within ${timeoutMs / 1000} s`), timeoutMs);
    let req;
    try {
      const target = new URL(url);
      const proxy = proxyFor(url, env);
      if (proxy && target.protocol === 'https:') {
        const p = new URL(proxy);
        req = (p.protocol === 'https:' ? https : http).request({ host: p.hostname, port: p.port || (p.protocol === 'https:' ? 443 : 80), method: 'CONNECT', path: `${target.hostname}:${target.port || 443}` });
        req.on('connect', (res) => done(res.statusCode === 200, `the proxy answered ${res.statusCode}`));
      } else if (proxy) {
        const p = new URL(proxy);
        req = http.request({ host: p.hostname, port: p.port || 80, method: 'HEAD', path: url });
        req.on('response', () => done(true, ''));
      } else {
        req = (target.protocol === 'https:' ? https : http).request(target, { method: 'HEAD' });
        req.on('response', () => done(true, ''));
      }
      req.on('error', (err) => done(false, describeError(err)));
      req.end();
    } catch (err) {
      done(false, describeError(err));
    }
  });
}

function describeError(err) {
  const code = /** @type {{ code?: string }} */ (err).code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the name does not resolve (offline, or DNS is blocked)';
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return 'no route to it';
  if (code === 'ECONNRESET') return 'the connection was reset';
  return err instanceof Error ? err.message : String(err);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function electronPackage() {
  const dir = path.join(root, 'node_modules', 'electron');
  const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  let installed;
  try {
    const relative = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8');
    installed = fs.existsSync(process.env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative) : path.join(dir, 'dist', relative));
  } catch {
    installed = false;
  }
  return { dir, version, installed };
}

/** The same env lookup @electron/get does for its mirror. */
export function electronMirror(env = process.env) {
  return env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.ELECTRON_MIRROR || ELECTRON_DEFAULT_MIRROR;
}

/** @returns {Promise<import('./preflight').PreflightFacts>} */
export async function systemChecks(env = process.env) {
  const electron = electronPackage();
  const betterSqlite3 = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
  const nativeBuilt = fs.existsSync(electronNativeBinary(electronNativeDir(root, { electron: electron.version, betterSqlite3, platform: process.platform, arch: process.arch })));
  // Either better-sqlite3 is already built for Electron, or node-gyp has the headers cached.
  const nativeReady = nativeBuilt || fs.existsSync(path.join(os.homedir(), '.electron-gyp', electron.version));
  const mirror = electronMirror(env);
  const binaryUrl = `${mirror.endsWith('/') ? mirror : `${mirror}/`}v${electron.version}/`;
  const headersUrl = env.ELECTRON_REBUILD_DIST_URL || HEADERS_DEFAULT_URL;
  const skipped = (url) => Promise.resolve({ url, reachable: true, reason: 'not needed' });
  const [binaryHost, headersHost] = await Promise.all([
    electron.installed ? skipped(binaryUrl) : probe(binaryUrl, { env }),
    nativeReady ? skipped(headersUrl) : probe(headersUrl, { env }),
  ]);
  return {
    nodeVersion: process.versions.node,
    electron: { version: electron.version, installed: electron.installed },
    nativeReady,
    binaryHost,
    headersHost,
    proxy: proxyFor(electron.installed ? headersUrl : binaryUrl, env),
    sandbox: process.platform === 'linux' ? sandboxFacts() : null,
    toolchain: nativeBuilt ? null : findToolchain(process.platform, runQuietly, env),
  };
}

function sandboxFacts() {
  const helper = path.join(root, 'node_modules', 'electron', 'dist', 'chrome-sandbox');
  return { restricted: userNamespacesRestricted(), helper: path.relative(process.cwd(), helper) || helper, helperReady: sandboxHelperReady(helper) };
}

async function main() {
  const facts = await systemChecks();
  const verdict = decide(facts);
  if (!verdict.ok) {
    for (const line of verdict.lines) console.error(line);
    process.exit(1);
  }
  for (const line of verdict.notes) console.warn(line);
  if (verdict.download) {
    console.log(`preflight: downloading Electron ${facts.electron.version} (about 100 MB, once)…`);
    // @electron/get only uses HTTPS_PROXY when asked to.
    const env = facts.proxy ? { ...process.env, ELECTRON_GET_USE_PROXY: 'true' } : process.env;
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`Electron ${facts.electron.version} could not be downloaded from ${facts.binaryHost.url} (see above).`);
      console.error('Fix: check the network or ELECTRON_MIRROR, then `npm start` again; keep node_modules, nothing needs reinstalling.');
      console.error(PREVIEW_LINE);
      process.exit(1);
    }
    // The helper came with the download, so Ubuntu's rule can only be judged now.
    const after = decide({ ...facts, electron: { ...facts.electron, installed: true }, sandbox: process.platform === 'linux' ? sandboxFacts() : null, toolchain: null });
    if (!after.ok) {
      for (const line of after.lines) console.error(line);
      process.exit(1);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

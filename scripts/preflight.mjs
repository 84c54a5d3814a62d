// `npm start` runs this before building anything. Without it, a machine that cannot download
// Electron fails 15 s later inside node-gyp with a proxy hint and then Electron's own advice to
// delete node_modules/electron, neither of which is the problem. This says what is missing, how
// to fix it and what works meanwhile, in three lines and under five seconds.
//
// The decision (`decide`) is pure; the probes (`systemChecks`) are injected so both are testable.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  if (missing.length) {
    return { ok: false, download: false, lines: [`Atelier cannot start here: missing ${missing.join('; and ')}.`, `Fix: ${fixes.join('; ')}.`, PREVIEW_LINE] };
  }
  // Everything can be had: the binary is fetched now (Electron's postinstall may have failed
  // earlier), the headers later by electron-native.mjs.
  return { ok: true, download: needBinary, lines: [] };
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
  const tag = `${electron.version}-${process.platform}-${process.arch}`;
  // Either better-sqlite3 is already built for Electron, or node-gyp has the headers cached.
  const nativeReady =
    fs.existsSync(path.join(root, '.cache', 'electron-native', tag, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')) ||
    fs.existsSync(path.join(os.homedir(), '.electron-gyp', electron.version));
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
  };
}

async function main() {
  const facts = await systemChecks();
  const verdict = decide(facts);
  if (!verdict.ok) {
    for (const line of verdict.lines) console.error(line);
    process.exit(1);
  }
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
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

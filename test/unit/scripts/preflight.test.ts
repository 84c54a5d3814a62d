import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  decide,
  findToolchain,
  nodeIsRecentEnough,
  PREVIEW_LINE,
  probe,
  proxyFor,
  TOOLCHAIN_INSTALL,
  userNamespacesRestricted,
  type PreflightFacts,
  type Run,
} from '../../../scripts/preflight.mjs';

const up = (url: string) => ({ url, reachable: true, reason: '' });
const down = (url: string, reason = 'connection refused') => ({ url, reachable: false, reason });

function facts(over: Partial<PreflightFacts> = {}): PreflightFacts {
  return {
    nodeVersion: '22.12.0',
    electron: { version: '45.4.1', installed: true },
    nativeReady: true,
    binaryHost: up('https://github.com/electron/electron/releases/download/v45.4.1/'),
    headersHost: up('https://www.electronjs.org/headers'),
    proxy: null,
    sandbox: null,
    toolchain: null,
    ...over,
  };
}

describe('preflight decisions', () => {
  it('lets a machine with everything in place start, without downloading', () => {
    expect(decide(facts())).toEqual({ ok: true, download: false, lines: [], notes: [] });
  });

  it('fetches a missing Electron binary when its host answers', () => {
    expect(decide(facts({ electron: { version: '45.4.1', installed: false } }))).toMatchObject({ ok: true, download: true });
  });

  it('compares Node versions by major and minor', () => {
    expect(['22.12.0', '22.13.1', '23.0.0', '24.1.0', 'v22.12.0'].map(nodeIsRecentEnough)).toEqual([true, true, true, true, true]);
    expect(['20.19.0', '22.11.9', '18.20.4', '21.99.0'].map(nodeIsRecentEnough)).toEqual([false, false, false, false]);
  });

  it('refuses an old Node in three lines: what, how, and the offline preview', () => {
    const v = decide(facts({ nodeVersion: '20.19.0' }));
    expect(v.ok).toBe(false);
    expect(v.lines).toHaveLength(3);
    expect(v.lines[0]).toContain('Node 22.12 or newer (this is 20.19.0');
    expect(v.lines[1]).toContain('nvm install 22');
    expect(v.lines[2]).toBe(PREVIEW_LINE);
  });

  it('names the unreachable mirror and the reason when the binary cannot be had, and never advises deleting node_modules', () => {
    const v = decide(facts({ electron: { version: '45.4.1', installed: false }, binaryHost: down('http://127.0.0.1:1/v45.4.1/') }));
    expect(v.ok).toBe(false);
    expect(v.lines).toHaveLength(3);
    expect(v.lines[0]).toContain("Electron 45.4.1's binary");
    expect(v.lines[0]).toContain('http://127.0.0.1:1/v45.4.1/ cannot be reached: connection refused');
    expect(v.lines[1]).toContain('ELECTRON_MIRROR');
    expect(v.lines[1]).toContain('keep node_modules');
    expect(v.lines.join('\n')).not.toMatch(/delete/i);
  });

  it('an unreachable host does not matter when what it serves is already here', () => {
    expect(decide(facts({ binaryHost: down('x'), headersHost: down('y') })).ok).toBe(true);
  });

  it('asks for the headers only when better-sqlite3 is not yet built for Electron', () => {
    const v = decide(facts({ nativeReady: false, headersHost: down('https://www.electronjs.org/headers', 'the name does not resolve') }));
    expect(v.ok).toBe(false);
    expect(v.lines[0]).toContain("Electron's headers");
    expect(v.lines[1]).toContain('ELECTRON_REBUILD_DIST_URL');
  });

  it('keeps to three lines when everything is missing at once', () => {
    const v = decide(facts({ nodeVersion: '20.19.0', electron: { version: '45.4.1', installed: false }, nativeReady: false, binaryHost: down('a'), headersHost: down('b'), proxy: 'http://proxy.corp:3128' }));
    expect(v.lines).toHaveLength(3);
    expect(v.lines[1]).toContain('reach the proxy http://proxy.corp:3128');
  });
});

describe('item 4: Ubuntu 23.10+/24.04’s AppArmor rule against unprivileged user namespaces', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-apparmor-'));
  const procFile = (value: string | null) => {
    const file = path.join(tmp, `userns-${value ?? 'missing'}`);
    if (value !== null) fs.writeFileSync(file, `${value}\n`);
    return file;
  };
  const helper = 'node_modules/electron/dist/chrome-sandbox';
  const withProc = (file: string, helperReady = false) => facts({ sandbox: { restricted: userNamespacesRestricted(file), helper, helperReady } });

  it('the /proc file reading 1 stops npm start with the chrome-sandbox fix, or the .deb, and never --no-sandbox', () => {
    const v = decide(withProc(procFile('1')));
    expect(v.ok).toBe(false);
    expect(v.lines).toHaveLength(3);
    expect(v.lines[0]).toContain('apparmor_restrict_unprivileged_userns = 1');
    expect(v.lines[1]).toContain(`sudo chown root:root ${helper} && sudo chmod 4755 ${helper}`);
    expect(v.lines[1]).toContain('.deb');
    expect(v.lines.join('\n')).not.toContain('--no-sandbox');
  });

  it('0, or no such file, says nothing', () => {
    expect(decide(withProc(procFile('0')))).toEqual({ ok: true, download: false, lines: [], notes: [] });
    expect(decide(withProc(procFile(null)))).toEqual({ ok: true, download: false, lines: [], notes: [] });
  });

  it('a root-owned setuid chrome-sandbox (the fix applied) lets it start', () => {
    expect(decide(withProc(procFile('1'), true)).ok).toBe(true);
  });
});

describe('item 5: a missing C++ toolchain is said before any compile', () => {
  const runner = (present: string[]): Run => (cmd, args) => {
    const name = cmd.endsWith('vswhere.exe') ? 'vswhere' : `${cmd} ${args[0]}`.trim();
    const ok = present.some((p) => name.startsWith(p));
    return { ok, stdout: ok && name === 'vswhere' ? 'C:\\BuildTools\n' : '' };
  };

  it('Windows: Visual Studio Build Tools with the C++ workload, and Python, with the winget commands', () => {
    expect(findToolchain('win32', runner([]), {})).toEqual({ missing: ['Visual Studio Build Tools with the C++ workload', 'Python 3'], install: TOOLCHAIN_INSTALL.win32 });
    expect(findToolchain('win32', runner(['vswhere', 'python --version']), {}).missing).toEqual([]);
    expect(TOOLCHAIN_INSTALL.win32).toMatch(/winget install --id Microsoft\.VisualStudio\.2022\.BuildTools .*VCTools/);
  });

  it('macOS: Xcode command-line tools, found by xcode-select -p', () => {
    expect(findToolchain('darwin', runner([]))).toEqual({ missing: ["Xcode's command-line tools"], install: TOOLCHAIN_INSTALL.darwin });
    expect(findToolchain('darwin', runner(['xcode-select -p'])).missing).toEqual([]);
    expect(TOOLCHAIN_INSTALL.darwin).toContain('xcode-select --install');
  });

  it('Linux: make, g++ and python3', () => {
    expect(findToolchain('linux', runner(['make'])).missing).toEqual(['g++', 'python3']);
  });

  it('the preflight says so, with the install command, and still lets npm start try a prebuilt binary', () => {
    const v = decide(facts({ nativeReady: false, toolchain: { missing: ["Xcode's command-line tools"], install: TOOLCHAIN_INSTALL.darwin } }));
    expect(v.ok).toBe(true);
    expect(v.notes[0]).toContain("no C++ toolchain for native modules here (missing Xcode's command-line tools)");
    expect(v.notes[1]).toContain('xcode-select --install');
    expect(decide(facts({ toolchain: { missing: [], install: '' } })).notes).toEqual([]);
  });
});

describe('preflight probes', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });
  async function listen(handler: http.RequestListener): Promise<number> {
    const s = http.createServer(handler);
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return (s.address() as AddressInfo).port;
  }

  it('counts any HTTP answer as reachable, a 404 from a mirror included', async () => {
    const port = await listen((_req, res) => res.writeHead(404).end());
    expect(await probe(`http://127.0.0.1:${port}/v45.4.1/`, { env: {} })).toMatchObject({ reachable: true });
  });

  it('reports a refused connection in words', async () => {
    const port = await listen(() => {});
    await new Promise((r) => servers.pop()!.close(r));
    expect(await probe(`http://127.0.0.1:${port}/`, { env: {} })).toMatchObject({ reachable: false, reason: 'connection refused' });
  });

  it('gives up on a host that never answers, within its timeout', async () => {
    const port = await listen(() => {}); // accepts, never answers
    const started = Date.now();
    const r = await probe(`http://127.0.0.1:${port}/`, { env: {}, timeoutMs: 200 });
    expect(r).toMatchObject({ reachable: false, reason: 'no answer within 0.2 s' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('goes through HTTPS_PROXY with CONNECT, and a proxy that refuses the tunnel is "unreachable"', async () => {
    const seen: string[] = [];
    const port = await listen(() => {});
    servers[0]!.on('connect', (req, socket) => {
      seen.push(`${req.method} ${req.url}`);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    });
    const r = await probe('https://mirror.invalid/electron/', { env: { HTTPS_PROXY: `http://127.0.0.1:${port}` } });
    expect(seen).toEqual(['CONNECT mirror.invalid:443']);
    expect(r).toMatchObject({ reachable: false, reason: 'the proxy answered 403' });
  });

  it('honours NO_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'localhost,.corp.example' };
    expect(proxyFor('https://github.com/x', env)).toBe('http://proxy:3128');
    expect(proxyFor('https://mirror.corp.example/x', env)).toBeNull();
    expect(proxyFor('https://localhost/x', env)).toBeNull();
    expect(proxyFor('http://github.com/x', env)).toBeNull();
  });
});

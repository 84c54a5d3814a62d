/**
 * `npm start` on a machine that cannot download Electron: the real command, with the download
 * host a loopback port that refuses (through ELECTRON_MIRROR, as a user behind a mirror would set
 * it). It must end within 5 s with the preflight's three lines and build nothing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..', '..');

async function refusingPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, shell: process.platform === 'win32' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

it('npm start without Electron ends within 5 s with three lines: what is missing, the fix, the offline preview', async () => {
  const port = await refusingPort();
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, ELECTRON_REBUILD_DIST_URL: `http://127.0.0.1:${port}/headers`,
    // Where Electron *is* downloaded (a developer's machine, CI), this makes it look absent.
    ELECTRON_OVERRIDE_DIST_PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-no-electron-')),
  };
  for (const k of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'npm_config_electron_mirror', 'NPM_CONFIG_ELECTRON_MIRROR']) delete env[k];
  const distBefore = fs.existsSync(path.join(root, 'dist', 'electron')) ? fs.statSync(path.join(root, 'dist', 'electron')).mtimeMs : null;

  const r = await run('npm', ['start', '--silent'], env);

  expect(r.code).not.toBe(0);
  expect(r.ms).toBeLessThan(5000);
  const lines = r.stderr.trim().split('\n').filter((l) => l.trim());
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^Atelier cannot start here: missing /);
  expect(lines[0]).toContain(`Electron 45.4.1's binary (not downloaded, and http://127.0.0.1:${port}/v45.4.1/ cannot be reached: connection refused)`);
  expect(lines[1]).toMatch(/^Fix: .*ELECTRON_MIRROR.*`npm start` again/);
  expect(lines[2]).toContain('`npm run preview -- --fake`');
  expect(r.stderr).not.toMatch(/gyp|delete/i);
  // Nothing was built before the preflight said no.
  const distAfter = fs.existsSync(path.join(root, 'dist', 'electron')) ? fs.statSync(path.join(root, 'dist', 'electron')).mtimeMs : null;
  expect(distAfter).toBe(distBefore);
}, 15_000);

// `npm test`: typecheck, lint, the GitHub workflows (action-validator), build the renderer, unit tests (Vitest), end-to-end tests
// (Playwright + Chromium). Every step runs even if an earlier one failed, and the last line is
// `N passed, N failed` (typecheck, lint, workflows and build count as one check each).
//
// The keychain tests need a Secret Service. On Linux without a session bus (CI, a container,
// SSH) this script re-runs itself inside a private D-Bus session with a throwaway, unlocked
// gnome-keyring; on a desktop it uses the session's keyring under test-only service names.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const NEEDS_PRIVATE_KEYRING = process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS && !process.env.ATELIER_TEST_KEYRING;

if (NEEDS_PRIVATE_KEYRING) {
  const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0);
  if (missing.length) {
    console.error(`npm test needs ${missing.join(' and ')} on Linux: sudo apt-get install dbus dbus-x11 gnome-keyring libsecret-1-dev`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  // A keyring directory of this run's own: a login keyring left on the machine (with another
  // password) would otherwise stay locked, and nothing here should touch it anyway.
  const keyringHome = mkdtempSync(path.join(os.tmpdir(), 'atelier-keyring-'));
  const inner = 'printf atelier-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec node scripts/run-tests.mjs';
  const r = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    stdio: 'inherit',
    env: { ...process.env, ATELIER_TEST_KEYRING: '1', XDG_DATA_HOME: keyringHome },
  });
  rmSync(keyringHome, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const counts = { passed: 0, failed: 0, skipped: 0 };

function run(title, args) {
  console.log(`\n▶ ${title}`);
  return spawnSync(npx, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } }).status === 0;
}

function check(title, args) {
  const ok = run(title, args);
  counts[ok ? 'passed' : 'failed'] += 1;
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

mkdirSync('test-results', { recursive: true });
check('typecheck', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('lint', ['eslint', '.']);
check('workflows (action-validator)', ['node', 'scripts/validate-workflows.mjs']);
const built = check('build renderer', ['vite', 'build', '--logLevel', 'warn']);

rmSync('test-results/unit.json', { force: true });
const unitOk = run('unit tests (Vitest)', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']);
const unit = readJson('test-results/unit.json');
if (unit) {
  counts.passed += unit.numPassedTests;
  counts.failed += unit.numFailedTests + (unit.numFailedTests === 0 && !unitOk ? 1 : 0);
  counts.skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
} else counts.failed += 1;

if (built) {
  rmSync('test-results/e2e.json', { force: true });
  const e2eOk = run('end-to-end tests (Playwright, Chromium)', ['playwright', 'test']);
  const e2e = readJson('test-results/e2e.json');
  if (e2e && existsSync('test-results/e2e.json')) {
    counts.passed += e2e.stats.expected + e2e.stats.flaky;
    counts.failed += e2e.stats.unexpected + (e2e.stats.unexpected === 0 && !e2eOk ? 1 : 0);
    counts.skipped += e2e.stats.skipped;
  } else counts.failed += 1;
} else {
  console.log('\n▶ end-to-end tests skipped: the renderer did not build');
  counts.failed += 1;
}

console.log(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(counts.failed ? 1 : 0);

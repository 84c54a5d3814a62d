/**
 * How the app starts. Spell-checking is off (no Hunspell downloads). And ATELIER_QUIT_WHEN_LOADED=1, as CI's development-path job runs `npm start` with it: the real
 * app starts, loads its window and quits with 0; a start that fails exits non-zero and says why
 * on stderr instead of showing a modal dialog that would hang the job.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { appEnv, launch, newProfile, sayWhySkipped, skipReason, target, type Profile } from './app';

sayWhySkipped();
test.skip(!!skipReason, skipReason ?? '');
test.setTimeout(150_000);

function runToExit(profile: Profile): Promise<{ code: number | null; output: string }> {
  const child = spawn(target!.executablePath, target!.args, { cwd: path.resolve(__dirname, '..', '..'), env: appEnv(profile, { ATELIER_QUIT_WHEN_LOADED: '1' }) });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

test('ATELIER_QUIT_WHEN_LOADED=1: the app starts, loads its window and quits with 0', async () => {
  const profile = newProfile();
  const run = await runToExit(profile);
  expect(run.code, run.output).toBe(0);
  expect(run.output).toContain('the window loaded');
  const log = fs.readFileSync(path.join(profile.userDataDir, 'logs', 'main.log'), 'utf8');
  expect(log).toContain('atelier: services started');
  // It quit the normal way: the services were stopped, not abandoned.
  expect(log).toContain('atelier: services stopped');
});

test('ATELIER_QUIT_WHEN_LOADED=1: services that cannot start exit non-zero and say why on stderr', async () => {
  const profile = newProfile();
  fs.mkdirSync(path.join(profile.userDataDir, 'library'), { recursive: true });
  fs.writeFileSync(path.join(profile.userDataDir, 'library', 'atelier.sqlite'), 'this is not a database, but it is where one should be');
  const run = await runToExit(profile);
  expect(run.code).not.toBe(0);
  expect(run.code).not.toBeNull();
  expect(run.output).toContain('Atelier could not start');
});

// The window's own spellcheck: false is checked in test/unit/services/shell/windowOptions.test.ts.
test('item 13: spell-checking is off in the window\'s session', async () => {
  const { app } = await launch(newProfile());
  try {
    expect(await app.evaluate(({ session }) => session.defaultSession.isSpellCheckerEnabled())).toBe(false);
  } finally {
    await app.close();
  }
});

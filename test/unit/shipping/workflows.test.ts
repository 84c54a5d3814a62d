/** The CI and release workflows, parsed: what they promise, since they cannot run here. */
import { describe, expect, it } from 'vitest';
import { needsOf, systemsOf, workflow, type Job } from './workflows';

const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe('item 3: the release signs macOS builds', () => {
  it('has no CSC_IDENTITY_AUTO_DISCOVERY switch anywhere (it hides the identity in CSC_LINK)', () => {
    const release = workflow('release.yml');
    expect(JSON.stringify(release)).not.toContain('CSC_IDENTITY_AUTO_DISCOVERY');
    const build = release.jobs.build!;
    expect(build.steps.find((s) => /npm run package/.test(s.run ?? ''))?.env).toMatchObject({ CSC_LINK: expect.stringContaining('MAC_CSC_LINK') });
  });
});

describe('item 12: one draft per release, and both Mac arches', () => {
  const release = workflow('release.yml');

  it('exactly one job creates the release, after every build has passed; the builds never publish', () => {
    const creators = Object.entries(release.jobs).filter(([, job]) => /gh release create/.test(runs(job)));
    expect(creators.map(([id]) => id)).toEqual(['publish']);
    expect(needsOf(release.jobs.publish!)).toContain('build');
    for (const [id, job] of Object.entries(release.jobs)) {
      for (const step of job.steps.filter((s) => /npm run package/.test(s.run ?? ''))) {
        expect(step.run, id).toContain('--publish never');
        expect(step.env ?? {}, id).not.toHaveProperty('GH_TOKEN');
      }
    }
  });

  it('builds macOS on an arm64 and an Intel runner, each for its own arch, and merges their latest-mac.yml', () => {
    const include = release.jobs.build!.strategy!.matrix!.include!;
    expect(include.filter((i) => /^macos/.test(i.os!)).map((i) => [i.os, i.args])).toEqual([
      ['macos-15', '--mac --arm64'],
      ['macos-15-intel', '--mac --x64'],
    ]);
    expect(systemsOf(release.jobs.build!)).toEqual(expect.arrayContaining(['ubuntu-24.04', 'windows-2025']));
    expect(runs(release.jobs.publish!)).toMatch(/merge-mac-update-info\.mjs .*mac-arm64.*mac-x64/);
  });
});

describe('item 16: CI fails closed', () => {
  const ci = workflow('ci.yml');

  it('installers are built only after the Electron job has passed', () => {
    expect(needsOf(ci.jobs.installers!)).toEqual(expect.arrayContaining(['checks', 'electron']));
  });

  it('the Electron job requires Electron (ATELIER_REQUIRE_ELECTRON=1) and runs its specs on all three systems', () => {
    const electron = ci.jobs.electron!;
    expect(electron.env).toMatchObject({ ATELIER_REQUIRE_ELECTRON: '1' });
    expect(systemsOf(electron)).toEqual(['ubuntu-24.04', 'macos-15', 'windows-2025']);
    // Item 6 for packaging: Node's better-sqlite3 loads after electron-builder's rebuild.
    expect(runs(electron)).toMatch(/npm run package:test[\s\S]*require\('better-sqlite3'\)[\s\S]*npm run test:electron/);
  });

  it('a development-path job on all three systems runs npm ci, then npm start that quits when loaded, then the unit tests', () => {
    const dev = ci.jobs['dev-path']!;
    expect(systemsOf(dev)).toEqual(['ubuntu-24.04', 'macos-15', 'windows-2025']);
    const order = dev.steps.map((s) => s.run ?? '');
    const ciAt = order.findIndex((r) => /^npm ci\b/.test(r));
    const startAt = dev.steps.findIndex((s) => /npm start'?\s*$/.test(s.run ?? '') && s.env?.ATELIER_QUIT_WHEN_LOADED === '1');
    const unitAt = order.findIndex((r) => r === 'npm run test:unit');
    expect(ciAt).toBeGreaterThanOrEqual(0);
    expect(startAt).toBeGreaterThan(ciAt);
    expect(unitAt).toBeGreaterThan(startAt);
    // Linux has no display: npm start runs under Xvfb there.
    expect(dev.steps.find((s) => s.if === "runner.os == 'Linux'" && /npm start/.test(s.run ?? ''))?.run).toMatch(/xvfb-run .*npm start'?\s*$/);
    // Every start step quits on its own.
    for (const s of dev.steps.filter((x) => /npm start/.test(x.run ?? ''))) expect(s.env?.ATELIER_QUIT_WHEN_LOADED).toBe('1');
  });

  it('item 4: no job hides Ubuntu’s AppArmor restriction from Electron with a sysctl; the dev path meets it through the preflight', () => {
    for (const id of ['dev-path', 'electron', 'installers']) expect(runs(ci.jobs[id]!), id).not.toContain('apparmor_restrict_unprivileged_userns=0');
    expect(runs(ci.jobs['dev-path']!)).toMatch(/node scripts\/preflight\.mjs[\s\S]*chmod 4755 node_modules\/electron\/dist\/chrome-sandbox/);
  });
});

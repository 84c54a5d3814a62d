import { describe, expect, it } from 'vitest';
import { signingPlan } from '../../../scripts/signing.mjs';

describe('signing plan, said before the build', () => {
  it('an unsigned macOS build says so, and what to set', () => {
    const plan = signingPlan({}, 'darwin');
    expect(plan.signed).toBe(false);
    expect(plan.lines[0]).toMatch(/UNSIGNED.*CSC_LINK/);
  });

  it('a signed macOS build without Apple credentials is not notarised, and says which variables are missing', () => {
    expect(signingPlan({ CSC_LINK: 'x' }, 'darwin').lines[0]).toMatch(/signed but NOT notarised.*APPLE_ID/);
    expect(signingPlan({ CSC_LINK: 'x', APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'b' }, 'darwin').lines[0]).toContain('NOT notarised');
    expect(signingPlan({ CSC_LINK: 'x', APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'b', APPLE_TEAM_ID: 'c' }, 'darwin')).toEqual({ signed: true, lines: ['signing: macOS build is signed and will be notarised.'] });
  });

  it('item 3: CSC_LINK with CSC_IDENTITY_AUTO_DISCOVERY=false is not "signed and will be notarised": electron-builder finds no identity', () => {
    const apple = { APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'b', APPLE_TEAM_ID: 'c' };
    const plan = signingPlan({ CSC_LINK: 'x', CSC_KEY_PASSWORD: 'p', ...apple, CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, 'darwin');
    expect(plan.signed).toBe(false);
    expect(plan.lines[0]).toMatch(/UNSIGNED.*CSC_IDENTITY_AUTO_DISCOVERY=false/);
    expect(plan.lines.join(' ')).not.toContain('will be notarised');
    // A named identity is looked up by name, discovery or not.
    expect(signingPlan({ CSC_LINK: 'x', CSC_NAME: 'Developer ID Application: Atelier', ...apple, CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, 'darwin').signed).toBe(true);
  });

  it('Windows: signed with WIN_CSC_LINK, otherwise warns about SmartScreen and updates', () => {
    expect(signingPlan({ WIN_CSC_LINK: 'x' }, 'win32').signed).toBe(true);
    const unsigned = signingPlan({ CSC_LINK: '' }, 'win32');
    expect(unsigned.signed).toBe(false);
    expect(unsigned.lines[0]).toMatch(/UNSIGNED.*SmartScreen/);
  });

  it('Linux says its packages are unsigned, as is usual', () => {
    expect(signingPlan({}, 'linux').lines[0]).toContain('not signed');
  });
});

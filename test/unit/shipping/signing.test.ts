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

/** The `_electron` specs fail closed where they are required (test/electron/required.ts). */
import { describe, expect, it } from 'vitest';
import { electronRequired, whenNoApp } from '../../electron/required';

const reason = 'there is no packaged build in release-test/';

describe('item 15: the _electron specs fail closed', () => {
  it('with ATELIER_REQUIRE_ELECTRON=1 a missing app throws, naming what is missing and how to build it', () => {
    expect(() => whenNoApp(reason, { ATELIER_REQUIRE_ELECTRON: '1' })).toThrow(/must run here.*no packaged build in release-test\/.*npm run package:test/);
  });

  it('here (.ci/run sets CI=true, nothing else) they skip with their reason', () => {
    expect(whenNoApp(reason, { CI: 'true' })).toEqual({ skip: reason });
    expect(electronRequired({ CI: 'true', ATELIER_REQUIRE_ELECTRON: '0' })).toBe(false);
  });

  it('the CI Electron job sets the switch that makes them required', async () => {
    const { workflow } = await import('./workflows');
    const job = workflow('ci.yml').jobs.electron!;
    expect({ ...workflow('ci.yml').env, ...job.env }).toMatchObject({ ATELIER_REQUIRE_ELECTRON: '1' });
  });
});

import { describe, expect, it } from 'vitest';
import { KEYMAP } from '../../../../renderer/src/app/keymap';
import { LOOK_MODES, lookModeForKey } from '../../../../renderer/src/lib/CloseLook';

describe("the close look's keys", () => {
  it('maps each mode to its letter, either case, and nothing else', () => {
    expect(LOOK_MODES.map((m) => [lookModeForKey(m.key.toLowerCase()), lookModeForKey(m.key)])).toEqual(LOOK_MODES.map((m) => [m.mode, m.mode]));
    expect(new Set(LOOK_MODES.map((m) => m.key)).size).toBe(LOOK_MODES.length);
    expect(lookModeForKey('x')).toBeNull();
    expect(lookModeForKey('1')).toBeNull();
  });

  it('lists every mode, Space, the wipe arrows and the threshold in the "?" sheet', () => {
    const listed = KEYMAP.filter((k) => k.group === 'Look closely').map((k) => k.keys);
    for (const m of LOOK_MODES) expect(listed).toContain(m.key);
    expect(listed).toEqual(expect.arrayContaining(['Space (hold)', '← →', ', / .', 'Z']));
    // They do not collide with the vote keys on the same screen.
    const votes = KEYMAP.filter((k) => k.scope === 'compare' && k.group === 'Compare').map((k) => k.keys);
    for (const m of LOOK_MODES) expect(votes).not.toContain(m.key);
  });
});

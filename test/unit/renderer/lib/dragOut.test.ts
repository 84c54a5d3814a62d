/** Item 8, the window's half: dragstart itself hands the ids to the bridge and cancels the HTML5 drag. */
import { afterEach, describe, expect, it } from 'vitest';
import { dragOutToDesktop } from '../../../../renderer/src/lib/bridge';

const g = globalThis as unknown as { window?: { atelier?: unknown } };
afterEach(() => {
  delete g.window;
});

function dragStart() {
  let prevented = false;
  return { event: { preventDefault: () => void (prevented = true) }, prevented: () => prevented };
}

describe('item 8: drag out starts from dragstart', () => {
  it('with a desktop bridge: preventDefault, and startDrag called synchronously with the ids', () => {
    const calls: string[][] = [];
    g.window = { atelier: { startDrag: (ids: string[]) => void calls.push(ids) } };
    const d = dragStart();
    expect(dragOutToDesktop(d.event, ['a'])).toBe(true);
    expect(d.prevented()).toBe(true);
    expect(calls).toEqual([['a']]);
  });

  it('without one (a browser), the HTML5 drag goes on untouched', () => {
    g.window = { atelier: { invoke: () => {} } };
    const d = dragStart();
    expect(dragOutToDesktop(d.event, ['a'])).toBe(false);
    expect(d.prevented()).toBe(false);
  });
});

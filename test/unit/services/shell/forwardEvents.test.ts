import { describe, expect, it } from 'vitest';
import { forwardEvents } from '../../../../electron/services/shell/forwardEvents';

describe('item 14: events main sends the window', () => {
  it('a payload that cannot be cloned is dropped and logged once per event name; other events still go', () => {
    const sent: Array<[string, unknown]> = [];
    const errors: Array<Record<string, unknown> | undefined> = [];
    // Electron's webContents.send clones with the structured-clone algorithm; structuredClone is the same check.
    const forward = forwardEvents({
      send: (name, payload) => void sent.push([name, structuredClone(payload)]),
      logger: { error: (_m, meta) => void errors.push(meta) },
    });
    forward('jobs.changed', { id: 'a', onDone: () => {} });
    forward('jobs.changed', { id: 'b', onDone: () => {} });
    forward('library.changed', { ids: ['x'] });
    forward('notice', { kind: 'info', message: 'hello', when: new Date(0) });
    expect(sent).toEqual([['library.changed', { ids: ['x'] }], ['notice', { kind: 'info', message: 'hello', when: new Date(0) }]]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ event: 'jobs.changed' });
    expect(String(errors[0]!.message)).toMatch(/could not be cloned/);
  });
});

/** Item 8: a drag out to the desktop names asset ids; main resolves the files and drags them from the window that asked. */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDragOut, MAX_DRAGGED } from '../../../electron/ipc/dragOut';
import type { Logger } from '../../../electron/services/logger';

const ORIGIN = 'app://atelier';
const a = crypto.randomUUID();
const b = crypto.randomUUID();
const FILES: Record<string, string> = { [a]: '/library/originals/aa.png', [b]: '/library/originals/bb.jpg' };

function setup() {
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m) => void warnings.push(m), error() {} };
  const dragOut = createDragOut({ library: { fileOf: (id) => (FILES[id] ? { path: FILES[id] } : null) }, trustedOrigin: () => ORIGIN, logger });
  const drags: string[][] = [];
  const ask = (ids: unknown, sender = { url: `${ORIGIN}/#/library`, isMainFrame: true }) => dragOut({ sender, ids, startDrag: (files) => void drags.push(files) });
  return { ask, drags, warnings };
}

describe('item 8: drag out to Finder/Explorer', () => {
  it('drags the library files of the ids, on the sender, once each, skipping ids the library does not know', () => {
    const { ask, drags } = setup();
    expect(ask([a, b, a, crypto.randomUUID()])).toBe(true);
    expect(drags).toEqual([['/library/originals/aa.png', '/library/originals/bb.jpg']]);
  });

  it('refuses paths, non-ids and too many ids, and starts no drag', () => {
    const { ask, drags, warnings } = setup();
    expect(ask(['/etc/passwd'])).toBe(false);
    expect(ask(a)).toBe(false);
    expect(ask([])).toBe(false);
    expect(ask(Array.from({ length: MAX_DRAGGED + 1 }, () => a))).toBe(false);
    expect(ask([crypto.randomUUID()])).toBe(false);
    expect(drags).toEqual([]);
    expect(warnings).toHaveLength(4);
  });

  it('refuses a frame that is not the app\'s own main frame', () => {
    const { ask, drags } = setup();
    expect(ask([a], { url: `${ORIGIN}/`, isMainFrame: false })).toBe(false);
    expect(ask([a], { url: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(drags).toEqual([]);
  });
});

describe('item 8: the drag icon', () => {
  it('is a non-empty PNG, ready before any drag (nativeImage reads PNG, not the WebP thumbnails)', async () => {
    const { DRAG_ICON_DATA_URL } = await import('../../../electron/services/shell/dragIcon');
    const png = Buffer.from(DRAG_ICON_DATA_URL.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([32, 32]);
  });
});

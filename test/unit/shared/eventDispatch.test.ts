import type { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_DRAG_CHANNEL, IPC_EVENT_CHANNEL } from '../../../shared/ipc/channels';
import { createEventDispatch } from '../../../shared/ipc/eventDispatch';

// The real preload, loaded over a fake electron: what it registers on ipcRenderer is what counts.
const fake = vi.hoisted(() => ({ exposed: null as null | Record<string, (...a: unknown[]) => unknown>, ipc: null as unknown }));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipc = Object.assign(new Emitter(), { invoke: vi.fn(async () => ({ ok: true, data: {} })), send: vi.fn() });
  fake.ipc = ipc;
  return {
    contextBridge: { exposeInMainWorld: (_key: string, api: Record<string, (...a: unknown[]) => unknown>) => void (fake.exposed = api) },
    ipcRenderer: ipc,
    webUtils: { getPathForFile: () => '/photos/a.png' },
  };
});

async function loadPreload() {
  vi.resetModules();
  await import('../../../electron/preload');
  return { bridge: fake.exposed!, ipc: fake.ipc as EventEmitter & { send: ReturnType<typeof vi.fn> } };
}

afterEach(() => vi.restoreAllMocks());

describe('item 14: the preload dispatches every event from one ipcRenderer listener', () => {
  it('14 subscriptions add one underlying listener, and each hears only its own event', async () => {
    const { bridge, ipc } = await loadPreload();
    const heard: string[] = [];
    const names = Array.from({ length: 14 }, (_, i) => `event.${i}`);
    const offs = names.map((n) => bridge.on!(n, (p: unknown) => void heard.push(`${n}:${String(p)}`)) as () => void);
    expect(ipc.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);

    ipc.emit(IPC_EVENT_CHANNEL, {}, 'event.3', 'x');
    expect(heard).toEqual(['event.3:x']);
    offs[3]!();
    ipc.emit(IPC_EVENT_CHANNEL, {}, 'event.3', 'y');
    ipc.emit(IPC_EVENT_CHANNEL, {}, 'event.4', 'z');
    expect(heard).toEqual(['event.3:x', 'event.4:z']);
    expect(ipc.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);
  });

  it('startDrag sends the asset ids, one way, on the drag channel', async () => {
    const { bridge, ipc } = await loadPreload();
    bridge.startDrag!(['a1', 'a2']);
    expect(ipc.send).toHaveBeenCalledWith(IPC_DRAG_CHANNEL, ['a1', 'a2']);
  });
});

describe('event dispatch', () => {
  it('unsubscribing removes only that subscription, also when the same function is subscribed twice', () => {
    const d = createEventDispatch();
    const got: unknown[] = [];
    const l = (p: unknown) => void got.push(p);
    const off1 = d.on('a', l);
    d.on('a', l);
    d.onMessage('a', 1);
    off1();
    off1();
    d.onMessage('a', 2);
    expect(got).toEqual([1, 1, 2]);
    expect(d.listenerCount('a')).toBe(1);
  });

  it('a listener that throws is reported and the others still hear the event', () => {
    const reported: string[] = [];
    const d = createEventDispatch((name, err) => void reported.push(`${name}: ${(err as Error).message}`));
    const got: unknown[] = [];
    d.on('jobs.changed', () => {
      throw new Error('broken screen');
    });
    d.on('jobs.changed', (p) => void got.push(p));
    d.onMessage('jobs.changed', 7);
    expect(got).toEqual([7]);
    expect(reported).toEqual(['jobs.changed: broken screen']);
  });

  it('ignores a message without a string name', () => {
    const d = createEventDispatch();
    const l = vi.fn();
    d.on('undefined', l);
    d.onMessage(undefined, 1);
    expect(l).not.toHaveBeenCalled();
  });
});

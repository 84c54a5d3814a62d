import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../electron/services/events';
import { DAY_MS, UpdateService } from '../../../../electron/services/updates/UpdateService';
import type { UpdateStatus } from '../../../../shared/domain/updates';
import { UpdateStatusSchema } from '../../../../shared/domain/updates';
import { FakeClock } from '../../../support/fakeClock';
import { FakeUpdater } from '../../../support/fakeUpdater';
import { memoryLogger } from '../../../support/tmp';

const services: UpdateService[] = [];
afterEach(() => services.splice(0).forEach((s) => s.dispose()));

function setup(updater: FakeUpdater | null = new FakeUpdater()) {
  const clock = new FakeClock();
  const events = new EventBus();
  const seen: UpdateStatus[] = [];
  events.onAny((name, payload) => {
    if (name === 'updates.status') seen.push(UpdateStatusSchema.parse(payload));
  });
  const logger = memoryLogger();
  const service = new UpdateService({ updater, clock, events, logger, firstCheckMs: 5_000 });
  services.push(service);
  return { clock, service, seen, updater, logger };
}

describe('UpdateService', () => {
  it('is off without an updater (development, tests): no checks, no restart', async () => {
    const { service, clock } = setup(null);
    service.start();
    await clock.advance(2 * DAY_MS);
    expect(service.status()).toEqual({ state: 'disabled' });
    await expect(service.restart()).rejects.toMatchObject({ code: 'not_found' });
  });

  it('checks shortly after start, then once a day', async () => {
    const { service, clock, updater } = setup();
    service.start();
    await clock.advance(4_999);
    expect(updater!.checks).toBe(0);
    await clock.advance(1);
    expect(updater!.checks).toBe(1);
    expect(service.status()).toEqual({ state: 'idle', lastCheckedAt: clock.now() });
    await clock.advance(DAY_MS);
    expect(updater!.checks).toBe(2);
    await clock.advance(DAY_MS);
    expect(updater!.checks).toBe(3);
  });

  it('downloads in the background and then offers the restart, telling the window each step', async () => {
    const { service, clock, updater, seen } = setup();
    updater!.next = { kind: 'update', version: '0.2.0' };
    service.start();
    await clock.advance(5_000);
    expect(seen.map((s) => s.state)).toEqual(['checking', 'downloading', 'downloading', 'ready']);
    expect(seen[2]).toEqual({ state: 'downloading', version: '0.2.0', percent: 42.5 });
    expect(service.status()).toEqual({ state: 'ready', version: '0.2.0' });
    // Never forced: nothing installs until the user asks.
    await clock.advance(3 * DAY_MS);
    expect(updater!.installs).toBe(0);
    await service.restart();
    expect(updater!.installs).toBe(1);
  });

  it('stops checking once an update is waiting, so the offer cannot be replaced by a failure', async () => {
    const { service, clock, updater } = setup();
    updater!.next = { kind: 'update', version: '0.2.0' };
    service.start();
    await clock.advance(5_000);
    updater!.next = { kind: 'fail', message: 'offline' };
    await clock.advance(DAY_MS);
    expect(updater!.checks).toBe(1);
    expect(service.status()).toEqual({ state: 'ready', version: '0.2.0' });
  });

  it('a failed check is logged and shown as state, never thrown, and the next day tries again', async () => {
    const { service, clock, updater, logger } = setup();
    updater!.next = { kind: 'fail', message: 'net::ERR_INTERNET_DISCONNECTED' };
    service.start();
    await clock.advance(5_000);
    expect(service.status()).toEqual({ state: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' });
    expect(logger.lines.join('\n')).toContain('updates: check failed');
    updater!.next = { kind: 'none' };
    await clock.advance(DAY_MS);
    expect(service.status()).toMatchObject({ state: 'idle' });
  });

  it('refuses "Restart to update" before anything was downloaded', async () => {
    const { service, updater } = setup();
    await expect(service.restart()).rejects.toMatchObject({ code: 'not_found', message: 'There is no downloaded update to install yet.' });
    expect(updater!.installs).toBe(0);
  });

  it('stops its timer on dispose', async () => {
    const { service, clock, updater } = setup();
    service.start();
    service.dispose();
    await clock.advance(2 * DAY_MS);
    expect(updater!.checks).toBe(0);
  });
});

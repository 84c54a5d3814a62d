import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../electron/services/events';
import { updatesOffReason } from '../../../../electron/services/updates/updatePolicy';
import { UpdateService } from '../../../../electron/services/updates/UpdateService';
import { UpdateStatusSchema } from '../../../../shared/domain/updates';
import { FakeClock } from '../../../support/fakeClock';
import { memoryLogger } from '../../../support/tmp';

describe('which builds update themselves', () => {
  it('a .deb install does not (DebUpdater would ask for a password at quit); the AppImage, Windows and macOS do', () => {
    expect(updatesOffReason({ isPackaged: true, platform: 'linux', env: {}, packageType: 'deb' })).toBe('Installed from a .deb: updates come from installing the next .deb.');
    expect(updatesOffReason({ isPackaged: true, platform: 'linux', env: {}, packageType: null })).toMatch(/Only the AppImage updates itself/);
    expect(updatesOffReason({ isPackaged: true, platform: 'linux', env: { APPIMAGE: '/home/ana/Atelier.AppImage' } })).toBeNull();
    expect(updatesOffReason({ isPackaged: true, platform: 'win32', env: {} })).toBeNull();
    expect(updatesOffReason({ isPackaged: true, platform: 'darwin', env: {} })).toBeNull();
  });

  it('development and ATELIER_UPDATES=off never update', () => {
    expect(updatesOffReason({ isPackaged: false, platform: 'win32', env: {} })).toMatch(/development build/);
    expect(updatesOffReason({ isPackaged: true, platform: 'darwin', env: { ATELIER_UPDATES: 'off' } })).toMatch(/ATELIER_UPDATES=off/);
  });
});

describe('the disabled state says why', () => {
  it('carries the reason through the contract', () => {
    const reason = updatesOffReason({ isPackaged: true, platform: 'linux', env: {}, packageType: 'deb' })!;
    const service = new UpdateService({ updater: null, offReason: reason, clock: new FakeClock(), events: new EventBus(), logger: memoryLogger() });
    expect(UpdateStatusSchema.parse(service.status())).toEqual({ state: 'disabled', reason });
    service.dispose();
  });
});

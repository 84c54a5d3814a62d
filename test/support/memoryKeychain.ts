import type { Keychain } from '../../electron/services/secrets/SecretStore';

/** A keychain in memory, for the SecretStore's logic; the real keychain has tests of its own. */
export class MemoryKeychain implements Keychain {
  readonly entries = new Map<string, string>();
  /** While true every call rejects, as keytar does when no Secret Service is running. */
  down = false;

  private check(): void {
    if (this.down) throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  }

  async getPassword(service: string, account: string): Promise<string | null> {
    this.check();
    return this.entries.get(`${service}/${account}`) ?? null;
  }

  async setPassword(service: string, account: string, password: string): Promise<void> {
    this.check();
    this.entries.set(`${service}/${account}`, password);
  }

  async deletePassword(service: string, account: string): Promise<boolean> {
    this.check();
    return this.entries.delete(`${service}/${account}`);
  }
}

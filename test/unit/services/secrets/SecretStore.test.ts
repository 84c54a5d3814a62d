/**
 * Runs against the real OS keychain (keytar → Secret Service). `npm test` runs inside a dbus
 * session with an unlocked gnome-keyring (see .ci/run); each test uses its own service name.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKeytar, SecretStore, type Keychain } from '../../../../electron/services/secrets/SecretStore';
import { createTestEncryptor } from '../../../harness/testEncryptor';
import { memoryLogger, tempDir } from '../../../support/tmp';

const KEY = `AIzaTest${crypto.randomBytes(12).toString('hex')}`;
const services: string[] = [];
let keytar: Keychain | null;

async function store(over: Partial<ConstructorParameters<typeof SecretStore>[0]> = {}) {
  keytar ??= await loadKeytar(memoryLogger());
  const service = `Atelier-unit-${crypto.randomUUID()}`;
  services.push(service);
  const logger = memoryLogger();
  const dir = tempDir();
  const s = new SecretStore({
    keychain: keytar,
    service,
    encryptedFile: path.join(dir, 'gemini-key.enc'),
    encryptor: createTestEncryptor(),
    logger,
    ...over,
  });
  return { s, service, logger, file: path.join(dir, 'gemini-key.enc') };
}

/** A keychain whose daemon is not running: every call rejects, as keytar does without a Secret Service. */
const unreachable: Keychain = {
  getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
};

afterEach(async () => {
  for (const service of services.splice(0)) await keytar?.deletePassword(service, 'gemini-api-key');
});

describe('SecretStore with the system keychain', () => {
  it('saves, reads and removes the key in the real keychain', async () => {
    const { s, service, file } = await store();
    expect(await s.status()).toMatchObject({ hasKey: false, source: null, store: 'keychain' });
    await s.setKey(KEY);
    expect(await keytar!.getPassword(service, 'gemini-api-key')).toBe(KEY);
    expect(await s.getKey()).toBe(KEY);
    expect(await s.status()).toMatchObject({ hasKey: true, source: 'keychain', store: 'keychain' });
    expect(fs.existsSync(file)).toBe(false);
    await s.clear();
    expect(await keytar!.getPassword(service, 'gemini-api-key')).toBeNull();
    expect(await s.status()).toMatchObject({ hasKey: false });
  });

  it('status never contains the key, and nothing is logged with it', async () => {
    const { s, logger } = await store();
    await s.setKey(KEY);
    expect(JSON.stringify(await s.status())).not.toContain(KEY);
    expect(logger.lines.join('\n')).not.toContain(KEY);
  });

  it('prefers GEMINI_API_KEY from the environment, read-only', async () => {
    const { s } = await store({ envKey: 'AIzaFromEnvironment000000000000000' });
    expect(await s.getKey()).toBe('AIzaFromEnvironment000000000000000');
    expect(await s.status()).toMatchObject({ hasKey: true, source: 'env' });
  });
});

describe('SecretStore without a keychain', () => {
  it('falls back to an encrypted file and says so', async () => {
    const { s, file, logger } = await store({ keychain: unreachable });
    const status = await s.status();
    expect(status.store).toBe('encrypted-file');
    expect(status.storeMessage).toMatch(/encrypted/);
    await s.setKey(KEY);
    const onDisk = fs.readFileSync(file);
    expect(onDisk.includes(Buffer.from(KEY))).toBe(false);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(await s.getKey()).toBe(KEY);
    expect(await s.status()).toMatchObject({ hasKey: true, source: 'encrypted-file' });
    expect(logger.lines.join('\n')).toContain('keychain unreachable');
    await s.clear();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses to store the key in plain text when nothing can encrypt it', async () => {
    const { s, file } = await store({ keychain: null, encryptor: { isAvailable: () => false, encrypt: () => Buffer.from(''), decrypt: () => '' } });
    expect(await s.status()).toMatchObject({ store: 'unavailable', hasKey: false });
    await expect(s.setKey(KEY)).rejects.toMatchObject({ code: 'key_store_unavailable' });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('moves a key saved in the fallback file into the keychain once it is reachable', async () => {
    const first = await store({ keychain: unreachable });
    await first.s.setKey(KEY);
    expect(fs.existsSync(first.file)).toBe(true);
    const again = new SecretStore({
      keychain: keytar,
      service: first.service,
      encryptedFile: first.file,
      encryptor: createTestEncryptor(),
      logger: memoryLogger(),
    });
    await again.setKey(KEY);
    expect(fs.existsSync(first.file)).toBe(false);
    expect(await keytar!.getPassword(first.service, 'gemini-api-key')).toBe(KEY);
  });
});

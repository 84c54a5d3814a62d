/**
 * The SecretStore's decisions, against an in-memory keychain: fast, and runnable anywhere.
 * SecretStore.test.ts checks the same store against the real OS keychain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretStore } from '../../../../electron/services/secrets/SecretStore';
import { createTestEncryptor } from '../../../harness/testEncryptor';
import { MemoryKeychain } from '../../../support/memoryKeychain';
import { memoryLogger, tempDir } from '../../../support/tmp';

const KEY = 'AQ.Ab8RN6LogicTestKey_0123456789abcdef';

function make(over: Partial<ConstructorParameters<typeof SecretStore>[0]> = {}) {
  const keychain = new MemoryKeychain();
  const logger = memoryLogger();
  const file = path.join(tempDir(), 'gemini-key.enc');
  const s = new SecretStore({ keychain, service: 'Atelier-logic', encryptedFile: file, encryptor: createTestEncryptor(), logger, ...over });
  return { s, keychain, logger, file };
}

describe('SecretStore logic (in-memory keychain)', () => {
  it('saves to the keychain, reads back, clears, and never reports or logs the key', async () => {
    const { s, keychain, logger, file } = make();
    expect(await s.status()).toMatchObject({ hasKey: false, source: null, store: 'keychain' });
    const status = await s.setKey(KEY);
    expect(status).toMatchObject({ hasKey: true, source: 'keychain' });
    expect(JSON.stringify(status)).not.toContain(KEY);
    expect(keychain.entries.get('Atelier-logic/gemini-api-key')).toBe(KEY);
    expect(fs.existsSync(file)).toBe(false);
    expect(await s.getKey()).toBe(KEY);
    await s.clear();
    expect(await s.getKey()).toBeNull();
    expect(logger.lines.join('\n')).not.toContain(KEY);
  });

  it('requireKey says what to do when there is no key', async () => {
    const { s } = make();
    await expect(s.requireKey()).rejects.toMatchObject({ code: 'no_key', message: expect.stringContaining('Settings') });
    await s.setKey(KEY);
    await expect(s.requireKey()).resolves.toBe(KEY);
  });

  it('prefers GEMINI_API_KEY and never writes it', async () => {
    const { s, keychain, file } = make({ envKey: 'AIzaFromTheEnvironment000000000000000' });
    expect(await s.getKey()).toBe('AIzaFromTheEnvironment000000000000000');
    expect((await s.status()).source).toBe('env');
    expect(keychain.entries.size).toBe(0);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('falls back to the encrypted file when the keychain is down, and moves the key back when it returns', async () => {
    const encryptor = createTestEncryptor();
    const down = make({ encryptor });
    down.keychain.down = true;
    expect(await down.s.setKey(KEY)).toMatchObject({ source: 'encrypted-file', store: 'encrypted-file' });
    expect(fs.readFileSync(down.file).includes(Buffer.from(KEY))).toBe(false);
    expect(down.logger.lines.join('\n')).toMatch(/unreachable/);

    // Next start, the keychain is up: saving again puts it there and removes the file.
    const up = make({ encryptedFile: down.file, encryptor });
    expect(await up.s.getKey()).toBe(KEY);
    await up.s.setKey(KEY);
    expect(up.keychain.entries.size).toBe(1);
    expect(fs.existsSync(down.file)).toBe(false);
  });

  it('refuses to keep the key when nothing can encrypt it', async () => {
    const { s, keychain, file } = make({ keychain: null, encryptor: { isAvailable: () => false, encrypt: () => Buffer.alloc(0), decrypt: () => '' } });
    await expect(s.setKey(KEY)).rejects.toMatchObject({ code: 'key_store_unavailable' });
    expect(keychain.entries.size).toBe(0);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('treats an encrypted file it cannot decrypt as no key, and says so in the log', async () => {
    const { s, logger, file } = make({ keychain: null });
    fs.writeFileSync(file, 'garbage');
    expect(await s.getKey()).toBeNull();
    expect(logger.lines.join('\n')).toMatch(/could not be decrypted/);
  });
});

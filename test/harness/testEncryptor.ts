import crypto from 'node:crypto';
import type { Encryptor } from '../../electron/services/secrets/SecretStore';

/**
 * Stands in for Electron's safeStorage in the harness: real AES-256-GCM with a key held by the
 * test process, so the "no keychain" path stores real ciphertext that a test can inspect.
 */
export function createTestEncryptor(secret = crypto.randomBytes(32)): Encryptor & { secret: Buffer } {
  return {
    secret,
    isAvailable: () => true,
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', secret, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

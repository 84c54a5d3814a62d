import fs from 'node:fs';
import path from 'node:path';
import type { KeyStatus } from '../../../shared/ipc/contract';
import { AppError } from '../errors';
import { errorMeta, type Logger } from '../logger';

/** The subset of keytar Atelier uses; keytar itself satisfies it. */
export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Encrypts the key for the file fallback. In the app this is Electron's safeStorage. */
export interface Encryptor {
  /** False when the platform could only obfuscate (safeStorage's `basic_text` backend on Linux). */
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export interface SecretStoreOptions {
  /** Null when keytar could not be loaded at all. */
  keychain: Keychain | null;
  /** Keychain service name; tests use one of their own so they never touch a real user's key. */
  service: string;
  account?: string;
  /** Where the encrypted fallback lives. */
  encryptedFile: string;
  encryptor: Encryptor | null;
  /** GEMINI_API_KEY from the environment: honoured, never written anywhere. */
  envKey?: string | undefined;
  logger: Logger;
}

type Store = KeyStatus['store'];

const STORE_MESSAGES: Record<Store, string> = {
  keychain: 'Your key is kept in the system keychain and never leaves this computer except to call Gemini.',
  'encrypted-file':
    'No system keychain is reachable, so your key is kept in a file encrypted by the operating system’s data protection.',
  unavailable:
    'No secure place to keep a key: no system keychain is running and the OS cannot encrypt data. ' +
    'Start a keyring (GNOME Keyring or KWallet) or set GEMINI_API_KEY in the environment.',
};

/**
 * Where the Gemini API key lives. Main-process only: the key goes to the Gemini client and
 * nowhere else — not to the renderer (it only learns `hasKey`), not to SQLite, not to logs.
 */
export class SecretStore {
  private readonly account: string;
  private keychainReachable: boolean | null = null;

  constructor(private readonly opts: SecretStoreOptions) {
    this.account = opts.account ?? 'gemini-api-key';
  }

  /** The key to call Gemini with, or null. */
  async getKey(): Promise<string | null> {
    if (this.opts.envKey) return this.opts.envKey;
    if (await this.canUseKeychain()) {
      const key = await this.opts.keychain!.getPassword(this.opts.service, this.account);
      if (key) return key;
    }
    return this.readEncryptedFile();
  }

  /** The one key check before work that needs Gemini: a clear message instead of a failed call. */
  async requireKey(): Promise<string> {
    const key = await this.getKey();
    if (!key) throw new AppError('no_key', 'Add your Gemini API key first (Settings → API key).');
    return key;
  }

  async status(): Promise<KeyStatus> {
    const store = await this.writableStore();
    let source: KeyStatus['source'] = null;
    if (this.opts.envKey) source = 'env';
    else if (store === 'keychain' && (await this.opts.keychain!.getPassword(this.opts.service, this.account))) source = 'keychain';
    else if (this.readEncryptedFile()) source = 'encrypted-file';
    return { hasKey: source !== null, source, store, storeMessage: STORE_MESSAGES[store] };
  }

  async setKey(key: string): Promise<KeyStatus> {
    const store = await this.writableStore();
    if (store === 'unavailable') throw new AppError('key_store_unavailable', STORE_MESSAGES.unavailable);
    if (store === 'keychain') {
      await this.opts.keychain!.setPassword(this.opts.service, this.account, key);
      // A key saved earlier while the keychain was down must not linger on disk.
      fs.rmSync(this.opts.encryptedFile, { force: true });
    } else {
      this.writeEncryptedFile(key);
    }
    this.opts.logger.info('secrets: key saved', { store });
    return this.status();
  }

  async clear(): Promise<KeyStatus> {
    if (await this.canUseKeychain()) await this.opts.keychain!.deletePassword(this.opts.service, this.account);
    fs.rmSync(this.opts.encryptedFile, { force: true });
    this.opts.logger.info('secrets: key removed');
    return this.status();
  }

  private async writableStore(): Promise<Store> {
    if (await this.canUseKeychain()) return 'keychain';
    if (this.opts.encryptor?.isAvailable()) return 'encrypted-file';
    return 'unavailable';
  }

  /** Probes the keychain once; on Linux without a Secret Service every keytar call rejects. */
  private async canUseKeychain(): Promise<boolean> {
    if (!this.opts.keychain) return false;
    if (this.keychainReachable === null) {
      try {
        await this.opts.keychain.getPassword(this.opts.service, '__atelier_probe__');
        this.keychainReachable = true;
      } catch (err) {
        this.opts.logger.warn('secrets: system keychain unreachable, using the encrypted file fallback', errorMeta(err));
        this.keychainReachable = false;
      }
    }
    return this.keychainReachable;
  }

  private readEncryptedFile(): string | null {
    const { encryptedFile, encryptor } = this.opts;
    if (!encryptor?.isAvailable() || !fs.existsSync(encryptedFile)) return null;
    try {
      return encryptor.decrypt(fs.readFileSync(encryptedFile)) || null;
    } catch (err) {
      this.opts.logger.warn('secrets: encrypted key file could not be decrypted', errorMeta(err));
      return null;
    }
  }

  private writeEncryptedFile(key: string): void {
    const { encryptedFile, encryptor } = this.opts;
    fs.mkdirSync(path.dirname(encryptedFile), { recursive: true });
    const tmp = `${encryptedFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, encryptor!.encrypt(key), { mode: 0o600 });
    fs.renameSync(tmp, encryptedFile);
  }
}

/** Loads keytar if its native module and the OS library it needs are present; null otherwise. */
export async function loadKeytar(logger: Logger): Promise<Keychain | null> {
  try {
    const mod = (await import('keytar')) as unknown as { default?: Keychain } & Keychain;
    return mod.default ?? mod;
  } catch (err) {
    logger.warn('secrets: keytar could not be loaded', errorMeta(err));
    return null;
  }
}

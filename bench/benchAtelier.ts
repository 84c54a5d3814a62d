/** The Atelier every engine-side benchmark drives: a fresh data folder, the env key, Gemini at `baseUrl`. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAtelier, type Atelier, type AtelierOptions } from '../electron/atelier';

export const BENCH_KEY = 'AIzaBenchmarkKey000000000000000000000000';

export function benchAtelier(baseUrl: string, extra: Partial<AtelierOptions> = {}): Promise<Atelier> {
  return createAtelier({
    userDataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-')),
    rendererDir: os.tmpdir(),
    trustedOrigin: () => 'app://atelier',
    appVersion: 'bench',
    keychain: null,
    encryptor: null,
    env: { GEMINI_API_KEY: BENCH_KEY, GEMINI_BASE_URL: baseUrl },
    ...extra,
  });
}

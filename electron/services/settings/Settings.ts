import fs from 'node:fs';
import path from 'node:path';
import { type z } from 'zod';
import { type SettingsPatchSchema, SettingsSchema, type Settings as SettingsView } from '../../../shared/ipc/contract';
import { errorMeta, type Logger } from '../logger';

const StoredSettingsSchema = SettingsSchema.omit({ effectiveApiBaseUrl: true });
type StoredSettings = z.infer<typeof StoredSettingsSchema>;

/**
 * Google publishes no fixed per-model limits (they are per project and billing tier); these are
 * the seed's starting points, and the user sets their own in Settings → Quota.
 */
const DEFAULTS: StoredSettings = {
  apiBaseUrl: null,
  defaultTier: 'flash',
  defaultAspectRatio: '1:1',
  quotas: {
    flash: { requestsPerMinute: 60, imagesPerMinute: null, requestsPerDay: null },
    pro: { requestsPerMinute: 15, imagesPerMinute: null, requestsPerDay: null },
    lite: { requestsPerMinute: 60, imagesPerMinute: null, requestsPerDay: null },
  },
  maxInFlight: 5,
  monthlyBudgetUsd: null,
  notifyWhenDone: true,
  spendPer10MinUsd: null,
};

export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/**
 * User settings in `settings.json`. GEMINI_BASE_URL in the environment overrides the stored
 * endpoint (that is how tests and proxies point the app elsewhere) without being saved.
 */
export class Settings {
  private current: StoredSettings;

  constructor(
    private readonly file: string,
    private readonly env: { GEMINI_BASE_URL?: string | undefined },
    private readonly logger: Logger,
  ) {
    this.current = this.load();
  }

  get(): SettingsView {
    return { ...this.current, effectiveApiBaseUrl: this.env.GEMINI_BASE_URL || this.current.apiBaseUrl };
  }

  /** The endpoint the Gemini client should use; undefined means the SDK's default (Google). */
  apiBaseUrl(): string | undefined {
    return this.get().effectiveApiBaseUrl ?? undefined;
  }

  update(patch: SettingsPatch): SettingsView {
    this.current = StoredSettingsSchema.parse({ ...this.current, ...patch, quotas: { ...this.current.quotas, ...patch.quotas } });
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.current, null, 2));
    fs.renameSync(tmp, this.file);
    return this.get();
  }

  private load(): StoredSettings {
    if (!fs.existsSync(this.file)) return { ...DEFAULTS };
    try {
      const raw = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<StoredSettings>;
      // Settings saved before a class existed (Lite) lack its quota: it gets the default, the rest stay.
      if (raw && typeof raw === 'object' && raw.quotas && typeof raw.quotas === 'object') raw.quotas = { ...DEFAULTS.quotas, ...raw.quotas };
      const parsed = StoredSettingsSchema.partial().safeParse(raw);
      if (parsed.success) return { ...DEFAULTS, ...parsed.data };
      this.logger.warn('settings: stored settings are invalid, using defaults', { issue: parsed.error.issues[0]?.message });
    } catch (err) {
      this.logger.warn('settings: settings.json unreadable, using defaults', errorMeta(err));
    }
    return { ...DEFAULTS };
  }
}


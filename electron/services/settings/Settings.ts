import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type SettingsPatchSchema, SettingsSchema, type Settings as SettingsView } from '../../../shared/ipc/contract';
import { AppError } from '../errors';
import { errorMeta, type Logger } from '../logger';
import { endpointConfirmation, endpointOrigin, endpointProblem, isGoogleEndpoint, type ConfirmRequest } from './endpoint';

const StoredSettingsSchema = SettingsSchema.omit({ effectiveApiBaseUrl: true }).extend({
  /** Endpoint origins the user confirmed in main's own dialog. Never shown to or set by the window. */
  confirmedEndpoints: z.array(z.string().max(2048)).max(50).default([]),
});
type StoredSettings = z.infer<typeof StoredSettingsSchema>;

/**
 * Google publishes no fixed per-model limits (they are per project and billing tier); these are
 * the seed's starting points, and the user sets their own in Settings → Quota.
 */
const DEFAULTS: StoredSettings = {
  apiBaseUrl: null,
  confirmedEndpoints: [],
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
  streaming: true,
  requestDeadlineSeconds: 180,
  requestDeadlineLargeSeconds: 480,
  spendPer10MinUsd: null,
  letGoogleKeepRequests: false,
  priorityAllowed: false,
  searchByMeaning: false,
};

export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/**
 * User settings in `settings.json`. GEMINI_BASE_URL in the environment overrides the stored
 * endpoint (that is how tests and proxies point the app elsewhere) without being saved.
 */
export class Settings {
  private current: StoredSettings;
  /** Keys settings.json itself holds (the rest are defaults): a setting newer than the file is not among them. */
  private stored = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly env: { GEMINI_BASE_URL?: string | undefined },
    private readonly logger: Logger,
  ) {
    this.current = this.load();
  }

  /** Whether the user's file holds this setting, rather than its default standing in. */
  has(key: keyof StoredSettings): boolean {
    return this.stored.has(key);
  }

  get(): SettingsView {
    const { confirmedEndpoints: _confirmed, ...view } = this.current;
    return { ...view, effectiveApiBaseUrl: this.env.GEMINI_BASE_URL || this.current.apiBaseUrl };
  }

  /**
   * The endpoint the Gemini client should use; undefined means the SDK's default (Google).
   * Throws rather than return an endpoint the key may not go to: one the user never confirmed
   * (settings.json edited behind Atelier's back) or one that is plain http to another machine.
   * GEMINI_BASE_URL comes from the user's own environment, which the window cannot touch.
   */
  apiBaseUrl(): string | undefined {
    if (this.env.GEMINI_BASE_URL) return this.env.GEMINI_BASE_URL;
    const url = this.current.apiBaseUrl;
    if (!url || isGoogleEndpoint(url)) return url ?? undefined;
    const problem = endpointProblem(url);
    if (problem || !this.current.confirmedEndpoints.includes(endpointOrigin(url))) {
      throw new AppError('unconfirmed_endpoint', `Atelier will not send your key to ${url} until you confirm it: set the endpoint again in Settings.`);
    }
    return url;
  }

  /**
   * A change asked for by the window. A new non-Google endpoint is refused unless it is allowed at
   * all and the user confirms it in `confirm` (main's native dialog); nothing changes otherwise.
   */
  async updateFromWindow(patch: SettingsPatch, confirm: (req: ConfirmRequest) => Promise<boolean>): Promise<SettingsView> {
    const url = patch.apiBaseUrl;
    if (url && !isGoogleEndpoint(url)) {
      const problem = endpointProblem(url);
      if (problem) throw new AppError('bad_input', problem);
      const origin = endpointOrigin(url);
      if (!this.current.confirmedEndpoints.includes(origin)) {
        if (!(await confirm(endpointConfirmation(url)))) {
          throw new AppError('unconfirmed_endpoint', 'The new endpoint was not confirmed, so nothing changed.');
        }
        this.write({ ...this.current, confirmedEndpoints: [...this.current.confirmedEndpoints, origin].slice(-50) });
      }
    }
    return this.update(patch);
  }

  /** A change from main itself (or the window, once updateFromWindow has checked it). */
  update(patch: SettingsPatch): SettingsView {
    this.write(StoredSettingsSchema.parse({ ...this.current, ...patch, quotas: { ...this.current.quotas, ...patch.quotas } }));
    return this.get();
  }

  private write(next: StoredSettings): void {
    this.current = next;
    this.stored = new Set(Object.keys(next));
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.current, null, 2));
    fs.renameSync(tmp, this.file);
  }

  private load(): StoredSettings {
    if (!fs.existsSync(this.file)) return { ...DEFAULTS };
    try {
      const raw = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<StoredSettings>;
      // Settings saved before a class existed (Lite) lack its quota: it gets the default, the rest stay.
      if (raw && typeof raw === 'object' && raw.quotas && typeof raw.quotas === 'object') raw.quotas = { ...DEFAULTS.quotas, ...raw.quotas };
      const parsed = StoredSettingsSchema.partial().safeParse(raw);
      if (parsed.success) {
        this.stored = new Set(Object.keys(parsed.data));
        return { ...DEFAULTS, ...parsed.data };
      }
      this.logger.warn('settings: stored settings are invalid, using defaults', { issue: parsed.error.issues[0]?.message });
    } catch (err) {
      this.logger.warn('settings: settings.json unreadable, using defaults', errorMeta(err));
    }
    return { ...DEFAULTS };
  }
}


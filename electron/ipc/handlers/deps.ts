import type { CheckReport } from '../../services/library/check';
import type { RouteHandlers } from '../router';
import type { RouteName } from '../../../shared/ipc/contract';
import type { BatchService } from '../../services/batch/BatchService';
import type { FileBatchService } from '../../services/batch/file/FileBatchService';
import type { ChatService } from '../../services/chat/ChatService';
import type { CompareService } from '../../services/compare/CompareService';
import type { EditService } from '../../services/edit/EditService';
import type { DesktopShell } from '../../services/desktop/DesktopShell';
import type { EventBus } from '../../services/events';
import type { ModelCatalog } from '../../services/gemini/ModelCatalog';
import type { RequestPolicy } from '../../services/generation/RequestPolicy';
import type { Duplicates } from '../../services/finding/Duplicates';
import type { Fingerprints } from '../../services/finding/Fingerprints';
import type { CredentialsPass } from '../../services/library/CredentialsPass';
import type { Meaning } from '../../services/finding/Meaning';
import type { PromptLibrary } from '../../services/prompts/PromptLibrary';
import type { SeriesService } from '../../services/series/SeriesService';
import type { SmartCollections } from '../../services/library/SmartCollections';
import type { Importer } from '../../services/library/Importer';
import type { Library } from '../../services/library/Library';
import type { Organiser } from '../../services/library/Organiser';
import type { HeldInputs } from '../../services/references/HeldInputs';
import type { Elements } from '../../services/references/Elements';
import type { JobControl } from '../../services/jobs/JobControl';
import type { JobQueue } from '../../services/queue/JobQueue';
import type { SecretStore } from '../../services/secrets/SecretStore';
import type { Settings } from '../../services/settings/Settings';
import type { UpdateService } from '../../services/updates/UpdateService';
import type { UsageService } from '../../services/usage/UsageService';

export interface HandlerDeps {
  appVersion: string;
  platform: string;
  secrets: SecretStore;
  settings: Settings;
  catalog: ModelCatalog;
  policy: RequestPolicy;
  queue: JobQueue;
  /** Cancel and retry, whichever service owns the job. */
  jobs: JobControl;
  chat: ChatService;
  batch: BatchService;
  /** Batches from a CSV or JSONL file, through the Batch API's file input. */
  batchFiles: FileBatchService;
  usage: UsageService;
  library: Library;
  organiser: Organiser;
  importer: Importer;
  /** Dropped or pasted references, held until a job using them succeeds. */
  held: HeldInputs;
  /** Named references kept in the library. */
  elements: Elements;
  events: EventBus;
  desktop: DesktopShell;
  startupNotices: Array<{ kind: 'info' | 'warning'; message: string }>;
  userDataDir: string;
  libraryDir: string;
  /** When this run of the app started (the self-check judges only files from before). */
  startedAt: number;
  /** The self-check, on its own thread (services/library/checkInWorker.ts). */
  checkLibrary: () => Promise<CheckReport>;
  /** Opens an https URL in the system browser (Electron's shell.openExternal). */
  openExternal: (url: string) => Promise<void>;
  updates: UpdateService;
  compare: CompareService;
  edit: EditService;
  /** Near-duplicates and look-alikes (services/finding). */
  fingerprints: Fingerprints;
  credentialsPass: CredentialsPass;
  duplicates: Duplicates;
  /** Search by meaning (opt-in). */
  meaning: Meaning;
  /** Saved prompts and the prompt history. */
  prompts: PromptLibrary;
  /** Saved searches of the library, counted live. */
  smartCollections: SmartCollections;
  /** Series of panels, stored with their rolls. */
  series: SeriesService;
}

/** The handlers of one domain: the routes whose names start with `<domain>.`. */
export type DomainHandlers<D extends string> = Pick<RouteHandlers, Extract<RouteName, `${D}.${string}`>>;

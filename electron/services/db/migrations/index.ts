import type { Migration } from '../types';
import { m0010Initial } from './0010-initial';
import { m0020QueueChatsResults } from './0020-queue-chats-results';
import { m0030LibraryOrganiseSearch } from './0030-library-organise-search';
import { m0040FilterIndexes } from './0040-filter-indexes';
import { m0050RepairUsageNumbers } from './0050-repair-usage-numbers';
import { m0055LiteTier } from './0055-lite-tier';
import { m0060RepairModelIds } from './0060-repair-model-ids';
import { m0080Comparisons } from './0080-comparisons';
import { m0090JobSetsRevisions } from './0090-job-sets-revisions';
import { m0110HeldInputs } from './0110-held-inputs';
import { m0120ContentCredentials } from './0120-content-credentials';
import { m0125QueueHold } from './0125-queue-hold';
import { m0130ServiceTiers } from './0130-service-tiers';
import { m0140FileBatches } from './0140-file-batches';
import { m0150EditComposites } from './0150-edit-composites';
import { m0160ImageFingerprints } from './0160-image-fingerprints';
import { m0170Elements } from './0170-elements';
import { m0180SavedPrompts } from './0180-saved-prompts';
import { m0190Series } from './0190-series';
import { m0200SettingsHandover } from './0200-settings-handover';
import { m0240ProvenServiceTiers } from './0240-proven-service-tiers';
import { m0250EditKeptWhole } from './0250-edit-kept-whole';

export type { Migration };

/**
 * Every migration, each recorded in `schema_migrations` once applied (see db.ts). A number only
 * needs to be unique: whichever one a database lacks is applied, in version order, also when it
 * is below numbers that database already has. Listed in version order.
 */
export const MIGRATIONS: readonly Migration[] = [
  m0010Initial,
  m0020QueueChatsResults,
  m0030LibraryOrganiseSearch,
  m0040FilterIndexes,
  m0050RepairUsageNumbers,
  m0055LiteTier,
  m0060RepairModelIds,
  m0080Comparisons,
  m0090JobSetsRevisions,
  m0110HeldInputs,
  m0120ContentCredentials,
  m0125QueueHold,
  m0130ServiceTiers,
  m0140FileBatches,
  m0150EditComposites,
  m0160ImageFingerprints,
  m0170Elements,
  m0180SavedPrompts,
  m0190Series,
  m0200SettingsHandover,
  m0240ProvenServiceTiers,
  m0250EditKeptWhole,
];

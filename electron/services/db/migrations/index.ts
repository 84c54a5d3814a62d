import type { Migration } from '../types';
import { m0010Initial } from './0010-initial';
import { m0020QueueChatsResults } from './0020-queue-chats-results';
import { m0030LibraryOrganiseSearch } from './0030-library-organise-search';
import { m0040FilterIndexes } from './0040-filter-indexes';
import { m0050RepairUsageNumbers } from './0050-repair-usage-numbers';
import { m0055LiteTier } from './0055-lite-tier';
import { m0060RepairModelIds } from './0060-repair-model-ids';
import { m0090JobSetsRevisions } from './0090-job-sets-revisions';
import { m0080Comparisons } from './0080-comparisons';
import { m0110HeldInputs } from './0110-held-inputs';

export type { Migration };

export const MIGRATIONS: readonly Migration[] = [m0010Initial, m0020QueueChatsResults, m0030LibraryOrganiseSearch, m0040FilterIndexes, m0050RepairUsageNumbers, m0055LiteTier, m0060RepairModelIds, m0080Comparisons, m0090JobSetsRevisions, m0110HeldInputs];

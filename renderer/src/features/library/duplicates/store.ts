/**
 * The Duplicates view's cache of main's groups. Main finds the groups and the suggested keepers;
 * here the user may pick another keeper per group before "Keep one, trash the rest".
 */
import { create } from 'zustand';
import type { DuplicateGroup, DuplicateLevel, FingerprintProgress } from '../../../../../shared/ipc/contract';
import { call } from '../../../lib/bridge';
import { errorText } from '../../../lib/format';
import { useNotices } from '../../../lib/notices';

export interface DuplicatesState {
  open: boolean;
  level: DuplicateLevel;
  loading: boolean;
  error: string | null;
  groups: DuplicateGroup[];
  totalGroups: number;
  progress: FingerprintProgress | null;
  /** The user's own keeper per group (by the group's suggested keeper id). */
  chosen: Record<string, string>;
  busy: boolean;
  /** What the last "keep one" did, until undone or replaced. */
  last: { trashed: string[]; spared: number } | null;

  setOpen(open: boolean): void;
  setLevel(level: DuplicateLevel): void;
  load(): Promise<void>;
  choose(group: DuplicateGroup, keeperId: string): void;
  keepOne(groups: DuplicateGroup[]): Promise<void>;
  undo(): Promise<void>;
  backfill(action: 'pause' | 'resume'): Promise<void>;
  applyProgress(p: FingerprintProgress): void;
}

const keeperOf = (s: Pick<DuplicatesState, 'chosen'>, g: DuplicateGroup) => s.chosen[g.keeperId] ?? g.keeperId;

export function createDuplicatesStore() {
  return create<DuplicatesState>()((set, get) => ({
    open: false,
    level: 'near',
    loading: false,
    error: null,
    groups: [],
    totalGroups: 0,
    progress: null,
    chosen: {},
    busy: false,
    last: null,

    setOpen(open) {
      set({ open });
      if (open) void get().load();
    },
    setLevel(level) {
      set({ level, chosen: {} });
      void get().load();
    },
    async load() {
      set({ loading: true, error: null });
      const level = get().level;
      const res = await call('duplicates.groups', { level });
      if (get().level !== level) return; // a newer level asked meanwhile
      if (!res.ok) return set({ loading: false, error: `Could not look for duplicates: ${errorText(res)}` });
      set({ loading: false, groups: res.data.groups, totalGroups: res.data.totalGroups, progress: res.data.progress });
    },
    choose(group, keeperId) {
      set((s) => ({ chosen: { ...s.chosen, [group.keeperId]: keeperId } }));
    },
    async keepOne(groups) {
      if (!groups.length || get().busy) return;
      set({ busy: true });
      const s = get();
      const res = await call('duplicates.resolve', { level: s.level, groups: groups.map((g) => ({ keeperId: keeperOf(s, g), ids: g.members.map((m) => m.id) })) });
      set({ busy: false });
      if (!res.ok) {
        useNotices.getState().push({ kind: 'warning', message: `Could not move the duplicates to the trash: ${errorText(res)}` });
        return;
      }
      const { trashed, spared } = res.data;
      set({ last: { trashed, spared: spared.length } });
      const sparedText = spared.length ? ` ${spared.length === 1 ? '1 image was' : `${spared.length} images were`} kept: on a closer look ${spared.length === 1 ? 'it differs' : 'they differ'} from the one kept.` : '';
      useNotices.getState().push({
        kind: 'info',
        message: `Moved ${trashed.length === 1 ? '1 image' : `${trashed.length} images`} to the trash.${sparedText}`,
        ...(trashed.length ? { action: { label: 'Undo', testId: 'duplicates-undo-notice', run: () => void get().undo() } } : {}),
      });
      await get().load();
    },
    async undo() {
      const last = get().last;
      if (!last?.trashed.length) return;
      const res = await call('library.restore', { ids: last.trashed });
      if (!res.ok) {
        useNotices.getState().push({ kind: 'warning', message: `Could not bring the images back: ${errorText(res)}` });
        return;
      }
      set({ last: null });
      await get().load();
    },
    async backfill(action) {
      const res = await call('duplicates.backfill', { action });
      if (res.ok) set({ progress: res.data });
    },
    applyProgress(p) {
      const before = get().progress;
      set({ progress: p });
      // Fingerprinting just finished while the view is open: the groups may have grown.
      if (get().open && p.state === 'idle' && before?.state === 'running') void get().load();
    },
  }));
}

export const useDuplicates = createDuplicatesStore();
export { keeperOf };

/**
 * Bringing files and folders from the desktop into the library, with progress and a report.
 *
 * In Electron main reads each file (or walks each folder) from its path, so no bytes cross IPC.
 * Elsewhere the bytes travel as base64, read a slice at a time just before each call, so a
 * folder of a thousand photos never sits in memory at once. Each slice is one `library.import`
 * with its own `importId`; this store adds their `import.progress` up into one figure.
 */
import { create } from 'zustand';
import type { EventPayload, RouteInput } from '../../../../shared/ipc/contract';
import { call, pathForFile } from '../../lib/bridge';
import { readAsBase64 } from '../../lib/files';
import { errorText } from '../../lib/format';
import { useNotices } from '../../lib/notices';

type ImportFile = RouteInput<'library.import'>['files'][number];
type Progress = EventPayload<'import.progress'>;

/** A file or folder to import: by path (Electron) or as a File whose bytes are read when sent. */
export type PendingImport = { name: string; path: string } | { name: string; file: File };

/** Paths are cheap: as many per call as the contract allows. */
const PATHS_PER_CALL = 10_000;
/** Bytes are not: a slice per call keeps each message (and the memory it needs) small. */
const FILES_PER_CALL = 24;
const BYTES_PER_CALL = 48 * 1024 * 1024;

export interface ImportTask {
  phase: 'reading' | 'importing' | 'finished' | 'cancelled' | 'failed';
  total: number;
  done: number;
  imported: number;
  duplicates: number;
  rejected: number;
  rejectedFiles: Array<{ name: string; reason: string }>;
  error: string | null;
  /** The images this import added (not those already there): asked about near-duplicates once it ends. */
  newIds?: string[];
}

interface ImportState {
  task: ImportTask | null;
  start(items: PendingImport[]): Promise<void>;
  /**
   * The Import buttons: main shows its own dialog and imports what the user chose. Answers false
   * when main has no dialog (a plain browser), so the caller can offer the page's file input.
   */
  pick(kind: 'files' | 'folder'): Promise<boolean>;
  applyProgress(progress: Progress): void;
  cancel(): void;
  dismiss(): void;
}

function newId(): string {
  return crypto.randomUUID();
}

function slices(items: readonly PendingImport[]): PendingImport[][] {
  const out: PendingImport[][] = [];
  let current: PendingImport[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = 'file' in item ? item.file.size : 0;
    const full = 'file' in item ? current.length >= FILES_PER_CALL || (current.length > 0 && bytes + size > BYTES_PER_CALL) : current.length >= PATHS_PER_CALL;
    if (full) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

async function materialise(slice: readonly PendingImport[]): Promise<{ files: ImportFile[]; unreadable: Array<{ name: string; reason: string }> }> {
  const files: ImportFile[] = [];
  const unreadable: Array<{ name: string; reason: string }> = [];
  for (const item of slice) {
    if ('path' in item) {
      files.push({ name: item.name, path: item.path });
      continue;
    }
    try {
      files.push({ name: item.name, dataBase64: await readAsBase64(item.file) });
    } catch {
      unreadable.push({ name: item.name, reason: 'The file could not be read.' });
    }
  }
  return { files, unreadable };
}

/** A fresh import store; the slice in flight and its counts are this store's own. */
export function createImportStore() {
  // The slice being imported now: its id, its last progress, what came before it and after it.
  let currentId: string | null = null;
  let cancelled = false;
  let lastProgress: Progress | null = null;
  let sliceBase = { total: 0, done: 0, imported: 0, duplicates: 0, rejected: 0 };
  let pendingAfter = 0;

  /** Finished slices + the one in flight + the files not sent yet. */
  function sum(): Pick<ImportTask, 'total' | 'done' | 'imported' | 'duplicates' | 'rejected'> {
    const p = lastProgress;
    return {
      total: sliceBase.total + (p?.total ?? 0) + pendingAfter,
      done: sliceBase.done + (p?.done ?? 0),
      imported: sliceBase.imported + (p?.imported ?? 0),
      duplicates: sliceBase.duplicates + (p?.duplicates ?? 0),
      rejected: sliceBase.rejected + (p?.rejected ?? 0),
    };
  }

  return create<ImportState>()((set, get) => ({
    task: null,

    async start(items) {
      if (items.length === 0) return;
      if (isBusy(get().task) || currentId) {
        useNotices.getState().push({ kind: 'info', message: 'An import is already running; add these when it has finished.' });
        return;
      }
      cancelled = false;
      const base = { total: 0, done: 0, imported: 0, duplicates: 0, rejected: 0 };
      const rejectedFiles: ImportTask['rejectedFiles'] = [];
      const newIds: string[] = [];
      let remaining = items.length;
      set({ task: { phase: 'reading', total: items.length, done: 0, imported: 0, duplicates: 0, rejected: 0, rejectedFiles, error: null } });

      let error: string | null = null;
      for (const slice of slices(items)) {
        if (cancelled) break;
        remaining -= slice.length;
        const { files, unreadable } = await materialise(slice);
        rejectedFiles.push(...unreadable);
        base.total += unreadable.length;
        base.done += unreadable.length;
        base.rejected += unreadable.length;
        if (cancelled || files.length === 0) continue;

        const id = newId();
        currentId = id;
        // Until main reports, the slice counts as the files sent (a folder grows when main walks it).
        lastProgress = { importId: id, total: files.length, done: 0, imported: 0, duplicates: 0, rejected: 0, finished: false };
        sliceBase = { ...base };
        pendingAfter = remaining;
        set((s) => ({ task: s.task && { ...s.task, ...sum(), phase: 'importing' } }));
        const res = await call('library.import', { files, importId: id });
        currentId = null;
        if (!res.ok) {
          error = errorText(res);
          break;
        }
        const duplicates = res.data.imported.filter((a) => a.duplicate).length;
        const done = res.data.imported.length + res.data.rejected.length;
        base.imported += res.data.imported.length - duplicates;
        base.duplicates += duplicates;
        base.rejected += res.data.rejected.length;
        base.done += done;
        // Cancelled part-way: the files not reached still count in the total, so "312 of 1,000" stays true.
        base.total += Math.max(done, lastProgress.importId === id ? lastProgress.total : files.length);
        rejectedFiles.push(...res.data.rejected);
        newIds.push(...res.data.imported.filter((a) => !a.duplicate).map((a) => a.id));
        sliceBase = { ...base };
        lastProgress = null;
        set((s) => ({ task: s.task && { ...s.task, ...base, total: base.total + remaining, rejectedFiles: [...rejectedFiles] } }));
      }
      const phase: ImportTask['phase'] = error ? 'failed' : cancelled ? 'cancelled' : 'finished';
      set((s) => ({ task: s.task && { ...s.task, ...base, total: phase === 'finished' ? base.done : base.total + (cancelled ? remaining : 0), rejectedFiles: [...rejectedFiles], phase, error, newIds } }));
    },

    async pick(kind) {
      if (isBusy(get().task)) {
        useNotices.getState().push({ kind: 'info', message: 'An import is already running; add these when it has finished.' });
        return true;
      }
      const id = newId();
      cancelled = false;
      currentId = id;
      lastProgress = null;
      sliceBase = { total: 0, done: 0, imported: 0, duplicates: 0, rejected: 0 };
      pendingAfter = 0;
      // No task is shown while the dialog is open; the first progress event opens it.
      const res = await call('library.importPicked', { kind, importId: id });
      currentId = null;
      if (!res.ok) {
        set((s) => ({ task: { ...(s.task ?? emptyTask()), phase: 'failed', error: errorText(res) } }));
        return true;
      }
      const { outcome, imported, rejected } = res.data;
      if (outcome === 'unavailable') return false;
      if (outcome === 'cancelled') return true;
      const duplicates = imported.filter((a) => a.duplicate).length;
      const done = imported.length + rejected.length;
      set((s) => ({
        task: {
          ...(s.task ?? emptyTask()),
          phase: cancelled ? 'cancelled' : 'finished',
          total: cancelled ? Math.max(done, s.task?.total ?? 0) : done,
          done,
          imported: imported.length - duplicates,
          duplicates,
          rejected: rejected.length,
          rejectedFiles: rejected,
          newIds: imported.filter((a) => !a.duplicate).map((a) => a.id),
        },
      }));
      return true;
    },

    applyProgress(progress) {
      if (progress.importId !== currentId) return;
      lastProgress = progress;
      set((s) => ({ task: { ...(s.task ?? emptyTask()), ...sum() } }));
    },

    cancel() {
      cancelled = true;
      if (currentId) void call('library.cancelImport', { importId: currentId });
      set((s) => ({ task: s.task && s.task.phase === 'reading' ? { ...s.task, phase: 'cancelled' } : s.task }));
    },

    dismiss() {
      set({ task: null });
    },
  }));
}

export const useImportStore = createImportStore();

function emptyTask(): ImportTask {
  return { phase: 'importing', total: 0, done: 0, imported: 0, duplicates: 0, rejected: 0, rejectedFiles: [], error: null };
}

function isBusy(task: ImportTask | null): boolean {
  return task?.phase === 'reading' || task?.phase === 'importing';
}

// ---------------------------------------------------------------------------
// From what the user dropped or chose to PendingImport

/** The OS's own clutter in a folder is skipped, as main skips it when it walks a folder itself. */
const CLUTTER = /(^|\/)(\.[^/]*|Thumbs\.db|desktop\.ini)$/i;

function fromFile(file: File, name = file.webkitRelativePath || file.name): PendingImport {
  const path = pathForFile(file);
  return path ? { name, path } : { name, file };
}

/** Files from a file input (a folder input gives every file inside, with its relative path). */
export function fromFileList(files: readonly File[]): PendingImport[] {
  return files.filter((f) => !CLUTTER.test(f.webkitRelativePath || f.name)).map((f) => fromFile(f));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: PendingImport[], depth: number): Promise<void> {
  const name = entry.fullPath.replace(/^\//, '') || entry.name;
  if (CLUTTER.test(name)) return;
  if (entry.isFile) {
    try {
      out.push({ name, file: await fileOf(entry as FileSystemFileEntry) });
    } catch {
      // A file that vanished between the drop and the read; main would have said the same.
    }
    return;
  }
  if (!entry.isDirectory || depth > 32) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches (100 in Chromium) until it returns none.
  for (;;) {
    const batch = await readEntries(reader).catch(() => []);
    if (batch.length === 0) break;
    for (const child of batch.sort((a, b) => a.name.localeCompare(b.name))) await walk(child, out, depth + 1);
  }
}

/**
 * What a drop from the desktop holds. Must be called during the drop event: the DataTransfer is
 * emptied once the handler returns, so entries are taken synchronously and read afterwards.
 */
export function dropContents(data: DataTransfer): () => Promise<PendingImport[]> {
  const files = [...data.files];
  // Electron: every dropped file and folder has a path; main walks folders itself.
  if (files.length && files.every((f) => pathForFile(f))) return () => Promise.resolve(files.map((f) => fromFile(f, f.name)));
  const entries = [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  return async () => {
    if (entries.length === 0 || entries.some((e) => e === null)) return files.map((f) => fromFile(f, f.name));
    const out: PendingImport[] = [];
    for (const entry of entries) await walk(entry!, out, 0);
    return out;
  };
}

/**
 * Turning files the user dropped, chose or pasted into what `library.import` accepts.
 * In Electron main reads the file itself from its path (no bytes cross IPC); elsewhere, and for
 * pasted images that have no path, the bytes travel as base64.
 */
import type { RouteInput } from '../../../shared/ipc/contract';
import { pathForFile } from './bridge';

export type ImportFile = RouteInput<'library.import'>['files'][number];

export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}.`));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** A pasted image is called "image.png" by every browser; give it a name a person can tell apart. */
function nameOf(file: File, index: number): string {
  if (file.name && file.name !== 'image.png') return file.name;
  const ext = file.type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
  return `Pasted image ${index + 1}.${ext}`;
}

export async function toImportFiles(files: readonly File[]): Promise<ImportFile[]> {
  return Promise.all(
    files.map(async (file, i) => {
      const name = nameOf(file, i);
      const path = pathForFile(file);
      return path ? { name, path } : { name, dataBase64: await readAsBase64(file) };
    }),
  );
}

/** Files dropped from the desktop: all of them, so main can say why one is refused. */
export function droppedFiles(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}

/** Images on the clipboard; a paste of plain text is left to the text field. */
export function pastedImages(data: DataTransfer | null): File[] {
  return data ? [...data.files].filter((f) => f.type.startsWith('image/')) : [];
}

/** The drag type of a library image dragged inside the window (to the reference tray, a collection). */
export const ASSET_DRAG_TYPE = 'application/x-atelier-asset';

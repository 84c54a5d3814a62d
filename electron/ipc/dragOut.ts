/**
 * Dragging library images out of the window to Finder, Explorer or another app. The window names
 * asset ids, never paths: main looks the files up in the library, so a compromised renderer
 * cannot hand the desktop an arbitrary file (~/.ssh/id_rsa dragged into a chat app) under an
 * image's name. Plain Node: main.ts supplies Electron's webContents.startDrag of the SENDER, and
 * the icon, which this module never sees.
 */
import { z } from 'zod';
import { Id } from '../../shared/domain/common';
import type { Logger } from '../services/logger';
import { isAppMainFrame, type Sender } from './router';

/** Far more than anyone drags at once; a cap keeps a hostile message from walking the library. */
export const MAX_DRAGGED = 500;
const DragIds = z.array(Id).min(1).max(MAX_DRAGGED);

export interface DragRequest {
  sender: Sender;
  ids: unknown;
  /** Starts the OS drag on the web contents that asked (Electron: event.sender.startDrag). */
  startDrag(files: string[]): void;
}

export interface DragOutDeps {
  library: { fileOf(id: string, variant: 'original'): { path: string } | null };
  trustedOrigin: () => string;
  logger: Logger;
}

/** False when nothing was dragged: an untrusted sender, ids that are not ids, or none in the library. */
export function createDragOut(d: DragOutDeps): (request: DragRequest) => boolean {
  return ({ sender, ids, startDrag }) => {
    if (!isAppMainFrame(sender, d.trustedOrigin())) {
      d.logger.warn('drag: refused a drag from an untrusted sender');
      return false;
    }
    const parsed = DragIds.safeParse(ids);
    if (!parsed.success) {
      d.logger.warn('drag: refused a drag request without valid asset ids');
      return false;
    }
    const files = [...new Set(parsed.data)].map((id) => d.library.fileOf(id, 'original')?.path).filter((p): p is string => !!p);
    if (!files.length) return false;
    startDrag(files);
    return true;
  };
}

/**
 * A photo dropped anywhere on the studio, or pasted outside the prompt, opens on the edit canvas
 * as its base image. What the prompt dock takes for itself (a drop on the reference tray, a paste
 * into the prompt) it marks handled with preventDefault, and stays a reference.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useEditStore } from '../../features/edit/store';
import { ASSET_DRAG_TYPE, droppedFiles, pastedImages } from '../../lib/files';
import { useNavigation } from '../../lib/navigation';

/** Files from the desktop; a library image dragged inside the window is not a new photo. */
function carriesFiles(e: DragEvent): boolean {
  const types = e.dataTransfer.types;
  return types.includes('Files') && !types.includes(ASSET_DRAG_TYPE);
}

function openOnCanvas(file: File): void {
  useNavigation.getState().navigate('edit');
  // A file that is not an image still goes: the edit room says in words why it cannot open it.
  void useEditStore.getState().importFile(file);
}

export function useDropToEdit() {
  // dragenter/dragleave fire for every child crossed; count them so the hint does not flicker.
  const depth = useRef(0);
  const [dropping, setDropping] = useState(false);

  useEffect(() => {
    // On window, so it runs after React's handlers: the prompt's own paste has claimed its images by then.
    const onPaste = (e: ClipboardEvent) => {
      if (e.defaultPrevented) return;
      const [image] = pastedImages(e.clipboardData);
      if (!image) return;
      e.preventDefault();
      openOnCanvas(image);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);

  const handlers = {
    onDragEnter(e: DragEvent) {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
    },
    onDragOver(e: DragEvent) {
      if (!carriesFiles(e)) return;
      // Over the reference tray the tray has accepted the drag already; the hint steps aside.
      setDropping(!e.defaultPrevented);
      if (e.defaultPrevented) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave() {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDropping(false);
    },
    onDrop(e: DragEvent) {
      depth.current = 0;
      setDropping(false);
      if (e.defaultPrevented || !carriesFiles(e)) return;
      e.preventDefault();
      const [file] = droppedFiles(e.dataTransfer);
      if (file) openOnCanvas(file);
    },
  };
  return { dropping, handlers };
}

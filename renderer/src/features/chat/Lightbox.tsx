import { useEffect, useRef } from 'react';
import { CloseIcon } from '../../lib/icons';
import type { OpenImage } from './ChatThread';

/** The picture at full size over everything else; Escape, a click or the close button dismiss it. */
export function Lightbox({ image, onClose }: { image: OpenImage | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (image && !dialog.open) dialog.showModal();
    if (!image && dialog.open) dialog.close();
  }, [image]);

  return (
    <dialog ref={ref} className="chat-lightbox" data-testid="chat-lightbox" aria-label={image?.alt ?? 'Image'} onClose={onClose} onClick={onClose}>
      {image && (
        <figure className="chat-lightbox-figure">
          <img src={image.src} alt={image.alt} />
          <figcaption>{image.alt}</figcaption>
        </figure>
      )}
      <button type="button" className="btn btn-icon chat-lightbox-close" aria-label="Close" onClick={onClose}>
        <CloseIcon />
      </button>
    </dialog>
  );
}

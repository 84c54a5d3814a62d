/**
 * Panes that zoom and pan together: moving one moves the others to the same scale and offset,
 * so the same detail is under the cursor in every result.
 */
import { useRef, type ReactNode } from 'react';
import './viewers.css';
import { TransformComponent, TransformWrapper, type ReactZoomPanPinchRef } from 'react-zoom-pan-pinch';

export function useZoomGroup() {
  const refs = useRef(new Map<number, ReactZoomPanPinchRef>());
  const syncing = useRef(false);
  const follow = (from: number, s: { scale: number; positionX: number; positionY: number }) => {
    if (syncing.current) return;
    syncing.current = true;
    for (const [i, r] of refs.current) if (i !== from) r.setTransform(s.positionX, s.positionY, s.scale, 0);
    syncing.current = false;
  };
  const reset = () => {
    for (const r of refs.current.values()) r.resetTransform(0);
  };
  return { refs, follow, reset };
}

export function ZoomPane({ group, index, children }: { group: ReturnType<typeof useZoomGroup>; index: number; children: ReactNode }) {
  return (
    <TransformWrapper
      minScale={1}
      maxScale={12}
      doubleClick={{ mode: 'toggle', step: 2 }}
      onInit={(ref) => group.refs.current.set(index, ref)}
      onTransform={(_, s) => group.follow(index, s)}
    >
      <TransformComponent wrapperClass="zoom-wrapper" contentClass="zoom-content">
        {children}
      </TransformComponent>
    </TransformWrapper>
  );
}

/**
 * The edit canvas: a downscaled copy of the photo with a mask layer (brush, eraser, rectangles,
 * ellipses) and an annotation layer (arrows, notes). Strokes are drawn imperatively on a live
 * layer while the pointer moves (no React render per move), then committed as one mark.
 */
import type Konva from 'konva';
import { useEffect, useRef, useState } from 'react';
import { Arrow, Circle, Ellipse, Image as KImage, Layer, Line, Rect, Stage, Text } from 'react-konva';
import type { Mark } from './marks';
import { useEditStore, type Tool } from './store';

const REGION = '#ff2050';
const NOTE = '#ffe600';

function useImage(src: string): HTMLImageElement | null {
  const [img, setImg] = useState<HTMLImageElement | null>(null);
  useEffect(() => {
    const i = new window.Image();
    i.onload = () => setImg(i);
    i.src = src;
    return () => {
      i.onload = null;
    };
  }, [src]);
  return img;
}

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [w, setW] = useState(800);
  useEffect(() => {
    if (!ref.current) return;
    const ro = new ResizeObserver(([e]) => setW(Math.floor(e!.contentRect.width)));
    ro.observe(ref.current);
    return () => ro.disconnect();
  }, [ref]);
  return w;
}

function MarkShape({ m }: { m: Mark }) {
  switch (m.kind) {
    case 'stroke':
      return (
        <Line
          points={m.points}
          stroke={REGION}
          strokeWidth={m.size}
          lineCap="round"
          lineJoin="round"
          globalCompositeOperation={m.erase ? 'destination-out' : 'source-over'}
          listening={false}
        />
      );
    case 'rect':
      return <Rect x={m.x} y={m.y} width={m.w} height={m.h} fill={REGION} listening={false} />;
    case 'ellipse':
      return <Ellipse x={m.x + m.w / 2} y={m.y + m.h / 2} radiusX={Math.abs(m.w / 2)} radiusY={Math.abs(m.h / 2)} fill={REGION} listening={false} />;
    case 'arrow':
      return <Arrow points={m.points} stroke={NOTE} fill={NOTE} strokeWidth={5} pointerLength={18} pointerWidth={18} listening={false} />;
    case 'text':
      return <Text x={m.x} y={m.y - 28} text={m.text} fontSize={30} fontStyle="bold" fill={NOTE} stroke="#000" strokeWidth={1} listening={false} />;
  }
}

export function EditCanvas({ noteText }: { noteText: string }) {
  const current = useEditStore((s) => s.current);
  const tool = useEditStore((s) => s.tool);
  const brushSize = useEditStore((s) => s.brushSize);
  const addMark = useEditStore((s) => s.addMark);
  const cropRect = useEditStore((s) => s.cropRect);
  const setCropRect = useEditStore((s) => s.setCropRect);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const img = useImage(current?.photo.previewUrl ?? '');
  const live = useRef<Konva.Layer>(null);
  const liveLine = useRef<Konva.Line>(null);
  const liveShape = useRef<Konva.Rect>(null);
  const cursor = useRef<Konva.Circle>(null);
  const drag = useRef<{ tool: Tool; points: number[] } | null>(null);
  if (!current) return null;
  const { photo, marks, placedAt } = current;
  const scale = Math.min(1, width / photo.previewWidth, 720 / photo.previewHeight);
  const at = (stage: Konva.Stage | null) => {
    const p = stage?.getPointerPosition();
    return p ? [p.x / scale, p.y / scale] as const : null;
  };
  const brushing = tool === 'brush' || tool === 'eraser';

  const onDown = (e: Konva.KonvaEventObject<PointerEvent>) => {
    const p = at(e.target.getStage());
    if (!p) return;
    if (tool === 'text') {
      if (noteText.trim()) addMark({ kind: 'text', x: p[0], y: p[1], text: noteText.trim() });
      return;
    }
    drag.current = { tool, points: [p[0], p[1]] };
    if (brushing) {
      liveLine.current?.setAttrs({ points: [p[0], p[1], p[0] + 0.01, p[1]], strokeWidth: brushSize, visible: true, globalCompositeOperation: tool === 'eraser' ? 'destination-out' : 'source-over', stroke: tool === 'eraser' ? '#000' : REGION, opacity: tool === 'eraser' ? 0.4 : 0.45 });
    }
    live.current?.batchDraw();
  };
  const onMove = (e: Konva.KonvaEventObject<PointerEvent>) => {
    const p = at(e.target.getStage());
    if (!p) return;
    if (brushing) cursor.current?.setAttrs({ x: p[0], y: p[1], radius: brushSize / 2, visible: true });
    const d = drag.current;
    if (d) {
      if (d.tool === 'brush' || d.tool === 'eraser') {
        d.points.push(p[0], p[1]);
        liveLine.current?.points(d.points);
      } else {
        const [x0, y0] = d.points as [number, number];
        liveShape.current?.setAttrs({ x: x0, y: y0, width: p[0] - x0, height: p[1] - y0, visible: true, cornerRadius: d.tool === 'ellipse' ? Math.min(Math.abs(p[0] - x0), Math.abs(p[1] - y0)) / 2 : 0 });
        d.points = [x0, y0, p[0], p[1]];
      }
    }
    live.current?.batchDraw();
  };
  const onUp = () => {
    const d = drag.current;
    drag.current = null;
    liveLine.current?.visible(false);
    liveShape.current?.visible(false);
    live.current?.batchDraw();
    if (!d) return;
    if (d.tool === 'brush' || d.tool === 'eraser') {
      addMark({ kind: 'stroke', erase: d.tool === 'eraser', size: brushSize, points: d.points });
      return;
    }
    if (d.points.length < 4) return;
    const [x0, y0, x1, y1] = d.points as [number, number, number, number];
    if (Math.abs(x1 - x0) < 2 && Math.abs(y1 - y0) < 2) return;
    if (d.tool === 'arrow') addMark({ kind: 'arrow', points: [x0, y0, x1, y1] });
    else if (d.tool === 'rect' || d.tool === 'ellipse') addMark({ kind: d.tool, x: Math.min(x0, x1), y: Math.min(y0, y1), w: Math.abs(x1 - x0), h: Math.abs(y1 - y0) });
    else if (d.tool === 'crop') setCropRect({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
  };

  const sp = photo.previewWidth / photo.width;
  return (
    <div className="canvas-box" ref={box} data-tool={tool} data-testid="edit-stage" data-marks={marks.length}>
      <Stage
        width={Math.round(photo.previewWidth * scale)}
        height={Math.round(photo.previewHeight * scale)}
        scaleX={scale}
        scaleY={scale}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerLeave={() => {
          cursor.current?.visible(false);
          live.current?.batchDraw();
        }}
        className="edit-stage"
      >
        <Layer listening={false}>{img && <KImage image={img} width={photo.previewWidth} height={photo.previewHeight} />}</Layer>
        <Layer opacity={0.45} listening={false}>
          {placedAt && (
            // The outpaint border, shown as marked: it is what the model will fill.
            <Rect x={0} y={0} width={photo.previewWidth} height={photo.previewHeight} fill={REGION} />
          )}
          {placedAt && <Rect x={placedAt.left * sp} y={placedAt.top * sp} width={placedAt.width * sp} height={placedAt.height * sp} fill="#000" globalCompositeOperation="destination-out" />}
          {marks.filter((m) => m.kind !== 'arrow' && m.kind !== 'text').map((m, i) => (
            <MarkShape key={i} m={m} />
          ))}
        </Layer>
        <Layer listening={false}>
          {marks.filter((m) => m.kind === 'arrow' || m.kind === 'text').map((m, i) => (
            <MarkShape key={i} m={m} />
          ))}
          {cropRect && <Rect x={cropRect.x} y={cropRect.y} width={cropRect.w} height={cropRect.h} stroke="#fff" dash={[8, 6]} strokeWidth={2 / scale} />}
        </Layer>
        <Layer ref={live} listening={false}>
          <Line ref={liveLine} visible={false} lineCap="round" lineJoin="round" />
          <Rect ref={liveShape} visible={false} stroke="#fff" dash={[6, 4]} strokeWidth={2 / scale} />
          <Circle ref={cursor} visible={false} stroke="#fff" strokeWidth={1 / scale} />
        </Layer>
      </Stage>
    </div>
  );
}

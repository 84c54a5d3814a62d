/**
 * The edit canvas: a downscaled copy of the photo with a mask layer (brush, eraser, rectangles,
 * ellipses) and an annotation layer (arrows, notes). A brush stroke in progress is painted on a
 * plain canvas over the stage at display resolution: each frame adds only the segments since the
 * last one (no Konva redraw, no React render per move), and the brush cursor is a CSS circle. The
 * stroke is committed as one mark when the pointer lifts.
 */
import type Konva from 'konva';
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { Arrow, Ellipse, Image as KImage, Layer, Line, Rect, Stage, Text } from 'react-konva';
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

/** The box's content size: the photo is scaled to fit both, so it is never cut off below the fold. */
function useBoxSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 800, height: 600 });
  useEffect(() => {
    if (!ref.current) return;
    const ro = new ResizeObserver(([e]) => {
      const width = Math.floor(e!.contentRect.width);
      const height = Math.floor(e!.contentRect.height);
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    });
    ro.observe(ref.current);
    return () => ro.disconnect();
  }, [ref]);
  return size;
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

/**
 * Paints the stroke being drawn, in preview pixels, onto the overlay canvas. Points gather between
 * frames and one requestAnimationFrame draws the new segments. The whole stroke is drawn opaque
 * and the canvas itself is translucent, so overlapping segments do not darken.
 */
class StrokePainter {
  private points: number[] = [];
  private drawn = 0;
  private frame = 0;

  constructor(private readonly canvas: RefObject<HTMLCanvasElement | null>) {}

  begin(x: number, y: number, o: { size: number; erase: boolean; scale: number }): void {
    const c = this.canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, c.width, c.height);
    const ratio = c.width / Math.max(1, c.clientWidth || c.width);
    g.setTransform(o.scale * ratio, 0, 0, o.scale * ratio, 0, 0);
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.lineWidth = o.size;
    g.strokeStyle = o.erase ? '#000' : REGION;
    c.style.opacity = o.erase ? '0.4' : '0.45';
    this.points = [x, y, x + 0.01, y];
    this.drawn = 0;
    this.schedule();
  }

  add(x: number, y: number): void {
    this.points.push(x, y);
    this.schedule();
  }

  /** The stroke so far, for the mark. */
  end(): number[] {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.draw();
    return this.points;
  }

  clear(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.points = [];
    this.drawn = 0;
    const c = this.canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    g.save();
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, c.width, c.height);
    g.restore();
  }

  private schedule(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const g = this.canvas.current?.getContext('2d');
    const pts = this.points;
    if (!g || pts.length <= this.drawn) return;
    // From the last point drawn, so the new segments join the old ones with a round join.
    const from = Math.max(0, this.drawn - 2);
    g.beginPath();
    g.moveTo(pts[from]!, pts[from + 1]!);
    for (let i = from + 2; i < pts.length; i += 2) g.lineTo(pts[i]!, pts[i + 1]!);
    g.stroke();
    this.drawn = pts.length;
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
  const room = useBoxSize(box);
  const img = useImage(current?.photo.previewUrl ?? '');
  const live = useRef<Konva.Layer>(null);
  const liveShape = useRef<Konva.Rect>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const cursor = useRef<HTMLDivElement>(null);
  const [painter] = useState(() => new StrokePainter(overlay));
  const drag = useRef<{ tool: Tool; points: number[] } | null>(null);
  const marks = current?.marks;
  // The committed stroke is drawn on the mask layer in the coming frame; the overlay's copy goes in the same one.
  useLayoutEffect(() => {
    if (!drag.current) painter.clear();
  }, [marks, painter]);
  if (!current) return null;
  const { photo, placedAt } = current;
  const shown = current.marks;
  const scale = Math.max(0.05, Math.min(1, room.width / photo.previewWidth, room.height / photo.previewHeight));
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
      painter.begin(p[0], p[1], { size: brushSize, erase: tool === 'eraser', scale });
      return;
    }
    live.current?.batchDraw();
  };
  const onMove = (e: Konva.KonvaEventObject<PointerEvent>) => {
    const p = at(e.target.getStage());
    if (!p) return;
    if (brushing) {
      const c = cursor.current;
      if (c) {
        // Only the transform changes per move: it moves the circle without a layout.
        const d = brushSize * scale;
        const size = `${d}px`;
        if (c.style.width !== size) c.style.width = c.style.height = size;
        c.style.transform = `translate(${p[0] * scale - d / 2}px, ${p[1] * scale - d / 2}px)`;
        if (c.hidden) c.hidden = false;
      }
    }
    const d = drag.current;
    if (d) {
      if (d.tool === 'brush' || d.tool === 'eraser') {
        // Between two frames the browser may have seen several moves: paint them all.
        const moves = e.evt.getCoalescedEvents?.() ?? [];
        if (moves.length > 1) {
          const dx = e.evt.clientX - p[0] * scale;
          const dy = e.evt.clientY - p[1] * scale;
          for (const m of moves) painter.add((m.clientX - dx) / scale, (m.clientY - dy) / scale);
        } else painter.add(p[0], p[1]);
        return;
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
    if (!d) return;
    if (d.tool === 'brush' || d.tool === 'eraser') {
      addMark({ kind: 'stroke', erase: d.tool === 'eraser', size: brushSize, points: [...painter.end()] });
      return;
    }
    liveShape.current?.visible(false);
    live.current?.batchDraw();
    if (d.points.length < 4) return;
    const [x0, y0, x1, y1] = d.points as [number, number, number, number];
    if (Math.abs(x1 - x0) < 2 && Math.abs(y1 - y0) < 2) return;
    if (d.tool === 'arrow') addMark({ kind: 'arrow', points: [x0, y0, x1, y1] });
    else if (d.tool === 'rect' || d.tool === 'ellipse') addMark({ kind: d.tool, x: Math.min(x0, x1), y: Math.min(y0, y1), w: Math.abs(x1 - x0), h: Math.abs(y1 - y0) });
    else if (d.tool === 'crop') setCropRect({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
  };

  const sp = photo.previewWidth / photo.width;
  const stageW = Math.round(photo.previewWidth * scale);
  const stageH = Math.round(photo.previewHeight * scale);
  const ratio = window.devicePixelRatio || 1;
  return (
    <div className="canvas-box" ref={box} data-tool={tool} data-testid="edit-stage" data-marks={shown.length}>
      <div className="canvas-frame">
      <Stage
        width={stageW}
        height={stageH}
        scaleX={scale}
        scaleY={scale}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerLeave={() => {
          if (cursor.current) cursor.current.hidden = true;
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
          {shown.filter((m) => m.kind !== 'arrow' && m.kind !== 'text').map((m, i) => (
            <MarkShape key={i} m={m} />
          ))}
        </Layer>
        <Layer listening={false}>
          {shown.filter((m) => m.kind === 'arrow' || m.kind === 'text').map((m, i) => (
            <MarkShape key={i} m={m} />
          ))}
          {cropRect && <Rect x={cropRect.x} y={cropRect.y} width={cropRect.w} height={cropRect.h} stroke="#fff" dash={[8, 6]} strokeWidth={2 / scale} />}
        </Layer>
        <Layer ref={live} listening={false}>
          <Rect ref={liveShape} visible={false} stroke="#fff" dash={[6, 4]} strokeWidth={2 / scale} />
        </Layer>
      </Stage>
      <canvas ref={overlay} className="stroke-overlay" width={Math.round(stageW * ratio)} height={Math.round(stageH * ratio)} style={{ width: stageW, height: stageH }} aria-hidden="true" />
      <div ref={cursor} className="brush-cursor" hidden aria-hidden="true" />
      </div>
    </div>
  );
}

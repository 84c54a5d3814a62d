/**
 * What is drawn on the canvas, in the preview's pixels, and how it becomes the two PNGs main
 * scales to full resolution: the region mask (opaque where the model may change things) and
 * the annotations (arrows and notes). Drawn with a plain 2D canvas so the export does not
 * depend on how the screen shows the marks.
 */
export type Mark =
  | { kind: 'stroke'; erase: boolean; size: number; points: number[] }
  | { kind: 'rect' | 'ellipse'; x: number; y: number; w: number; h: number }
  | { kind: 'arrow'; points: [number, number, number, number] }
  | { kind: 'text'; x: number; y: number; text: string };

export const isRegion = (m: Mark) => m.kind === 'stroke' || m.kind === 'rect' || m.kind === 'ellipse';

function canvas(w: number, h: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return [c, c.getContext('2d')!];
}

/** The region mask, or null when nothing is painted (erasing everything counts as nothing). */
export function maskPng(marks: readonly Mark[], w: number, h: number): string | null {
  if (!marks.some(isRegion)) return null;
  const [c, g] = canvas(w, h);
  g.fillStyle = '#fff';
  g.strokeStyle = '#fff';
  g.lineCap = 'round';
  g.lineJoin = 'round';
  for (const m of marks) {
    if (m.kind === 'stroke') {
      g.globalCompositeOperation = m.erase ? 'destination-out' : 'source-over';
      g.lineWidth = m.size;
      g.beginPath();
      g.moveTo(m.points[0]!, m.points[1]!);
      for (let i = 2; i < m.points.length; i += 2) g.lineTo(m.points[i]!, m.points[i + 1]!);
      if (m.points.length === 2) g.lineTo(m.points[0]! + 0.01, m.points[1]!);
      g.stroke();
    } else if (m.kind === 'rect') {
      g.globalCompositeOperation = 'source-over';
      g.fillRect(m.x, m.y, m.w, m.h);
    } else if (m.kind === 'ellipse') {
      g.globalCompositeOperation = 'source-over';
      g.beginPath();
      g.ellipse(m.x + m.w / 2, m.y + m.h / 2, Math.abs(m.w / 2), Math.abs(m.h / 2), 0, 0, Math.PI * 2);
      g.fill();
    }
  }
  return c.toDataURL('image/png');
}

/** Arrows and notes in a strong colour on transparent, or null when there are none. */
export function annotationsPng(marks: readonly Mark[], w: number, h: number): string | null {
  const notes = marks.filter((m) => m.kind === 'arrow' || m.kind === 'text');
  if (notes.length === 0) return null;
  const [c, g] = canvas(w, h);
  const unit = Math.max(2, Math.round(Math.max(w, h) / 300));
  g.strokeStyle = '#ffe600';
  g.fillStyle = '#ffe600';
  g.lineWidth = unit * 2;
  g.lineCap = 'round';
  for (const m of notes) {
    if (m.kind === 'arrow') {
      const [x1, y1, x2, y2] = m.points;
      const a = Math.atan2(y2 - y1, x2 - x1);
      const head = unit * 8;
      g.beginPath();
      g.moveTo(x1, y1);
      g.lineTo(x2, y2);
      g.stroke();
      g.beginPath();
      g.moveTo(x2, y2);
      g.lineTo(x2 - head * Math.cos(a - 0.45), y2 - head * Math.sin(a - 0.45));
      g.lineTo(x2 - head * Math.cos(a + 0.45), y2 - head * Math.sin(a + 0.45));
      g.closePath();
      g.fill();
    } else if (m.kind === 'text') {
      g.font = `bold ${unit * 9}px sans-serif`;
      g.lineWidth = unit * 2;
      g.strokeStyle = '#000';
      g.strokeText(m.text, m.x, m.y);
      g.fillText(m.text, m.x, m.y);
      g.strokeStyle = '#ffe600';
      g.lineWidth = unit * 2;
    }
  }
  return c.toDataURL('image/png');
}

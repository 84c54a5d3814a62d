/** The canvas's tools and their keys: EditView answers them and the app's "?" sheet lists them. */
export type Tool = 'brush' | 'eraser' | 'rect' | 'ellipse' | 'arrow' | 'text' | 'crop';

export const TOOLS: ReadonlyArray<{ tool: Tool; label: string; key: string }> = [
  { tool: 'brush', label: 'Brush', key: 'B' },
  { tool: 'eraser', label: 'Eraser', key: 'E' },
  { tool: 'rect', label: 'Rectangle', key: 'R' },
  { tool: 'ellipse', label: 'Ellipse', key: 'O' },
  { tool: 'arrow', label: 'Arrow', key: 'A' },
  { tool: 'text', label: 'Note', key: 'T' },
  { tool: 'crop', label: 'Crop', key: 'C' },
];


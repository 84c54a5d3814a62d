/**
 * The main window's size, position and maximised state, kept between runs and fitted to the
 * screens that exist now: a window saved on an external monitor that has since been unplugged
 * must not open off-screen. Pure logic plus a JSON file; main.ts feeds it Electron's displays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1360, height: 880 };
export const MIN_SIZE = { width: 960, height: 600 };
/** At least this much of the window (its title bar, in practice) must lie on a screen to stay put. */
const MIN_VISIBLE = { width: 160, height: 48 };

const RectSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
const WindowStateSchema = z.object({ bounds: RectSchema, maximized: z.boolean() });

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function centreIn(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * Where the window opens. `workAreas` are the screens' usable areas (without dock and task bar),
 * the primary screen first. The saved bounds are kept when their top strip is on a screen, shrunk
 * to fit that screen and moved inside it; otherwise the window is centred on the primary screen.
 */
export function fitToScreens(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (!saved) return { bounds: centreIn(DEFAULT_SIZE, primary), maximized: false };
  const b = saved.bounds;
  const titleBar: Rect = { x: b.x, y: b.y, width: b.width, height: MIN_VISIBLE.height };
  const home = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(MIN_VISIBLE.width, b.width) && o.height >= Math.min(MIN_VISIBLE.height, b.height);
  });
  if (!home) return { bounds: centreIn({ width: b.width, height: b.height }, primary), maximized: saved.maximized };
  const width = Math.min(Math.max(b.width, Math.min(MIN_SIZE.width, home.width)), home.width);
  const height = Math.min(Math.max(b.height, Math.min(MIN_SIZE.height, home.height)), home.height);
  const x = Math.min(Math.max(b.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(b.y, home.y), home.y + home.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

/** Reads the saved state; a missing or damaged file is "no saved state", never an error. */
export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written atomically: a crash while saving leaves the previous state, not half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  const clean: WindowState = { bounds: { x: Math.round(state.bounds.x), y: Math.round(state.bounds.y), width: Math.round(state.bounds.width), height: Math.round(state.bounds.height) }, maximized: state.maximized };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(clean));
  fs.renameSync(tmp, file);
}

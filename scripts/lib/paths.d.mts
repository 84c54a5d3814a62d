// Types for scripts/lib/paths.mjs.
import type { PlatformPath } from 'node:path';
export function projectRootFrom(fileUrl: string, o?: { pathApi?: PlatformPath; up?: number }): string;
export function electronNativeDir(root: string, v: { electron: string; betterSqlite3: string; platform: string; arch: string }): string;
export function electronNativeBinary(dir: string): string;
export function mainBindingPath(root: string, v: { electron: string; platform: string; arch: string }): string;

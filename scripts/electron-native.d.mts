// Types for scripts/electron-native.mjs.
export function rebuildOptions(dir: string, electronVersion: string, env?: Record<string, string | undefined>): {
  buildPath: string;
  projectRootPath: string;
  electronVersion: string;
  onlyModules: string[];
  types: string[];
  force: boolean;
  mode: 'sequential';
  headerURL: string | undefined;
};
export function prepareCopy(source: string, dir: string): void;
export function offerToMain(binary: string, forMain: string): void;

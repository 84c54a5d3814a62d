// Types for scripts/merge-mac-update-info.mjs.
export interface UpdateFile { url: string; sha512: string; size?: number }
export interface UpdateInfo { version: string; files: UpdateFile[]; path: string; sha512: string; releaseDate: string }
export function mergeMacUpdateInfo(infos: UpdateInfo[]): UpdateInfo;

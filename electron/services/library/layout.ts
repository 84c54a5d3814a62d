import path from 'node:path';

const EXT_FOR_MIME: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
};

/**
 * Where a library keeps its files: `files/ab/abcd….png`, `thumbs/ab/abcd….webp`, `tmp/`. Apart
 * from ContentStore so the self-check's worker thread can find files without loading sharp.
 */
export interface LibraryLayout {
  readonly root: string;
  readonly filesDir: string;
  readonly thumbsDir: string;
  readonly tmpDir: string;
  originalPath(sha256: string, mime: string): string;
  thumbPath(sha256: string): string;
}

export function libraryLayout(root: string): LibraryLayout {
  const filesDir = path.join(root, 'files');
  const thumbsDir = path.join(root, 'thumbs');
  return {
    root,
    filesDir,
    thumbsDir,
    tmpDir: path.join(root, 'tmp'),
    originalPath: (sha256, mime) => path.join(filesDir, sha256.slice(0, 2), `${sha256}.${EXT_FOR_MIME[mime] ?? 'bin'}`),
    thumbPath: (sha256) => path.join(thumbsDir, sha256.slice(0, 2), `${sha256}.webp`),
  };
}

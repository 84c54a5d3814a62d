// Types for scripts/lib/native-build.mjs.
export function keepNodeBuild(moduleDir: string): () => void;

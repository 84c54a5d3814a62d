// Types for scripts/signing.mjs.
export function signingPlan(env: Record<string, string | undefined>, platform: NodeJS.Platform): { signed: boolean; lines: string[] };

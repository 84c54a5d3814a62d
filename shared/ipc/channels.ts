/**
 * The two Electron IPC channel names. Kept apart from the contract so the preload bundle
 * does not pull in zod.
 */
export const IPC_INVOKE_CHANNEL = 'atelier:invoke';
export const IPC_EVENT_CHANNEL = 'atelier:event';

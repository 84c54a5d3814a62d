/**
 * The Electron IPC channel names. Kept apart from the contract so the preload bundle
 * does not pull in zod.
 */
export const IPC_INVOKE_CHANNEL = 'atelier:invoke';
export const IPC_EVENT_CHANNEL = 'atelier:event';
/** Renderer → main, one way: start a native drag of these library assets (ids, never paths). */
export const IPC_DRAG_CHANNEL = 'atelier:drag';

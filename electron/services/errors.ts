import type { ErrorCode } from '../../shared/errors';

/**
 * An error meant for the user: a stable code the UI can act on and a sentence a person can read.
 * Anything else thrown inside main is reported as `internal` without its details.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { retryAfterMs?: number; permanent?: boolean; cause?: unknown } = {},
  ) {
    super(message);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

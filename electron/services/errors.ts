import type { ErrorCode, QuotaReason } from '../../shared/errors';

/**
 * An error meant for the user: a stable code the UI can act on and a sentence a person can read.
 * Anything else thrown inside main is reported as `internal` without its details.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      retryAfterMs?: number;
      permanent?: boolean;
      cause?: unknown;
      /** A 429 that named neither the limit nor a delay: retried a few times only. */
      sparse429?: boolean;
      /** Attempts in all (first included) this failure deserves, when fewer than the policy's. */
      maxAttempts?: number;
      /** What a 429 said caused it (spend window, prepaid credit, tier cap, tier drop). */
      quotaReason?: QuotaReason;
      /** A Flex call Google set aside for lack of capacity (electron/services/queue/FlexShed.ts decides what follows). */
      flexShed?: boolean;
    } = {},
  ) {
    super(message);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

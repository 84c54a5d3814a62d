import type { Reference } from '../../../shared/ipc/contract';

/** A reference's bytes, ready to send. */
export interface ReferenceImage {
  data: Buffer;
  mime: string;
  width: number;
  height: number;
}

/**
 * Where a reference's bytes come from: a library asset or a held input (`HeldInputs`). Declared
 * here, below generation, because HeldInputs provides it and generation and chat read through
 * it: neither folder then imports the other in both directions.
 */
export interface ReferenceImages {
  imageOf(ref: Reference): ReferenceImage;
}

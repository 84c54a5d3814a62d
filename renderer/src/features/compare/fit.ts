/**
 * What a comparison may ask of its contenders, by the shared model policy: each contender keeps
 * only what its model takes (a Pro contender has no thinking level), and the one ratio is one
 * that every contender accepts. The form draws from it and the store sends from it, so a
 * remembered choice a model refuses never shows or travels, whether started by click or key.
 */
import type { ContenderInput, Models } from '../../../../shared/ipc/contract';
import type { AspectRatio } from '../../../../shared/domain/vocabulary';
import type { ModelCapabilities } from '../../../../shared/models/catalogue';
import { capabilitiesOf, fitNotice, fitToModel, modelIdForTier, ratiosAcceptedByAll } from '../../lib/models';

export const capsOfContender = (models: Models | null, c: ContenderInput): ModelCapabilities => capabilitiesOf(models, modelIdForTier(models, c.tier, c.modelId));

/** A contender with only what its model takes, and what moved. */
export function fitContender(c: ContenderInput, caps: ModelCapabilities): { contender: ContenderInput; notice: string | null } {
  const fit = fitToModel({ imageSize: c.imageSize ?? null, thinkingLevel: c.thinkingLevel ?? null, grounding: !!c.grounding }, caps);
  return { contender: { ...c, ...fit.choices }, notice: fitNotice(caps, fit.changes) };
}

export interface FittedComparison {
  caps: ModelCapabilities[];
  contenders: ContenderInput[];
  /** The ratios every contender accepts. */
  ratios: readonly AspectRatio[];
  /** The chosen ratio fitted to `ratios` (null: Auto). */
  aspectRatio: AspectRatio | null;
}

export function fitComparison(models: Models | null, saved: readonly ContenderInput[], aspectRatio: AspectRatio | null): FittedComparison {
  const caps = saved.map((c) => capsOfContender(models, c));
  const contenders = saved.map((c, i) => fitContender(c, caps[i]!).contender);
  const ratios = ratiosAcceptedByAll(caps);
  return { caps, contenders, ratios, aspectRatio: fitToModel({ aspectRatio }, caps[0]!, { ratios }).choices.aspectRatio ?? null };
}

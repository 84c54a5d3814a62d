/** Whether a model accepts a request, before anything is sent: the one check every form and service uses. */
import type { AspectRatio, ImageSize, ReferenceKind, ThinkingLevel } from '../domain/vocabulary';
import type { ServiceTier } from '../domain/serviceTiers';
import type { ModelCapabilities } from './catalogue';

/** What a request asks of a model, in the terms the capability check needs. */
export interface RequestShape {
  aspectRatio?: AspectRatio | null | undefined;
  imageSize?: ImageSize | null | undefined;
  references?: ReadonlyArray<{ kind: ReferenceKind }> | undefined;
  grounding?: boolean | undefined;
  imageSearch?: boolean | undefined;
  thinkingLevel?: ThinkingLevel | null | undefined;
  includeThoughts?: boolean | undefined;
  serviceTier?: ServiceTier | undefined;
}

/** Null when the model accepts the request; otherwise the sentence to show the user. */
export function checkRequest(caps: ModelCapabilities, req: RequestShape): string | null {
  const name = caps.id;
  if (req.aspectRatio && !caps.aspectRatios.includes(req.aspectRatio)) {
    return `${name} does not support the ${req.aspectRatio} aspect ratio. Choose one of ${caps.aspectRatios.join(', ')}.`;
  }
  if (req.imageSize) {
    if (caps.imageSizes.length === 0) return `${name} has one fixed output size; it cannot make ${req.imageSize} images.`;
    if (!caps.imageSizes.includes(req.imageSize)) {
      return `${name} cannot make ${req.imageSize} images. Choose one of ${caps.imageSizes.join(', ')}.`;
    }
  }
  const refs = req.references ?? [];
  if (refs.length > caps.maxReferenceImages) {
    return `${name} takes at most ${caps.maxReferenceImages} reference images; this request has ${refs.length}. Remove ${refs.length - caps.maxReferenceImages}.`;
  }
  for (const kind of ['object', 'person'] as const) {
    const n = refs.filter((r) => r.kind === kind).length;
    const max = caps.maxReferencesOfKind[kind];
    if (n > max) return `${name} takes at most ${max} ${kind === 'person' ? 'people' : 'object'} reference images; this request has ${n}.`;
  }
  if ((req.grounding || req.imageSearch) && !caps.searchGrounding) return `${name} cannot ground its images with Google Search.`;
  if (req.imageSearch && !caps.imageSearch) return `${name} cannot search Google Images; use web search only.`;
  if (req.thinkingLevel) {
    if (caps.thinkingLevels.length === 0) return `${name} has no thinking level to choose; leave it on the model's default.`;
    if (!caps.thinkingLevels.includes(req.thinkingLevel)) {
      return `${name} cannot think at the ${req.thinkingLevel} level. Choose one of ${caps.thinkingLevels.join(', ')}.`;
    }
  }
  if (req.includeThoughts && !caps.visibleThoughts) return `${name} does not show its thinking.`;
  if (req.serviceTier && req.serviceTier !== 'standard' && !caps.serviceTiers.includes(req.serviceTier)) {
    return req.serviceTier === 'flex'
      ? `${name} cannot run at Economy (Flex) prices; choose Standard.`
      : `${name} cannot run at Priority; choose Standard.`;
  }
  return null;
}

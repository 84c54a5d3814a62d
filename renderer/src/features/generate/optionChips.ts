/**
 * The collapsed dock's summary of the current choices: one short chip each, so what the next
 * Generate will do is readable without opening the Options popover. Defaults that need no
 * saying (image and text out, no search, no thoughts) are left out.
 */
import { TIER_LABELS, type AspectRatio, type ImageSize, type ModelTier, type ResponseModalities, type ThinkingLevel } from '../../../../shared/domain/vocabulary';
import { MODALITY_LABELS } from '../../lib/format';

export interface ChipSource {
  tier: ModelTier;
  /** The pinned model's display name, when one is pinned instead of the tier's default. */
  pinnedModel: string | null;
  aspectRatio: AspectRatio | null;
  imageSize: ImageSize | null;
  thinkingLevel: ThinkingLevel | null;
  modalities: ResponseModalities;
  grounding: boolean;
  imageSearch: boolean;
  includeThoughts: boolean;
  referenceCount: number;
  /** Standard needs no saying. */
  serviceTier?: 'standard' | 'flex' | 'priority';
}

export function optionChips(s: ChipSource): string[] {
  const chips = [s.pinnedModel ?? TIER_LABELS[s.tier], s.aspectRatio ?? 'Auto ratio'];
  if (s.imageSize) chips.push(s.imageSize === '512' ? '512 px' : s.imageSize);
  if (s.thinkingLevel) chips.push(`Thinking ${s.thinkingLevel}`);
  if (s.modalities !== 'TEXT_IMAGE') chips.push(MODALITY_LABELS[s.modalities]);
  if (s.grounding) chips.push(s.imageSearch ? 'Web + image search' : 'Web search');
  if (s.includeThoughts) chips.push('Thoughts');
  if (s.serviceTier === 'flex') chips.push('Economy');
  if (s.serviceTier === 'priority') chips.push('Priority');
  if (s.referenceCount > 0) chips.push(s.referenceCount === 1 ? '1 reference' : `${s.referenceCount} references`);
  return chips;
}

/** The request vocabulary: ratios and their nearest match for an image of any shape. */
import { describe, expect, it } from 'vitest';
import { ALL_ASPECT_RATIOS, COMMON_ASPECT_RATIOS, FLASH_EXTRA_ASPECT_RATIOS, MODEL_TIERS, TIER_LABELS, nearestAspectRatio } from '../../../shared/domain/vocabulary';

describe('vocabulary', () => {
  it('every class has a label, and the ratios are the common ten plus Flash’s panoramas', () => {
    expect(MODEL_TIERS.map((t) => TIER_LABELS[t])).toEqual(['Flash', 'Pro', 'Lite']);
    expect(ALL_ASPECT_RATIOS).toHaveLength(COMMON_ASPECT_RATIOS.length + FLASH_EXTRA_ASPECT_RATIOS.length);
  });

  it('nearestAspectRatio picks the standard ratio closest in shape', () => {
    expect(nearestAspectRatio(1920, 1080)).toBe('16:9');
    expect(nearestAspectRatio(1000, 1010)).toBe('1:1');
    expect(nearestAspectRatio(800, 6400)).toBe('1:8');
    expect(nearestAspectRatio(2100, 900)).toBe('21:9');
  });
});

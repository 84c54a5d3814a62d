/** Element limits per model: an Element's images count as its kind against each model's limits. */
import { describe, expect, it } from 'vitest';
import { capabilitiesFor } from '../../../shared/models/catalogue';
import { elementReferences, fitElements } from '../../../shared/models/elementFit';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const anna = { name: 'Anna', kind: 'person' as const, assetIds: ids(2) };
const ben = { name: 'Ben', kind: 'person' as const, assetIds: ids(2) };
const mug = { name: 'Mug', kind: 'object' as const, assetIds: ids(3) };
const ink = { name: 'Ink wash', kind: 'style' as const, assetIds: ids(2) };

describe('Element limits per model', () => {
  it('counts a person as person references, and an object or a style as object references', () => {
    expect(elementReferences(anna)).toEqual([{ kind: 'person' }, { kind: 'person' }]);
    expect(elementReferences(ink)).toEqual([{ kind: 'object' }, { kind: 'object' }]);
  });

  it('lets two people with two photos each through on gemini-3.1-flash-image (4 people)', () => {
    expect(fitElements(capabilitiesFor('gemini-3.1-flash-image'), [], [anna, ben])).toBeNull();
  });

  it('says which to drop when a third person passes gemini-3.1-flash-image’s 4 people', () => {
    const cara = { name: 'Cara', kind: 'person' as const, assetIds: ids(1) };
    const fit = fitElements(capabilitiesFor('gemini-3.1-flash-image'), [], [anna, ben, cara]);
    expect(fit?.drop).toEqual(['Cara']);
    expect(fit?.message).toMatch(/at most 4 people reference images; this request has 5\. Drop @Cara \(1 image\) to fit\./);
  });

  it('on gemini-2.5-flash-image (3 in all, 1 person) drops a person with two photos', () => {
    const fit = fitElements(capabilitiesFor('gemini-2.5-flash-image'), [], [anna]);
    expect(fit).toEqual({ drop: ['Anna'], message: expect.stringContaining('Drop @Anna (2 images) to fit.') });
  });

  it('counts the tray’s own references: a style beside two tray images passes 3 in all', () => {
    const caps = capabilitiesFor('gemini-2.5-flash-image');
    expect(fitElements(caps, [{ kind: 'object' }], [ink])).toBeNull();
    const fit = fitElements(caps, [{ kind: 'object' }, { kind: 'object' }], [ink]);
    expect(fit?.drop).toEqual(['Ink wash']);
    expect(fit?.message).toMatch(/at most 3 reference images; this request has 4/);
  });

  it('drops from the last chosen back, and names every one it drops', () => {
    const fit = fitElements(capabilitiesFor('gemini-2.5-flash-image'), [], [mug, ink, { ...ink, name: 'Chalk' }]);
    expect(fit?.drop).toEqual(['Ink wash', 'Chalk']);
    expect(fit?.message).toContain('Drop @Ink wash and @Chalk (4 images) to fit.');
  });

  it('says the tray itself is too full when no Element is to blame', () => {
    const fit = fitElements(capabilitiesFor('gemini-2.5-flash-image'), [{ kind: 'object' }, { kind: 'object' }, { kind: 'object' }, { kind: 'object' }], [ink]);
    expect(fit?.drop).toEqual([]);
    expect(fit?.message).toContain('The tray’s own references are already too many');
  });
});

describe('Element limits on Nano Banana Pro', () => {
  it('takes a fifth person there, where gemini-3.1-flash-image does not', () => {
    const five = [anna, ben, { name: 'Cara', kind: 'person' as const, assetIds: ids(1) }];
    expect(fitElements(capabilitiesFor('gemini-3-pro-image'), [], five)).toBeNull();
    expect(fitElements(capabilitiesFor('gemini-3.1-flash-image'), [], five)?.drop).toEqual(['Cara']);
  });
});

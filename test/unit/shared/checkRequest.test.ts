/** checkRequest on its own: each thing a model may refuse, in the sentence the user sees. */
import { describe, expect, it } from 'vitest';
import { capabilitiesFor } from '../../../shared/models/catalogue';
import { checkRequest } from '../../../shared/models/checkRequest';

const flash = capabilitiesFor('gemini-3.1-flash-image');
const pro = capabilitiesFor('gemini-3-pro-image');
const old = capabilitiesFor('gemini-2.5-flash-image');

describe('checkRequest', () => {
  it('accepts what the model can do', () => {
    expect(checkRequest(flash, { aspectRatio: '8:1', imageSize: '512', references: [{ kind: 'person' }], grounding: true, imageSearch: true, thinkingLevel: 'high', includeThoughts: true })).toBeNull();
  });

  it('names the ratio, size and thinking level a model refuses, with what it takes instead', () => {
    expect(checkRequest(pro, { aspectRatio: '8:1' })).toMatch(/does not support the 8:1 aspect ratio\. Choose one of 1:1/);
    expect(checkRequest(pro, { imageSize: '512' })).toMatch(/cannot make 512 images\. Choose one of 1K, 2K, 4K/);
    expect(checkRequest(old, { imageSize: '1K' })).toMatch(/one fixed output size/);
    expect(checkRequest(flash, { thinkingLevel: 'medium' })).toMatch(/cannot think at the medium level/);
    expect(checkRequest(pro, { thinkingLevel: 'high' })).toMatch(/no thinking level to choose/);
  });

  it('counts references in all and by kind', () => {
    expect(checkRequest(old, { references: [{ kind: 'object' }, { kind: 'object' }, { kind: 'object' }, { kind: 'object' }] })).toMatch(/at most 3 reference images; this request has 4\. Remove 1\./);
    expect(checkRequest(old, { references: [{ kind: 'person' }, { kind: 'person' }] })).toMatch(/at most 1 people reference images/);
  });

  it('refuses search and visible thinking where the model has none', () => {
    expect(checkRequest(old, { grounding: true })).toMatch(/cannot ground its images with Google Search/);
    expect(checkRequest(pro, { imageSearch: true })).toMatch(/cannot search Google Images/);
    expect(checkRequest(old, { includeThoughts: true })).toMatch(/does not show its thinking/);
  });
});

import { describe, expect, it } from 'vitest';
import { checkEdit, editContent, editInstruction } from '../../../../electron/services/edit/editRequest';

const SHA = 'a'.repeat(64);

describe('edit request builder', () => {
  it('words a region edit around the marked copy and keeps the user words verbatim', () => {
    const text = editInstruction({ mode: 'region', instruction: 'make the sky stormy.' });
    expect(text).toContain('Change only the region marked in the second image: make the sky stormy.');
    expect(text).toContain('do not draw the red marking');
  });

  it('words annotations and outpaints for what they are', () => {
    expect(editInstruction({ mode: 'annotations', instruction: 'move the cup' })).toContain('arrows, shapes and notes');
    expect(editInstruction({ mode: 'outpaint', instruction: 'more beach' })).toContain('Fill the marked border so the scene continues naturally');
  });

  it('sends the instruction, the base image, then the marked copy (not the mask)', () => {
    const base = { inlineData: { mimeType: 'image/jpeg', data: 'QkFTRQ==' } };
    const read = (sha: string) => Buffer.from(sha === SHA ? 'MARKED' : 'MASK');
    const content = editContent(
      { mode: 'region', instruction: 'red hat', marks: [{ sha256: 'b'.repeat(64), mimeType: 'image/png', role: 'mask' }, { sha256: SHA, mimeType: 'image/jpeg', role: 'marked' }], downscaledFrom: null },
      base,
      read,
    );
    expect(content.parts).toHaveLength(3);
    expect(content.parts[0]!.text).toContain('red hat');
    expect(content.parts[1]).toBe(base);
    expect(Buffer.from(content.parts[2]!.inlineData!.data!, 'base64').toString()).toBe('MARKED');
  });

  it('refuses "change only the marked region" with nothing marked, with a hint', () => {
    expect(() => checkEdit({ mode: 'region', instruction: 'Change only the marked region to grass' }, { maskEmpty: true, annotations: false })).toThrow(
      /says to change only the marked region, but nothing is marked\. Paint over the part to change with the brush \(B\)/,
    );
    expect(() => checkEdit({ mode: 'region', instruction: 'grass' }, { maskEmpty: true, annotations: false })).toThrow(/Nothing is marked/);
    expect(() => checkEdit({ mode: 'region', instruction: 'grass' }, { maskEmpty: false, annotations: false })).not.toThrow();
    expect(() => checkEdit({ mode: 'outpaint', instruction: 'grass' }, { maskEmpty: false, annotations: false })).not.toThrow();
  });
});

/**
 * The one place that turns a canvas edit into what Gemini reads. Gemini's generateContent has no
 * mask parameter for image models (December 2026: masks exist only in Imagen's editImage on
 * Vertex, which Atelier does not use; gemini-2026-q4.md lists none), so the region travels as a
 * second image — the same photo with the region painted over — and the text says how to read it.
 * If Google documents a native mask, only this module changes: the stored request keeps the
 * mask itself (role "mask") so old edits can be replayed either way.
 */
import type { EditInputs } from '../../../shared/domain';
import { AppError } from '../errors';
import type { WireContent, WirePart } from '../gemini/wire';

/** Words that say "only the marked part", in the languages people most often write prompts in. */
const ONLY_MARKED = /\b(only|just)\b.*\b(mark|marked|masked|region|area|selection|selected|painted)\b|\bmarked (region|area)\b|\bin the (mask|selection)\b/i;

/** What the model is told, for each kind of edit. The user's words always come last, verbatim. */
export function editInstruction(edit: Pick<EditInputs, 'mode' | 'instruction'>): string {
  const said = edit.instruction.trim().replace(/[.\s]+$/, '');
  switch (edit.mode) {
    case 'region':
      return (
        'You are given two images. The first is the photo to edit. The second is the same photo with the region to change ' +
        'painted over in translucent red. Change only the region marked in the second image: ' +
        `${said}. Keep everything outside that region exactly as it is in the first image, keep the framing and size of the ` +
        'first image, and do not draw the red marking in the result.'
      );
    case 'annotations':
      return (
        'You are given two images. The first is the photo to edit. The second is the same photo with arrows, shapes and notes ' +
        `drawn on it that show what to change and where. Follow them: ${said}. Keep everything the marks do not point at ` +
        'unchanged, and do not draw the arrows, shapes or notes in the result.'
      );
    case 'outpaint':
      return (
        'You are given two images. The first is a photo placed on a larger canvas; the flat grey border around it is empty. ' +
        'The second shows the same canvas with the empty border marked in translucent red. Fill the marked border so the scene ' +
        `continues naturally beyond the photo's original edges: ${said}. Keep the original photo area unchanged and return the ` +
        'whole canvas at its full size with no grey or red left.'
      );
  }
}

/**
 * Refuses an edit that cannot do what it says: "change only the marked region" with nothing
 * marked would let the model change anything, which is the opposite of what was asked.
 */
export function checkEdit(edit: Pick<EditInputs, 'mode' | 'instruction'>, marked: { maskEmpty: boolean; annotations: boolean }): void {
  if (edit.mode === 'region' && marked.maskEmpty) {
    throw new AppError(
      'bad_input',
      ONLY_MARKED.test(edit.instruction)
        ? 'Your instruction says to change only the marked region, but nothing is marked. Paint over the part to change with the brush (B) or draw a rectangle, then send again.'
        : 'Nothing is marked on the photo. Paint over the part to change with the brush (B), or draw an arrow or a note to show what you mean.',
    );
  }
  if (edit.mode === 'annotations' && !marked.annotations) {
    throw new AppError('bad_input', 'There are no arrows or notes on the photo. Draw one, or paint the region to change with the brush (B).');
  }
}

/**
 * The user turn: the instruction, the base image, then the marked copy. The mask itself is not
 * sent (the marked copy carries it, at a fraction of the tokens of a third image).
 */
export function editContent(edit: EditInputs, base: WirePart, readBlob: (sha256: string) => Buffer): WireContent {
  const marked = edit.marks.find((m) => m.role === 'marked');
  if (!marked) throw new AppError('bad_input', 'This edit has lost its marked copy; open it on the canvas again.');
  return {
    role: 'user',
    parts: [
      { text: editInstruction(edit) },
      base,
      { inlineData: { mimeType: marked.mimeType, data: readBlob(marked.sha256).toString('base64') } },
    ],
  };
}

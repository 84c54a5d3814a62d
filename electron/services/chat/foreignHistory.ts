import type { WireContent, WirePart } from '../gemini/wire';

/**
 * The documented stand-in signature for history a model did not produce itself (Gemini 3 guide,
 * wire §4.2). Image models validate signatures strictly, so turns answered by an earlier model
 * cannot go out bare either.
 */
export const FOREIGN_HISTORY_SIGNATURE = 'context_engineering_is_the_way_to_go';

/**
 * A model turn answered by another model, made fit for the one the chat moved to: its thought
 * parts (that model's reasoning) are dropped and its signatures are not sent — they are valid
 * only for the model that issued them. The parts that must carry a signature (the first one, and
 * every image) carry the documented stand-in instead.
 */
export function withoutForeignSignatures(content: WireContent): WireContent {
  const parts = content.parts.filter((p) => !p.thought);
  return {
    role: content.role,
    parts: parts.map((p, i): WirePart => {
      const { thoughtSignature: _foreign, ...rest } = p;
      return i === 0 || rest.inlineData ? { ...rest, thoughtSignature: FOREIGN_HISTORY_SIGNATURE } : rest;
    }),
  };
}

/** Whether the Elements chosen in a prompt fit a model's reference limits, and which to drop if not. */
import { referenceKindOf, type ElementKind } from '../domain/elements';
import type { ReferenceKind } from '../domain/vocabulary';
import type { ModelCapabilities } from './catalogue';
import { checkRequest } from './checkRequest';

export interface ElementShape {
  name: string;
  kind: ElementKind;
  assetIds: readonly string[];
}

export interface ElementFit {
  /** The Elements to drop, last chosen first, so that the rest fit; empty when the tray alone is too much. */
  drop: string[];
  /** The sentence for the dock. */
  message: string;
}

/** The references an Element adds, of the kind Gemini counts it as. */
export function elementReferences(element: ElementShape): Array<{ kind: ReferenceKind }> {
  return element.assetIds.map(() => ({ kind: referenceKindOf(element.kind) }));
}

const images = (n: number) => `${n} image${n === 1 ? '' : 's'}`;
const list = (names: string[]) => names.map((n) => `@${n}`).join(names.length === 2 ? ' and ' : ', ');

/**
 * Null when the tray's references and every chosen Element's images fit the model (the same
 * check every request passes, shared/models/checkRequest). Otherwise drops Elements from the last
 * chosen backwards until the rest fit, and says which.
 */
export function fitElements(caps: ModelCapabilities, tray: ReadonlyArray<{ kind: ReferenceKind }>, elements: readonly ElementShape[]): ElementFit | null {
  const shape = (kept: readonly ElementShape[]) => ({ references: [...tray, ...kept.flatMap(elementReferences)] });
  const problem = checkRequest(caps, shape(elements));
  if (!problem) return null;
  const kept = [...elements];
  const drop: ElementShape[] = [];
  while (kept.length > 0 && checkRequest(caps, shape(kept))) drop.unshift(kept.pop()!);
  if (checkRequest(caps, shape(kept))) {
    return { drop: [], message: `${problem} The tray’s own references are already too many for ${caps.id}; remove some before adding Elements.` };
  }
  const brought = drop.reduce((n, e) => n + e.assetIds.length, 0);
  return {
    drop: drop.map((e) => e.name),
    message: `${problem} Drop ${list(drop.map((e) => e.name))} (${images(brought)}) to fit.`,
  };
}

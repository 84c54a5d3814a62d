/** Names and checks for contenders: what a person reads on a pane, and what a model can take. */
import type { Contender } from '../../../shared/domain';
import { TIER_LABELS } from '../../../shared/domain/vocabulary';
import { capabilitiesFor, FALLBACK_MODEL_FOR_TIER, type ModelCapabilities } from '../../../shared/models/catalogue';

/**
 * What a pane calls a model: its class ("Flash", "Pro", "Lite") for the class's current model, the
 * capability table's name for any other known one, else a tidied id. Ids live only in that table.
 */
export function modelName(modelId: string): string {
  const caps = capabilitiesFor(modelId);
  if (FALLBACK_MODEL_FOR_TIER[caps.tier] === modelId) return TIER_LABELS[caps.tier];
  return caps.known ? caps.displayName : modelId.replace(/^gemini-/, '').replace(/-image$/, '');
}

/** The size a request really gets: the asked one, or the model's default. */
export function effectiveSize(c: Contender, caps: ModelCapabilities): string | null {
  return c.imageSize ?? caps.defaultImageSize;
}

/** "Pro 2K", "Flash 1K · thinking high · Search": unique per distinct setting, so Stats can group by it. */
export function contenderLabel(c: Contender, modelId: string): string {
  const caps = capabilitiesFor(modelId);
  const parts = [`${modelName(modelId)}${effectiveSize(c, caps) ? ` ${effectiveSize(c, caps)}` : ''}`];
  if (c.thinkingLevel) parts.push(`thinking ${c.thinkingLevel}`);
  if (c.grounding) parts.push('Search');
  return parts.join(' · ');
}

/** Null when the model takes the thinking level; else the sentence to show. */
export function checkThinking(c: Contender, modelId: string): string | null {
  if (!c.thinkingLevel) return null;
  // Pro thinks always and ignores levels, so asking it for one would make two identical contenders look different.
  const levels = capabilitiesFor(modelId).thinkingLevels;
  if (!levels.length) return `${modelId} has no thinking levels to choose from.`;
  if (!levels.includes(c.thinkingLevel)) return `${modelId} cannot think at level "${c.thinkingLevel}". Choose ${levels.join(' or ')}.`;
  return null;
}

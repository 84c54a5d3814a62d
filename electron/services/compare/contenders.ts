/** Names and checks for contenders: what a person reads on a pane, and what a model can take. */
import type { Contender } from '../../../shared/domain';
import { capabilitiesFor, type ModelCapabilities, type ThinkingLevel } from '../../../shared/models';

const MODEL_NAMES: Readonly<Record<string, string>> = {
  'gemini-3.1-flash-image': 'Flash',
  'gemini-3-pro-image': 'Pro',
  'gemini-3.1-flash-lite-image': 'Flash Lite',
  'gemini-nano-banana-2.1': 'Nano Banana 2.1',
};

/**
 * Thinking levels each image model accepts (gemini-2026-q4.md, "Models"). Pro thinks always and
 * ignores levels, so asking it for one would make two identical contenders look different.
 */
const THINKING_LEVELS: Readonly<Record<string, readonly ThinkingLevel[]>> = {
  'gemini-nano-banana-2.1': ['minimal', 'medium', 'high'],
  'gemini-3.1-flash-image': ['minimal', 'high'],
  'gemini-3.1-flash-lite-image': ['minimal', 'high'],
};

export function modelName(modelId: string): string {
  return MODEL_NAMES[modelId] ?? modelId.replace(/^gemini-/, '').replace(/-image$/, '');
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
  const levels = THINKING_LEVELS[modelId];
  if (!levels) return `${modelId} has no thinking levels to choose from.`;
  if (!levels.includes(c.thinkingLevel)) return `${modelId} cannot think at level "${c.thinkingLevel}". Choose ${levels.join(' or ')}.`;
  return null;
}

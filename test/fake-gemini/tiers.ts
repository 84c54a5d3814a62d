/**
 * Service tiers on generateContent (`serviceTier` / `service_tier` at the body's top level):
 * Standard by default, Flex slower and sheddable, Priority possibly served as Standard. Every
 * answer names the tier that served it in `x-gemini-service-tier` (priority-inference page).
 *
 * Google does not document what a shed Flex call answers; the fake sheds with 503 UNAVAILABLE,
 * the Gemini API's "no capacity right now" answer, worded to say it was Flex that lacked room.
 * Tests script it: `fake.tiers.shedFlex = 2` sheds the next two Flex calls (scenario-controlled,
 * never random), `fake.tiers.flexLatencyMs` adds Flex's wait (compressed for tests: Google's
 * target is 1–15 minutes), `fake.tiers.downgradePriority` serves Priority calls as Standard.
 */
import { RpcError, invalidArgument } from './errors';
import type { FakeModel } from './models';

export type FakeServiceTier = 'standard' | 'flex' | 'priority';

export interface TierBehaviour {
  /** How many of the next Flex calls are shed (503), after their latency. */
  shedFlex: number;
  /** Extra delay before a Flex call answers or is shed. */
  flexLatencyMs: number;
  /** Serve Priority calls as Standard (Google's "graceful downgrade" over the Priority limit). */
  downgradePriority: boolean;
  /**
   * Name this tier in the header of every answer, whatever was asked: the scenario of a model
   * Google serves at a tier Atelier's table does not list for it (the proof that it runs there).
   */
  serveAs?: FakeServiceTier | null;
}

export const defaultTiers = (): TierBehaviour => ({ shedFlex: 0, flexLatencyMs: 0, downgradePriority: false, serveAs: null });

export const SERVED_TIER_HEADER = 'x-gemini-service-tier';

/** The tier a request asks for; an unknown value is a 400 like any bad enum. */
export function requestedTier(body: unknown): FakeServiceTier {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const raw = b.serviceTier ?? b.service_tier;
  if (raw === undefined || raw === null || raw === '') return 'standard';
  const v = String(raw).toLowerCase().replace(/^service_tier_/, '');
  if (v === 'standard' || v === 'unspecified') return 'standard';
  if (v === 'flex' || v === 'priority') return v;
  throw invalidArgument(`Invalid value at 'service_tier' (type.googleapis.com/google.ai.generativelanguage.v1beta.ServiceTier), ${JSON.stringify(raw)}`);
}

/** Nano Banana 2 Lite's card: "Flex no, Priority no". */
export function checkTierAllowed(model: FakeModel, tier: FakeServiceTier): void {
  if (tier === 'standard' || !model.serviceTiers || model.serviceTiers.includes(tier)) return;
  throw invalidArgument(`Service tier ${tier} is not supported for model ${model.id}.`);
}

export function servedTier(tier: FakeServiceTier, b: TierBehaviour): FakeServiceTier {
  if (b.serveAs) return b.serveAs;
  return tier === 'priority' && b.downgradePriority ? 'standard' : tier;
}

export function flexShedError(): RpcError {
  return new RpcError(503, 'UNAVAILABLE', 'The Flex tier has no spare capacity for this request right now and it was shed. Please retry later, or use the standard tier.');
}

/** For the control API: a patch of TierBehaviour, or the problem with it. */
export function tiersProblem(body: unknown): string | null {
  if (!body || typeof body !== 'object') return 'body must be an object';
  const b = body as Record<string, unknown>;
  if (b.shedFlex !== undefined && !(Number.isInteger(b.shedFlex) && (b.shedFlex as number) >= 0)) return 'shedFlex must be a whole number ≥ 0';
  if (b.flexLatencyMs !== undefined && !(typeof b.flexLatencyMs === 'number' && b.flexLatencyMs >= 0)) return 'flexLatencyMs must be a number ≥ 0';
  if (b.downgradePriority !== undefined && typeof b.downgradePriority !== 'boolean') return 'downgradePriority must be true or false';
  if (b.serveAs !== undefined && b.serveAs !== null && !['standard', 'flex', 'priority'].includes(b.serveAs as string)) return 'serveAs must be standard, flex, priority or null';
  return null;
}

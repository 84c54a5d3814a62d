/**
 * `:streamGenerateContent?alt=sse` (wire §9). The same answer as generateContent, cut into
 * events the way the real server cuts it: one event per part (the whole image in one), then a
 * last event with `content: {role}` only, the finishReason and the totals. Every event repeats
 * modelVersion, responseId and the usage so far.
 */
import type { Reply } from './context';

type Json = Record<string, unknown>;

export function streamEvents(body: Json): Json[] {
  const { candidates, ...envelope } = body as { candidates?: Json[] } & Json;
  const c = candidates?.[0];
  if (!c) return [body];
  const { content, ...rest } = c as { content?: { role?: string; parts?: Json[] } } & Json;
  const role = content?.role ?? 'model';
  const events: Json[] = (content?.parts ?? []).map((part) => ({ ...envelope, candidates: [{ content: { role, parts: [part] }, index: 0 }] }));
  const last: Json = { ...rest };
  if (content !== undefined) last.content = content.parts ? { role } : content;
  events.push({ ...envelope, candidates: [last] });
  return events;
}

const isThought = (e: Json): boolean =>
  ((e.candidates as Array<{ content?: { parts?: Array<{ thought?: boolean }> } }> | undefined)?.[0]?.content?.parts ?? []).some((p) => p.thought);

/**
 * Thoughts come early and the image late, as on the real wire: the thought events after
 * `firstMs`, the rest `restMs` later.
 */
export function sseReply(events: Json[], firstMs: number, restMs: number, end: 'close' | 'cut' | 'hang' = 'close'): Reply {
  let waitedRest = false;
  return {
    type: 'sse',
    end,
    events: events.map((data, i) => {
      let delayMs = i === 0 ? firstMs : 0;
      if (!waitedRest && !isThought(data)) {
        delayMs += restMs;
        waitedRest = true;
      }
      return { data, delayMs };
    }),
  };
}

/** A streamed answer that goes wrong after its thoughts and draft (streamBroken outcomes). */
export function brokenStream(events: Json[], how: 'noFinal' | 'cut' | 'hang', firstMs: number): Reply {
  const early = events.filter(isThought);
  return sseReply(early.length ? early : events.slice(0, 1), firstMs, 0, how === 'noFinal' ? 'close' : how);
}

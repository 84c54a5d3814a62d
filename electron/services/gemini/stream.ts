/**
 * Streamed answers (wire §9) come as a run of GenerateContentResponse events: thought text,
 * drafts, the final image in one event, then a last event with finishReason and the totals.
 * The rest of the app reads one response, so the events are merged into one: parts in the order
 * received and untouched (signatures stay on the part they came on), candidate fields and usage
 * from the last event that carried them.
 */
import type { RawResponse, WirePart } from './wire';

type Candidate = NonNullable<RawResponse['candidates']>[number];

export function mergeStreamEvents(events: ReadonlyArray<Record<string, unknown>>): RawResponse {
  const parts: WirePart[] = [];
  let candidate: Omit<Candidate, 'content'> | null = null;
  let role = 'model';
  const merged: RawResponse = {};
  for (const raw of events) {
    const e = raw as RawResponse;
    const c = e.candidates?.[0];
    if (c) {
      const { content, ...rest } = c;
      if (content?.role) role = content.role;
      if (Array.isArray(content?.parts)) parts.push(...content.parts);
      candidate = { ...(candidate ?? {}), ...rest };
    }
    if (e.usageMetadata) merged.usageMetadata = e.usageMetadata;
    if (e.promptFeedback) merged.promptFeedback = e.promptFeedback;
    if (e.modelVersion) merged.modelVersion = e.modelVersion;
  }
  if (candidate || parts.length) merged.candidates = [{ ...(candidate ?? {}), content: { role, parts } }];
  return merged;
}

/** A draft or a thought, as it arrives: what the window is shown while a job runs. */
export interface StreamProgress {
  thoughtText: string;
  draftImages: Array<{ mimeType: string; data: string }>;
}

/** The thought text and draft images one event adds. */
export function progressOf(event: Record<string, unknown>): StreamProgress {
  const parts = (event as RawResponse).candidates?.[0]?.content?.parts ?? [];
  let thoughtText = '';
  const draftImages: StreamProgress['draftImages'] = [];
  for (const p of parts) {
    if (!p.thought) continue;
    if (typeof p.text === 'string') thoughtText += p.text;
    if (p.inlineData?.data) draftImages.push({ mimeType: p.inlineData.mimeType, data: p.inlineData.data });
  }
  return { thoughtText, draftImages };
}

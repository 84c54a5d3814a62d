/**
 * Reads why a 429 happened from its text (issue 17 §4). Since the spend-based limits (Gemini API
 * docs, June 2026: "spend-based rate limits … 429 RESOURCE_EXHAUSTED") a 429's message or
 * `description` names the cause. Only the prepaid wording is confirmed verbatim ("Your prepayment
 * credits are depleted. Please go to AI Studio at https://ai.studio/projects to manage your project
 * and billing.", quoted in several discuss.ai.google.dev threads, 2026); the others are matched by
 * the terms the reference lists (shared/reference/gemini-2026-q4.md, "429 wording"), loosely, so a
 * rephrasing still lands. A text that names none of them stays a plain rate limit.
 */
import type { QuotaReason } from '../../../shared/errors';

const RULES: ReadonlyArray<[QuotaReason, RegExp]> = [
  // Checked first: "credit" and "cap" can both appear in a depleted-credit text.
  ['prepaid_depleted', /\bpre-?pa(?:id|yment|y)\b[^.]*\b(?:credits?|balance|funds)\b[^.]*\b(?:depleted|exhausted|used up|run out|insufficient)\b|\b(?:credits?|balance)\b[^.]*\b(?:depleted|used up)\b/i],
  ['tier_cap', /\bbilling account\b[^.]*\b(?:tier\b[^.]*)?\b(?:cap|limit)\b[^.]*\b(?:reached|exceeded|hit)\b|\btier (?:spend(?:ing)? )?cap\b[^.]*\b(?:reached|exceeded|hit)\b|\b(?:reached|exceeded|hit)\b[^.]*\btier (?:spend(?:ing)? )?cap\b/i],
  ['spend_window', /\bspend(?:ing)?[- ](?:based )?(?:limit|cap)\b[^.]*\b10[- ]minutes?\b|\b(?:rolling|last) 10[- ]minutes?\b[^.]*\bspend/i],
  ['tier_drop', /\btier\b[^.]*\b(?:lowered|dropped|downgraded|reduced|demoted)\b|\b(?:moved|dropped|downgraded) (?:down )?to (?:a lower )?tier\b|\blower (?:usage |billing )?tier\b/i],
];

/** The cause a 429's texts name, or null for a plain (or unnamed) rate limit. */
export function readQuotaReason(texts: readonly string[]): QuotaReason | null {
  const all = texts.join('\n');
  for (const [reason, pattern] of RULES) if (pattern.test(all)) return reason;
  return null;
}

/**
 * The texts of a google.rpc.Status worth reading for a cause: its message and every `description`
 * or `reason` its details carry (Help links, ErrorInfo, LocalizedMessage).
 */
export function statusTexts(status: { message?: unknown; details?: ReadonlyArray<Record<string, unknown>> }): string[] {
  const out: string[] = typeof status.message === 'string' ? [status.message] : [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
      if (typeof value === 'string' && /^(description|reason|message)$/.test(key)) out.push(value);
      else visit(value, depth + 1);
    }
  };
  for (const d of status.details ?? []) visit(d, 0);
  return out;
}

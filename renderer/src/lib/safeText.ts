/**
 * Text from a model or a server is data, not layout: control characters (NUL, ESC…) are removed
 * and long texts are cut to an excerpt before they reach the DOM. Direction is isolated where the
 * text is shown (`dir="auto"` and `unicode-bidi: isolate`, see BoundedText).
 */

// C0 controls and DEL, except tab and line feed (paragraphs are meaningful). CR is dropped too.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

export function stripControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/** The first sentence or two of a message, at most `max` characters; `rest` is what was left out. */
export function splitSummary(text: string, max = 220): { head: string; rest: string } {
  const clean = stripControls(text).trim();
  if (clean.length <= max) return { head: clean, rest: '' };
  // Cut after the second sentence end within the limit, else at a word boundary.
  const ends = [...clean.slice(0, max).matchAll(/[.!?…](\s|$)/g)].map((m) => (m.index ?? 0) + 1);
  let cut = ends.length >= 2 ? ends[1]! : ends.length === 1 ? ends[0]! : clean.lastIndexOf(' ', max);
  if (cut < max / 3) cut = max;
  return { head: clean.slice(0, cut).trim(), rest: clean.slice(cut).trim() };
}

/** A one-glance excerpt of a possibly huge text (controls stripped, trimmed). */
export function excerptOf(text: string | null | undefined, max = 280): string {
  if (!text) return '';
  const head = stripControls(text.slice(0, max + 1)).trim();
  return head.length > max || text.length > max + 1 ? `${head.slice(0, max).trimEnd()}…` : head;
}

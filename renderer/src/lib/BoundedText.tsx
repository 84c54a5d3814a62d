/**
 * Shows model or server text safely: controls stripped, direction isolated, and bounded. A 5 MB
 * answer once made a 2.4-million-pixel-tall element and a 10 KB error message filled the queue
 * (issue 10). The full text stays stored; here the window shows an excerpt and, on request, a
 * longer but still bounded part in a scrolling box.
 */
import { useState, type ReactNode } from 'react';
import { splitSummary, stripControls } from './safeText';

/** What an expanded text shows at most; beyond it, the count of what is left out. */
const EXPANDED_MAX = 20_000;

function count(n: number): string {
  return new Intl.NumberFormat().format(n);
}

/**
 * A message (an error, a server's words): a sentence or two, and "Details" for the rest.
 */
export function BoundedMessage({ text, className, testId, role }: { text: string; className?: string; testId?: string; role?: 'alert' }) {
  const { head, rest } = splitSummary(text);
  return (
    <div className={`bounded ${className ?? ''}`} data-testid={testId} role={role}>
      <span dir="auto" className="bidi-isolate">
        {head}
        {rest ? '…' : ''}
      </span>
      {rest && (
        <details className="bounded-details">
          <summary>Details</summary>
          <p dir="auto" className="bidi-isolate bounded-more">
            {rest.length > EXPANDED_MAX ? `${rest.slice(0, EXPANDED_MAX)}… (${count(rest.length - EXPANDED_MAX)} more characters)` : rest}
          </p>
        </details>
      )}
    </div>
  );
}

/**
 * A longer text (an answer, thoughts): the first `excerpt` characters, and a button for up to
 * EXPANDED_MAX in a scrolling box. `render` draws a piece (plain text by default).
 */
export function BoundedText({
  text,
  excerpt = 1_200,
  className,
  testId,
  render = (t) => t,
}: {
  text: string;
  excerpt?: number;
  className?: string;
  testId?: string;
  render?: (text: string) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const clean = stripControls(text);
  const long = clean.length > excerpt;
  const shown = !long ? clean : open ? clean.slice(0, EXPANDED_MAX) : `${clean.slice(0, excerpt).trimEnd()}…`;
  const hidden = clean.length - Math.min(clean.length, open ? EXPANDED_MAX : excerpt);
  return (
    <div className={`bounded ${className ?? ''}`} data-testid={testId}>
      <div dir="auto" className={`bidi-isolate${open && long ? ' bounded-scroll' : ''}`}>
        {render(shown)}
      </div>
      {long && (
        <button type="button" className="link-button bounded-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Show less' : `Show more (${count(clean.length)} characters)`}
        </button>
      )}
      {open && hidden > 0 && <p className="muted bounded-note">{count(hidden)} more characters are stored but not shown.</p>}
    </div>
  );
}

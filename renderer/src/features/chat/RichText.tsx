import { Fragment } from 'react';
import { stripControls } from '../../lib/safeText';

/**
 * Gemini's text and thought summaries use a little Markdown: paragraphs and **bold** headings.
 * Rendered as React text (never as HTML), so nothing in a reply can inject markup.
 */
export function RichText({ text, className }: { text: string; className?: string }) {
  const paragraphs = stripControls(text)
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div className={className}>
      {paragraphs.map((p, i) => (
        <p key={i} dir="auto" className="bidi-isolate">
          {p.split(/\*\*(.+?)\*\*/g).map((part, j) => (j % 2 === 1 ? <strong key={j}>{part}</strong> : <Fragment key={j}>{part}</Fragment>))}
        </p>
      ))}
    </div>
  );
}

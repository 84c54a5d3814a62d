/**
 * Two images stacked, the top one clipped at a handle the user drags or moves with the arrow
 * keys. Used for "any two" on the compare screen and for before/after on the canvas.
 */
import { useState, type ReactNode } from 'react';
import './viewers.css';

export function SwipeSlider({ left, right, leftLabel, rightLabel, testId }: { left: ReactNode; right: ReactNode; leftLabel: string; rightLabel: string; testId?: string }) {
  const [pos, setPos] = useState(50);
  return (
    <div className="swipe" data-testid={testId}>
      <div className="swipe-layer">{right}</div>
      <div className="swipe-layer swipe-top" style={{ clipPath: `inset(0 ${100 - pos}% 0 0)` }}>
        {left}
      </div>
      <div className="swipe-handle" style={{ left: `${pos}%` }} aria-hidden="true" />
      <span className="swipe-tag swipe-tag-left">{leftLabel}</span>
      <span className="swipe-tag swipe-tag-right">{rightLabel}</span>
      <input
        className="swipe-range"
        type="range"
        min={0}
        max={100}
        step={1}
        value={pos}
        aria-label={`Slide between ${leftLabel} and ${rightLabel}`}
        data-testid={testId ? `${testId}-range` : undefined}
        onChange={(e) => setPos(Number(e.target.value))}
      />
    </div>
  );
}

/**
 * Two images looked at closely: side by side, a wipe, their difference as a heat map with the
 * share of pixels that changed, a flicker (hold Space), and 1:1 pixels. Zoom and pan are shared
 * by every pane and kept across modes (react-zoom-pan-pinch, as the viewer uses). Used by
 * comparisons, library "compare selected" and an edit's before/after. With `blind`, nothing
 * shown names or sizes either image: the labels are the caller's ("Result A"), and the size note
 * says the same thing whatever the sizes are.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { TransformComponent, TransformWrapper, type ReactZoomPanPinchRef } from 'react-zoom-pan-pinch';
import { commonBox, containRect, pixelDiff } from './pixelDiff';
import './closeLook.css';

export type LookMode = 'side' | 'wipe' | 'diff' | 'flicker' | 'pixel';

export interface LookImage {
  src: string;
  label: string;
  width: number;
  height: number;
}

/** The modes, their keys and their names: the bar, the key handler and app/keymap.ts read this. */
export const LOOK_MODES: ReadonlyArray<{ mode: LookMode; key: string; label: string }> = [
  { mode: 'side', key: 'S', label: 'Side by side' },
  { mode: 'wipe', key: 'W', label: 'Wipe' },
  { mode: 'diff', key: 'D', label: 'Difference' },
  { mode: 'flicker', key: 'F', label: 'Flicker' },
  { mode: 'pixel', key: 'P', label: '1:1 pixels' },
];

/** The mode a key press asks for, if any (no modifiers). */
export function lookModeForKey(key: string): LookMode | null {
  return LOOK_MODES.find((m) => m.key === key.toUpperCase())?.mode ?? null;
}

const WIPE_STEP = 5;
/** The difference is measured at this size at most: enough to see where, cheap to compute. */
const DIFF_EDGE = 1024;
const DEFAULT_THRESHOLD = 8;

type Transform = { scale: number; positionX: number; positionY: number };

/** Panes that share one zoom and pan; the last transform is kept, so a new mode opens where the old one was. */
function usePaneGroup() {
  const refs = useRef(new Map<string, ReactZoomPanPinchRef>());
  const last = useRef<Transform>({ scale: 1, positionX: 0, positionY: 0 });
  const syncing = useRef(false);
  return {
    refs,
    last,
    follow(from: string, s: Transform) {
      last.current = { scale: s.scale, positionX: s.positionX, positionY: s.positionY };
      if (syncing.current) return;
      syncing.current = true;
      for (const [k, r] of refs.current) if (k !== from) r.setTransform(s.positionX, s.positionY, s.scale, 0);
      syncing.current = false;
    },
    all(fn: (r: ReactZoomPanPinchRef) => void) {
      const first = [...refs.current.values()][0];
      if (first) fn(first);
    },
    fit() {
      last.current = { scale: 1, positionX: 0, positionY: 0 };
      syncing.current = true;
      // Not resetTransform: that returns to the initial props, which are the transform the pane opened at.
      for (const r of refs.current.values()) r.setTransform(0, 0, 1, 0);
      syncing.current = false;
    },
  };
}
type PaneGroup = ReturnType<typeof usePaneGroup>;

/**
 * The screen's device pixels per CSS pixel, followed when the window moves to another screen or
 * the page is zoomed (a resolution media query that stops matching is the change event browsers give).
 */
function useDevicePixelRatio(): number {
  const [dpr, setDpr] = useState(() => window.devicePixelRatio || 1);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(`(resolution: ${dpr}dppx)`);
    const onChange = () => setDpr(window.devicePixelRatio || 1);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [dpr]);
  return dpr;
}

function Pane({ group, id, minScale = 1, children }: { group: PaneGroup; id: string; minScale?: number; children: ReactNode }) {
  // A pane of the previous mode must not be the one the keys and 1:1 drive.
  useEffect(() => () => void group.refs.current.delete(id), [group, id]);
  return (
    <TransformWrapper
      minScale={minScale}
      maxScale={16}
      initialScale={group.last.current.scale}
      initialPositionX={group.last.current.positionX}
      initialPositionY={group.last.current.positionY}
      doubleClick={{ mode: 'toggle', step: 2 }}
      onInit={(ref) => group.refs.current.set(id, ref)}
      onTransform={(_, s) => group.follow(id, s)}
    >
      <TransformComponent wrapperClass="look-zoom" contentClass="look-zoom-content">
        {children}
      </TransformComponent>
    </TransformWrapper>
  );
}

/** Both images drawn into one common box on canvases, compared; the heat map comes back as a data URL. */
async function diffOf(a: LookImage, b: LookImage, threshold: number): Promise<{ percent: number; url: string }> {
  const load = async (src: string) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    return img;
  };
  const [ia, ib] = await Promise.all([load(a.src), load(b.src)]);
  const box = commonBox([{ width: ia.naturalWidth, height: ia.naturalHeight }], DIFF_EDGE);
  const draw = (img: HTMLImageElement) => {
    const c = document.createElement('canvas');
    c.width = box.width;
    c.height = box.height;
    const g = c.getContext('2d', { willReadFrequently: true })!;
    g.fillStyle = '#000';
    g.fillRect(0, 0, box.width, box.height);
    const r = containRect(img.naturalWidth, img.naturalHeight, box.width, box.height);
    g.drawImage(img, r.x, r.y, r.w, r.h);
    return [c, g.getImageData(0, 0, box.width, box.height).data] as const;
  };
  const [canvas, da] = draw(ia);
  const [, db] = draw(ib);
  const { percentChanged, heat } = pixelDiff(da, db, threshold);
  canvas.getContext('2d')!.putImageData(new ImageData(heat, box.width, box.height), 0, 0);
  return { percent: percentChanged, url: canvas.toDataURL('image/png') };
}

const inField = (t: EventTarget | null) => t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;

export function CloseLook({ a: givenA, b: givenB, blind = false, initialMode = 'side', testId = 'close-look' }: { a: LookImage; b: LookImage; blind?: boolean; initialMode?: LookMode; testId?: string }) {
  const [mode, setMode] = useState<LookMode>(initialMode);
  // The sizes the caller knew, corrected by the images themselves once they load.
  const [natural, setNatural] = useState<{ a?: { width: number; height: number }; b?: { width: number; height: number } }>({});
  const a = { ...givenA, ...natural.a };
  const b = { ...givenB, ...natural.b };
  const [wipe, setWipe] = useState(50);
  const [held, setHeld] = useState(false);
  const [threshold, setThreshold] = useState(DEFAULT_THRESHOLD);
  const [diff, setDiff] = useState<{ percent: number; url: string; key: string } | null>(null);
  const [diffError, setDiffError] = useState<string | null>(null);
  const group = usePaneGroup();
  const stage = useRef<HTMLDivElement>(null);
  const diffKey = `${a.src}|${b.src}|${threshold}`;

  useEffect(() => {
    const onDown = (e: KeyboardEvent) => {
      if (inField(e.target) && !(e.target instanceof HTMLInputElement && e.target.type === 'range')) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === ' ') {
        // Held, not toggled: what shows is what the finger says.
        e.preventDefault();
        if (!e.repeat) {
          setMode('flicker');
          setHeld(true);
        }
        return;
      }
      const next = lookModeForKey(e.key);
      if (next) {
        e.preventDefault();
        setMode(next);
        return;
      }
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        if (e.target instanceof HTMLInputElement) return; // the range answers its own arrows
        e.preventDefault();
        setMode('wipe');
        const step = e.shiftKey ? 1 : WIPE_STEP;
        setWipe((w) => Math.max(0, Math.min(100, w + (e.key === 'ArrowLeft' ? -step : step))));
      } else if (e.key === ',' || e.key === '.') {
        e.preventDefault();
        setThreshold((t) => Math.max(0, Math.min(64, t + (e.key === ',' ? -2 : 2))));
      } else if (e.key === '+' || e.key === '=') {
        e.preventDefault();
        group.all((r) => r.zoomIn(0.5, 0));
      } else if (e.key === '-') {
        e.preventDefault();
        group.all((r) => r.zoomOut(0.5, 0));
      } else if (e.key === 'z' || e.key === 'Z') {
        e.preventDefault();
        group.fit();
      }
    };
    const onUp = (e: KeyboardEvent) => {
      if (e.key === ' ') {
        e.preventDefault();
        setHeld(false);
      }
    };
    window.addEventListener('keydown', onDown);
    window.addEventListener('keyup', onUp);
    return () => {
      window.removeEventListener('keydown', onDown);
      window.removeEventListener('keyup', onUp);
    };
  }, [group]);

  useEffect(() => {
    if (mode !== 'diff' || diff?.key === diffKey) return;
    let live = true;
    diffOf(givenA, givenB, threshold).then(
      (d) => live && setDiff({ ...d, key: diffKey }),
      () => live && setDiffError('The difference could not be computed: one of the images did not load.'),
    );
    return () => {
      live = false;
    };
  }, [mode, diffKey, diff?.key, givenA, givenB, threshold]);

  // 1:1: one pixel of the left image to one device pixel (not one CSS pixel: on a 2× screen that
  // would show each image pixel as four), in every pane (kept in sync). On a 2× screen a 1024 px
  // picture is then 512 CSS px, often smaller than its fitted view, so the panes may zoom below fit.
  const dpr = useDevicePixelRatio();
  const [pixelScale, setPixelScale] = useState(1);
  useEffect(() => {
    if (mode !== 'pixel') return;
    // The image's own layout box (transforms leave offset sizes alone), its picture fitted inside.
    const el = stage.current?.querySelector<HTMLImageElement>('[data-testid="look-img-a"]');
    if (!el || !el.offsetWidth) return;
    const fitted = Math.min(el.offsetWidth / a.width, el.offsetHeight / a.height);
    const scale = 1 / (fitted * dpr);
    setPixelScale(scale);
    const id = requestAnimationFrame(() => group.all((r) => r.centerView(scale, 0)));
    return () => cancelAnimationFrame(id);
  }, [mode, a.width, a.height, group, dpr]);
  const minScale = mode === 'pixel' ? Math.min(1, pixelScale) : 1;

  const sameSize = a.width === b.width && a.height === b.height;
  const sizeNote = blind
    ? 'Both are fitted to a common box.'
    : sameSize
      ? `Both are ${a.width}×${a.height}.`
      : `${a.label} is ${a.width}×${a.height} and ${b.label} ${b.width}×${b.height}: both are fitted to a common box (${a.label}'s shape).`;
  const img = (x: LookImage, testid: string) => {
    const which = x === a ? 'a' : 'b';
    return (
      <img
        src={x.src}
        alt={x.label}
        draggable={false}
        data-testid={testid}
        onLoad={(e) => {
          const { naturalWidth: width, naturalHeight: height } = e.currentTarget;
          if (width && height && (natural[which]?.width !== width || natural[which]?.height !== height)) setNatural((n) => ({ ...n, [which]: { width, height } }));
        }}
      />
    );
  };
  const boxStyle = { aspectRatio: `${a.width} / ${a.height}`, ['--look-ratio' as string]: String(a.width / a.height) };

  // Panes are keyed by mode: each mode mounts its own, opening at the shared transform.
  let body: ReactNode;
  if (mode === 'side' || mode === 'pixel') {
    body = (
      <div className="look-side">
        {[a, b].map((x, i) => (
          <figure key={`${mode}-${i}`} className="look-pane" style={boxStyle}>
            <Pane group={group} id={`${mode}-${i}`} minScale={minScale}>
              {img(x, `look-img-${i === 0 ? 'a' : 'b'}`)}
            </Pane>
            <figcaption className="swipe-tag swipe-tag-left">{x.label}</figcaption>
          </figure>
        ))}
      </div>
    );
  } else if (mode === 'wipe') {
    body = (
      <div className="look-pane look-stack" style={boxStyle} data-testid="look-wipe" data-wipe={wipe}>
        <div className="look-layer">
          <Pane group={group} id="wipe-b">
            {img(b, 'look-img-b')}
          </Pane>
        </div>
        <div className="look-layer" style={{ clipPath: `inset(0 ${100 - wipe}% 0 0)` }}>
          <Pane group={group} id="wipe-a">
            {img(a, 'look-img-a')}
          </Pane>
        </div>
        <div className="swipe-handle" style={{ left: `${wipe}%` }} aria-hidden="true" />
        <span className="swipe-tag swipe-tag-left">{a.label}</span>
        <span className="swipe-tag swipe-tag-right">{b.label}</span>
        <input
          className="swipe-range"
          type="range"
          min={0}
          max={100}
          step={1}
          value={wipe}
          aria-label={`Wipe between ${a.label} and ${b.label} (← →)`}
          data-testid="look-wipe-range"
          onChange={(e) => setWipe(Number(e.target.value))}
        />
      </div>
    );
  } else if (mode === 'flicker') {
    const showing = held ? b : a;
    body = (
      <div className="look-pane look-stack" style={boxStyle} data-testid="look-flicker" data-showing={held ? 'b' : 'a'}>
        <div className="look-layer">
          <Pane group={group} id="flicker-b">
            {img(b, 'look-img-b')}
          </Pane>
        </div>
        <div className="look-layer" style={{ visibility: held ? 'hidden' : 'visible' }}>
          <Pane group={group} id="flicker-a">
            {img(a, 'look-img-a')}
          </Pane>
        </div>
        <span className="swipe-tag swipe-tag-left" role="status">
          {showing.label} — {held ? 'let go of Space' : 'hold Space'} for {held ? a.label : b.label}
        </span>
        <button
          type="button"
          className="btn look-hold"
          onPointerDown={() => setHeld(true)}
          onPointerUp={() => setHeld(false)}
          onPointerLeave={() => setHeld(false)}
          data-testid="look-hold"
        >
          Hold to show {b.label}
        </button>
      </div>
    );
  } else {
    body = (
      <div className="look-pane look-stack" style={boxStyle} data-testid="look-diff">
        {diff?.key === diffKey ? (
          <Pane group={group} id="diff">
            <img src={diff.url} alt={`Difference between ${a.label} and ${b.label}`} draggable={false} data-testid="look-heat" />
          </Pane>
        ) : (
          <p className="muted look-wait" role="status">
            {diffError ?? 'Measuring the difference…'}
          </p>
        )}
      </div>
    );
  }

  return (
    <section className="close-look" data-testid={testId} data-mode={mode} aria-label="Look closely">
      <div className="look-bar">
        <div className="segmented" role="group" aria-label="How to look">
          {LOOK_MODES.map((m) => (
            <button key={m.mode} type="button" aria-pressed={mode === m.mode} onClick={() => setMode(m.mode)} data-testid={`look-mode-${m.mode}`}>
              {m.label} <kbd>{m.key}</kbd>
            </button>
          ))}
        </div>
        <button type="button" className="btn" onClick={() => group.fit()} data-testid="look-fit">
          Fit <kbd>Z</kbd>
        </button>
        {mode === 'diff' && (
          <label className="look-threshold">
            <span>Threshold</span>
            <input type="range" min={0} max={64} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} aria-label="Difference threshold, out of 255 (, and .)" data-testid="look-threshold" />
            <output>{threshold}</output>
          </label>
        )}
      </div>
      <div ref={stage} className="look-stage">
        {body}
      </div>
      <p className="muted look-note" data-testid="look-note">
        {mode === 'diff' && diff?.key === diffKey && (
          <strong data-testid="look-diff-percent">{`${diff.percent.toFixed(1)} % of pixels differ by more than ${threshold} of 255. `}</strong>
        )}
        {mode === 'pixel' && (blind ? 'One pixel of the left image to one pixel of your screen; the other follows at the same scale. ' : `One pixel of ${a.label} to one pixel of your screen; ${b.label} follows at the same scale. `)}
        {sizeNote} Scroll or pinch to zoom, drag to pan: every pane follows.
      </p>
    </section>
  );
}
